import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../lib/config';
import { tracer } from '../lib/tracer';

let documentClient: DynamoDBDocumentClient | undefined;

/** One client per container. Locally it points at DynamoDB Local with one fake key and region. */
export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const endpoint = config.dynamodbEndpoint;
    // A stalled table must not hold a request until Lambda's timeout: each call gives up after
    // 2.5 s (the SDK retries throttling and timeouts, 3 attempts with backoff), and the handler
    // answers 503 (README § Failing safely). `throwOnRequestTimeout`: without it this SDK only logs a
    // warning at requestTimeout and keeps waiting — a paused DynamoDB held requests until it resumed.
    const timeouts = { requestHandler: { connectionTimeout: 1000, requestTimeout: 2500, throwOnRequestTimeout: true }, maxAttempts: 3 };
    // Every DynamoDB call an X-Ray subsegment (a no-op where tracing is off: locally, in tests).
    const client = tracer.captureAWSv3Client(
      new DynamoDBClient(endpoint ? { ...timeouts, endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : timeouts),
    );
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return documentClient;
}

export function table(): string {
  return config.tableName;
}
