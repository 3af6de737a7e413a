/**
 * X-Ray tracing on every function (README § Seeing it in production): the handler segment comes
 * from `captureLambdaHandler` in `api()` and `scheduled()`, DynamoDB calls from the captured client
 * (functions/store/client.ts). Off outside Lambda (no AWS_EXECUTION_ENV) and wherever
 * POWERTOOLS_TRACE_ENABLED=false (the local stage), so nothing tries to reach an X-Ray daemon.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'tongka',
  // Outbound HTTPS (WeChat) as subsegments; handler responses are kept out of trace metadata in
  // the middleware (`captureResponse: false`): they can hold a member's profile.
  captureHTTPsRequests: true,
});
