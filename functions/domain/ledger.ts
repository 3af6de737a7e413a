import { shanghaiIso } from '../../shared/dates';
import type { LedgerResponse } from '../../shared/schemas/member';
import { ValidationError } from '../lib/errors';
import { isLedgerPosition, listLedger } from '../store/ledger';
import { storeNames } from './stores';

/** The cursor is opaque to clients; inside it is a position in the caller's own ledger only. */
function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isLedgerPosition(sk)) {
    throw new ValidationError([{ field: 'cursor', message: 'not a cursor from this ledger' }]);
  }
  return sk;
}

export async function memberLedger(memberId: string, limit: number, cursor?: string): Promise<LedgerResponse> {
  const page = await listLedger(memberId, limit, decodeCursor(cursor));
  const names = await storeNames();
  return {
    items: page.items.map((entry) => ({
      id: entry.entryId,
      delta: entry.delta,
      balanceAfter: entry.balanceAfter,
      reason: entry.reason,
      storeId: entry.storeId,
      storeName: entry.storeId === null ? '积分兑换' : (names.get(entry.storeId) ?? entry.storeId),
      receiptNo: entry.receiptNo ?? null,
      at: shanghaiIso(Date.parse(entry.at)),
    })),
    nextCursor: page.after ? Buffer.from(page.after, 'utf8').toString('base64url') : null,
  };
}
