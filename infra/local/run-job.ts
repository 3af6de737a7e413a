/**
 * `npm run jobs:run -- birthday|reactivation|reminders|deletion|seal-personal-data|cross-store|stats`: runs a job now against the local stack
 * that `npm start` is running (same table, same fake WeChat server), and prints its counts.
 * What was sent: http://127.0.0.1:3100/__fake/sent.
 */
import { localStack } from './ports';

const jobs = ['birthday', 'reactivation', 'reminders', 'deletion', 'seal-personal-data', 'cross-store', 'stats'] as const;

async function main(): Promise<void> {
  const name = process.argv[2] as (typeof jobs)[number] | undefined;
  if (!name || !jobs.includes(name)) {
    console.error(`usage: npm run jobs:run -- ${jobs.join('|')}`);
    process.exit(2);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.STAGE = 'local';
  process.env.TABLE_NAME ??= localStack.tableName;
  process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${localStack.dynamodbPort}`;
  process.env.WECHAT_API_BASE ??= `http://127.0.0.1:${localStack.wechatPort}`;
  process.env.WECHAT_APP_ID ??= 'wx0000000000000000';
  process.env.WECHAT_APP_SECRET ??= 'dev-app-secret';
  const { runBirthdayJob, runReactivationJob, runReminderJob } = await import('../../functions/domain/campaigns/jobs');
  if (name === 'deletion') {
    // `npm run jobs:run -- deletion [<ISO time>]`: as if run then (e.g. after the 7-day cooling-off, to try 注销会员).
    const at = process.argv[3] ? Date.parse(process.argv[3]) : Date.now();
    if (!Number.isFinite(at)) throw new Error(`not a time: ${process.argv[3]}`);
    const { runDeletionJob } = await import('../../functions/domain/deletion');
    console.log(JSON.stringify(await runDeletionJob({ now: () => at }), null, 2));
    return;
  }
  if (name === 'seal-personal-data') {
    const { sealPersonalData } = await import('../../functions/domain/seal-personal-data');
    console.log(JSON.stringify(await sealPersonalData(), null, 2));
    return;
  }
  if (name === 'cross-store') {
    const { issuePendingCrossStore } = await import('../../functions/domain/cross-store');
    console.log(JSON.stringify(await issuePendingCrossStore(), null, 2));
    return;
  }
  if (name === 'stats') {
    // The checkouts' counter adds still recorded on their bills (the API applies them every ~500 ms anyway).
    const { settlePendingStats } = await import('../../functions/domain/pending-stats');
    console.log(JSON.stringify(await settlePendingStats(), null, 2));
    return;
  }
  const run = { birthday: runBirthdayJob, reactivation: runReactivationJob, reminders: runReminderJob }[name];
  console.log(JSON.stringify(await run(), null, 2));
  console.log(`What the fake WeChat server received: ${process.env.WECHAT_API_BASE}/__fake/sent`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
