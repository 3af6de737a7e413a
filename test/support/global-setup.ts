/** One DynamoDB Local for the whole jest run (in memory); its endpoint reaches the workers by env. */
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startLeanDynamoDbLocal } from './lean-dynamodb';

declare global {
  var __DYNAMODB_LOCAL__: DynamoDbLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  const port = Number(process.env.TEST_DYNAMODB_PORT ?? 8600 + Math.floor(Math.random() * 300));
  const dynamodb = await startLeanDynamoDbLocal({ port });
  globalThis.__DYNAMODB_LOCAL__ = dynamodb;
  process.env.TEST_DYNAMODB_ENDPOINT = dynamodb.endpoint;
}
