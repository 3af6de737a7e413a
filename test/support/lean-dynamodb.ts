/**
 * DynamoDB Local for the tests, on a lean JVM: the quick compiler only (-XX:TieredStopAtLevel=1) and
 * the single-threaded collector. On 2 shared cores the optimizing compiler's and G1's threads cost
 * more CPU than they win back within a test run: measured, the demo seed takes half the time and
 * the flash-claims test ~15% less CPU, no slower. Only the JVM started here sees the options.
 */
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';

const LEAN_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

export async function startLeanDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = before ? `${before} ${LEAN_JVM}` : LEAN_JVM;
  try {
    return await startDynamoDbLocal(options);
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
}
