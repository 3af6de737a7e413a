/** The local stack's ports and paths; every one can be changed by an environment variable. */
import { join } from 'node:path';
import { ROOT } from './serverless-config';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const localStack = {
  dynamodbPort: port('DYNAMODB_PORT', 8000),
  apiPort: port('API_PORT', 3000),
  apiLambdaPort: port('API_LAMBDA_PORT', 3002),
  wechatPort: port('WECHAT_PORT', 3100),
  h5Port: port('H5_PORT', 10086),
  /** DynamoDB Local's files: kept across restarts, wiped by `npm run reset`. */
  dataDir: process.env.TONGKA_DATA_DIR ?? join(ROOT, '.local', 'dynamodb'),
  tableName: 'tongka-local',
};
