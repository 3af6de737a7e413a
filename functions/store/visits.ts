import { keys } from './keys';
import { getItem } from './query';
import type { VisitRecord } from './records';
import { putItemTx, type LabeledItem } from './transactions';

export function visitPutItem(visit: VisitRecord): LabeledItem {
  // TTL removes it eventually (up to 48 h late); expiry itself is checked in the domain.
  const ttl = Math.floor(Date.parse(visit.expiresAt) / 1000) + 24 * 3600;
  return putItemTx('visit', { ...keys.visit(visit.visitId), ...visit, ttl }, 'new');
}

export const getVisit = (visitId: string) => getItem<VisitRecord>(keys.visit(visitId));

/** A visit in the member's history (README § Segments and pushes): a purchase or a checked-in booking. */
export function memberVisitPutItem(visit: { memberId: string; at: string; ref: string; kind: 'purchase' | 'booking'; storeId: string; amountFen: number }): LabeledItem {
  // Kept three years, then removed by TTL (shared/privacy/fields.ts: visit_history).
  const ttl = Math.floor(Date.parse(visit.at) / 1000) + 3 * 366 * 24 * 3600;
  return putItemTx('memberVisit', { ...keys.memberVisit(visit.memberId, visit.at, visit.ref), ...visit, ttl });
}
