/**
 * The birthday job's cost against the size of the member base: N members (default 100,000), of
 * whom 300 have their birthday today. Counts the items DynamoDB returns to the job (index pages
 * hold keys only; each match is then read once), to show it grows with the matches, not with N.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../shared/dates';
import { runBirthdayJob } from '../../functions/domain/campaigns/jobs';
import { db, table } from '../../functions/store/client';
import { memberItem } from '../../functions/store/members';
import type { MemberRecord } from '../../functions/store/records';

export interface BirthdayFigure {
  members: number;
  matched: number;
  /** Table items read (members, the campaign, its run…); index keys are counted apart. */
  itemsRead: number;
  indexKeysRead: number;
  calls: number;
}

function benchMember(i: number, birthday: string | null): Record<string, unknown> {
  const memberId = `bench_${String(i).padStart(7, '0')}`;
  const member: MemberRecord = {
    memberId,
    memberNo: String(20_000_000 + i),
    nickname: `会员${i}`,
    openid: `bench-openid-${i}`,
    points: i % 5_000,
    version: 1,
    spendDays: {},
    visitCount: 0,
    createdAt: new Date().toISOString(),
    ...(birthday ? { birthday } : {}),
  };
  return memberItem(member);
}

async function writeAll(items: Array<Record<string, unknown>>): Promise<void> {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const { UnprocessedItems } = await db().send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
        pending = (UnprocessedItems?.[table()] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Loads the member base, then runs the birthday job once, counting what it reads. */
export async function measureBirthdayJob(
  count: (reset: boolean) => { calls: number; items: number; indexItems: number },
  members = Number(process.env.BENCH_MEMBERS ?? 100_000),
  birthdays = 300,
): Promise<BirthdayFigure> {
  const today = shanghaiDate(Date.now()).slice(5);
  const otherDay = today === '01-01' ? '01-02' : '01-01';
  const every = Math.floor(members / birthdays);
  const items: Array<Record<string, unknown>> = [];
  for (let i = 0; i < members; i++) items.push(benchMember(i, i % every === 0 && i / every < birthdays ? today : i % 3 === 0 ? otherDay : null));
  await writeAll(items);
  count(true);
  const summary = await runBirthdayJob();
  const read = count(false);
  return { members, matched: summary.birthday?.matched ?? 0, itemsRead: read.items - read.indexItems, indexKeysRead: read.indexItems, calls: read.calls };
}
