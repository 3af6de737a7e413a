process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The WeChat build under test (`npm run test:weapp` builds it first): WeChat's own WXML/WXSS
// compilers over miniapp/dist/weapp, the card page rendered by miniprogram-simulate with data from
// the real local API, and a miniprogram-automator suite that runs only where WeChat DevTools is.
/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  // middy is ESM-only: let the transform reach it. The built mini-program is loaded as WeChat would
  // load it, untransformed.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)', '/miniapp/dist/'],
  // One DynamoDB Local per run, as in the integration tests (only the simulate test uses it).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
