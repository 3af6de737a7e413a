/**
 * What counts as overdue, and the dashboards' open and overdue follow-ups (README § Ratings and
 * follow-ups). Apart from follow-ups.ts so that the dashboard reads it without importing the
 * coupon-giving domain (which itself adds to the dashboards' counters).
 */
import { getFollowUps, listOpenFollowUps, storeOpenFollowUps, type FollowUpRecord } from '../store/ratings';

/** Overdue: open, past its due time, and no store has answered yet. */
export const isOverdue = (f: Pick<FollowUpRecord, 'status' | 'dueAt' | 'respondedAt'>, nowIso: string) => f.status === 'open' && f.dueAt < nowIso && !f.respondedAt;

/**
 * The dashboard's open and overdue follow-ups per scope, bounded by what the scope has open: the
 * chain reads HQ's open queue once (and counts each store from it); a store alone queries only its
 * own links, then reads just those past due to see whether a store answered them.
 */
export async function openFollowUpFigures(scopes: string[], chainScope: string | null, now: number): Promise<Map<string, { open: number; overdue: number }>> {
  const nowIso = new Date(now).toISOString();
  const figures = new Map<string, { open: number; overdue: number }>();
  if (chainScope !== null) {
    const open = (await listOpenFollowUps()).filter((f) => f.status === 'open');
    for (const scope of scopes) {
      const mine = scope === chainScope ? open : open.filter((f) => f.storeIds.includes(scope));
      figures.set(scope, { open: mine.length, overdue: mine.filter((f) => isOverdue(f, nowIso)).length });
    }
    return figures;
  }
  await Promise.all(
    scopes.map(async (storeId) => {
      const links = await storeOpenFollowUps(storeId);
      const pastDue = links.filter((link) => link.dueAt < nowIso).map((link) => link.followUpId);
      const overdue = pastDue.length ? (await getFollowUps(pastDue)).filter((f) => isOverdue(f, nowIso)).length : 0;
      figures.set(storeId, { open: links.length, overdue });
    }),
  );
  return figures;
}
