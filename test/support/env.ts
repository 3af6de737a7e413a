/** Environment every test file starts with (before any SDK module loads). */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.STAGE = 'local';
process.env.TONGKA_TOKEN_SECRET ??= 'test-token-secret-0123456789abcdef0123456789';
process.env.TONGKA_MEMBER_CODE_SECRET ??= 'test-member-code-secret-0123456789abcdef';
process.env.WECHAT_APP_ID ??= 'wx0000000000000000';
process.env.WECHAT_APP_SECRET ??= 'dev-app-secret';
// Powertools (README § Seeing it in production): no EMF lines and no X-Ray in tests; a test that
// wants the metrics sets POWERTOOLS_METRICS_DISABLED=false before importing the handlers.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
