/**
 * The demo chain seeded once per jest run instead of once per test file. The first file seeds its
 * own table the ordinary way (infra/seed/demo-chain.ts), then copies it into a template table in the
 * run's shared DynamoDB Local; the files after it copy the template into their own table (one Scan
 * and a few BatchWriteItems: ~0.2 s instead of the seed's ~2–6 s of sequential domain calls).
 *
 * The copy is the very same data only where a fresh seed would write the same: the template is named
 * by everything the seed reads besides the table (the secrets, keys and notice version of TONGKA_* /
 * WECHAT_*, the stage, the time zone and today's date in Shanghai, UTC and locally), and is not used
 * once it is older than TEMPLATE_MAX_AGE_MS. A test file that changes one of those gets its own seed.
 */
import { createHash } from 'node:crypto';
import { BatchWriteItemCommand, GetItemCommand, PutItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClient } from '../../infra/local/dynamodb-local';
import { ensureTable } from '../../infra/local/tables';
import { seedDemoChain, type SeedTarget } from '../../infra/seed/demo-chain';
import { shanghaiDate } from '../../shared/dates';

/** A run is minutes long; a template older than this is from another run's idea of "now": seed afresh. */
const TEMPLATE_MAX_AGE_MS = 20 * 60_000;
/** The template's own marker, written last (so a half-copied template is never used) and never copied. */
const READY = { pk: { S: 'TEST#SEED-TEMPLATE' }, sk: { S: 'READY' } } satisfies Record<string, AttributeValue>;

/** Only the backoff and the fake server's address may differ without changing what the seed writes. */
const IRRELEVANT = new Set(['WECHAT_API_BASE', 'WECHAT_RETRY_BASE_MS']);

function templateName(now: number): string {
  const env = Object.entries(process.env)
    .filter(([name]) => (/^(TONGKA_|WECHAT_)/.test(name) && !IRRELEVANT.has(name)) || name === 'STAGE' || name === 'TZ')
    .sort(([a], [b]) => a.localeCompare(b));
  const at = new Date(now);
  const days = [shanghaiDate(now), at.toISOString().slice(0, 10), `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`];
  return `tongka-seed-${createHash('sha256').update(JSON.stringify({ env, days })).digest('hex').slice(0, 16)}`;
}

async function copyTable(from: { client: DynamoDBClient; tableName: string }, to: { client: DynamoDBClient; tableName: string }): Promise<void> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await from.client.send(new ScanCommand({ TableName: from.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).filter((item) => !(item.pk?.S === READY.pk.S && item.sk?.S === READY.sk.S)));
    start = page.LastEvaluatedKey;
  } while (start);
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  await Promise.all(
    batches.map(async (batch) => {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= 10) throw new Error(`copying the seed: ${requests.length} items still unprocessed`);
        const { UnprocessedItems } = await to.client.send(new BatchWriteItemCommand({ RequestItems: { [to.tableName]: requests } }));
        requests = (UnprocessedItems?.[to.tableName] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
    }),
  );
}

async function readyAt(client: DynamoDBClient, tableName: string): Promise<number | undefined> {
  try {
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: READY, ConsistentRead: true }));
    return Item?.seededAt?.N ? Number(Item.seededAt.N) : undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Waits for the file that is seeding the template (at most `ms`); its seeding time, or undefined if it never finished. */
async function waitForTemplate(client: DynamoDBClient, tableName: string, ms: number): Promise<number | undefined> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const seededAt = await readyAt(client, tableName);
    if (seededAt !== undefined) return seededAt;
  }
  return undefined;
}

/**
 * Seeds the demo chain into `target`: a copy of this run's template when there is a fitting one;
 * else, if no other file is making it, seeded afresh and kept as the template; else a copy once that
 * file is done (or, should it never be, seeded afresh).
 */
export async function seedFromTemplate(target: SeedTarget): Promise<void> {
  const shared = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!shared) return seedDemoChain(target);
  const now = Date.now();
  const template = templateName(now);
  const sharedClient = localClient(shared);
  const targetClient = localClient(target.endpoint);
  const copyTemplate = async () => {
    // The store layer reads these; seedDemoChain sets them as well.
    process.env.TABLE_NAME = target.tableName;
    process.env.DYNAMODB_ENDPOINT = target.endpoint;
    await copyTable({ client: sharedClient, tableName: template }, { client: targetClient, tableName: target.tableName });
  };
  const fresh = (seededAt: number | undefined) => seededAt !== undefined && Date.now() - seededAt < TEMPLATE_MAX_AGE_MS;
  try {
    let seededAt = await readyAt(sharedClient, template);
    if (fresh(seededAt)) return await copyTemplate();
    // A stale template stays as it is: this file seeds its own.
    if (seededAt !== undefined) return await seedDemoChain(target, now);
    // Whoever creates the template table seeds it; a file starting at the same moment waits for it.
    const mine = await ensureTable(shared, template).catch(() => false);
    if (!mine) {
      seededAt = await waitForTemplate(sharedClient, template, 30_000);
      return await (fresh(seededAt) ? copyTemplate() : seedDemoChain(target, Date.now()));
    }
    await seedDemoChain(target, now);
    await copyTable({ client: targetClient, tableName: target.tableName }, { client: sharedClient, tableName: template });
    await sharedClient.send(new PutItemCommand({ TableName: template, Item: { ...READY, seededAt: { N: String(now) } } }));
  } finally {
    sharedClient.destroy();
    targetClient.destroy();
  }
}
