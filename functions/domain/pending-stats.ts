/**
 * The applier of the checkouts' counter adds (README § Dashboards, Checkouts at once). A checkout
 * records its adds on its bill instead of adding them in its own transaction, so 50 bills at once at
 * one store do not all write the store's and the chain's day items; this adds them afterwards, each
 * bill's in one transaction conditioned on the adds still being on the bill — exactly once however
 * many appliers run at once or retry. Counters are sums: a refund's negative adds (in the refund's
 * own transaction) may land before the bill's positive ones, and the figure is exact once both have.
 *
 * Who runs it: in AWS the table's stream (new bills with pending adds, within about a second) and a
 * sweep every minute for whatever the stream's function failed; locally the API's process every
 * ~500 ms; `npm run jobs:run -- stats` once.
 */
import type { Key } from '../store/keys';
import type { PendingStats } from '../store/stats';
import { applyPendingStatsTransaction, pendingStatsBills, pendingStatsOf } from '../store/stats-pending';

const MAX_ATTEMPTS = 6;
/** Bills applied side by side: each is its own small transaction. */
const AT_ONCE = 10;

/**
 * Adds one bill's recorded adds, or finds them already added. A TransactionConflict (another
 * applier on the same bill, a checkout or refund on the same counter shard) tries again, picking
 * shards afresh.
 */
export async function applyBillStats(bill: Key, pending: PendingStats): Promise<'applied' | 'already'> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await applyPendingStatsTransaction(bill, pending);
    if (outcome.ok) return 'applied';
    if (outcome.failed.includes('bill')) return 'already';
    if (attempt + 1 >= MAX_ATTEMPTS) throw new Error(`pending stats of ${bill.pk}: still conflicting after ${MAX_ATTEMPTS} attempts`);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
  }
}

/** Applies what these bills still carry, a few at a time. */
export async function applyBillsStats(bills: Array<{ bill: Key; pending: PendingStats }>): Promise<{ applied: number; already: number }> {
  const counts = { applied: 0, already: 0 };
  for (let i = 0; i < bills.length; i += AT_ONCE) {
    const outcomes = await Promise.all(bills.slice(i, i + AT_ONCE).map(({ bill, pending }) => applyBillStats(bill, pending)));
    for (const outcome of outcomes) counts[outcome]++;
  }
  return counts;
}

/**
 * One run of the sweep: the bills still pending (up to `perShard` per index shard, oldest first),
 * read, and applied. A run is bounded so; the next takes the rest.
 */
export async function applyPendingStats(perShard = 25): Promise<{ applied: number; already: number }> {
  const bills = await pendingStatsBills(perShard);
  if (bills.length === 0) return { applied: 0, already: 0 };
  return applyBillsStats(await pendingStatsOf(bills));
}

/** Applies until nothing is pending (tests and `npm run jobs:run -- stats`): runs of the sweep until one finds none. */
export async function settlePendingStats(): Promise<{ applied: number }> {
  let applied = 0;
  for (;;) {
    const run = await applyPendingStats();
    applied += run.applied;
    if (run.applied + run.already === 0) return { applied };
  }
}
