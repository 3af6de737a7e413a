/** `npm run seed`: seed the local stack's table if it is empty. */
import { isSeeded, seedDemoChain } from './demo-chain';

async function main(): Promise<void> {
  const target = {
    tableName: process.env.TABLE_NAME ?? 'tongka-local',
    endpoint: process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
  };
  if (await isSeeded(target)) console.log(`${target.tableName} is already seeded`);
  else {
    await seedDemoChain(target);
    console.log(`Seeded the demo chain into ${target.tableName}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
