import { shanghaiDate } from '../../shared/dates';
import { priceCheckout } from '../../shared/points';
import type { CheckoutResponse, ReverseResponse } from '../../shared/schemas/staff';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../lib/errors';
import { auditPutItem } from '../store/audit';
import { checkoutPutItems, getCheckout, reversalPutItem } from '../store/checkouts';
import { ledgerPutItem } from '../store/ledger';
import { memberUpdateItem } from '../store/members';
import type { CheckoutRecord, LedgerRecord, MemberRecord, StaffRecord } from '../store/records';
import { applyOnce } from './idempotent-change';
import { newId } from './ids';
import { requireMember, tierOf, withSpend } from './members';
import { mayReverseAt } from './staff';
import { requireOwnVisit } from './visits';

export interface CheckoutCommand {
  visitId: string;
  receiptNo: string;
  amountFen: number;
  redeemPoints: number;
  idempotencyKey: string;
}

function ledgerEntry(
  member: MemberRecord,
  checkout: CheckoutRecord,
  seq: number,
  fields: Pick<LedgerRecord, 'delta' | 'balanceAfter' | 'reason'>,
  staffId: string,
  at: string,
): LedgerRecord {
  return {
    entryId: `${checkout.checkoutId}-${seq}`,
    memberId: member.memberId,
    storeId: checkout.storeId,
    staffId,
    receiptNo: checkout.receiptNo,
    checkoutId: checkout.checkoutId,
    at,
    ...fields,
  };
}

/**
 * A bill at the counter: spend points first, then earn on what is paid, as one transaction of
 * ledger entries, the balance, the member's visit history, the receipt claim and the idempotency
 * record. The balance is computed from a consistent read and written only if nothing changed since.
 */
export async function checkout(staff: StaffRecord, command: CheckoutCommand, now = Date.now): Promise<CheckoutResponse> {
  const { visitId, receiptNo, amountFen, redeemPoints } = command;
  return applyOnce<CheckoutResponse>({
    scope: `checkout:${staff.staffId}`,
    key: command.idempotencyKey,
    request: { visitId, receiptNo, amountFen, redeemPoints },
    plan: async () => {
      const at = now();
      const visit = await requireOwnVisit(staff, visitId, at);
      const member = await requireMember(visit.memberId);
      const amounts = priceCheckout({ amountFen, redeemPoints, tier: tierOf(member, at) });
      if (amounts.pointsSpent > member.points) {
        throw new BusinessRuleError('insufficient_points', `The member has ${member.points} points, fewer than ${amounts.pointsSpent}`, [
          { field: 'redeemPoints', message: `only ${member.points} points available` },
        ]);
      }
      const atIso = new Date(at).toISOString();
      const record: CheckoutRecord = {
        checkoutId: newId('chk', at),
        memberId: member.memberId,
        storeId: visit.storeId,
        staffId: staff.staffId,
        visitId,
        receiptNo,
        amountFen,
        ...amounts,
        businessDate: shanghaiDate(at),
        at: atIso,
      };
      const afterSpend = member.points - amounts.pointsSpent;
      const balance = afterSpend + amounts.pointsEarned;
      const entries: LedgerRecord[] = [];
      if (amounts.pointsSpent > 0) {
        entries.push(ledgerEntry(member, record, 1, { delta: -amounts.pointsSpent, balanceAfter: afterSpend, reason: 'spend' }, staff.staffId, atIso));
      }
      if (amounts.pointsEarned > 0) {
        entries.push(ledgerEntry(member, record, 2, { delta: amounts.pointsEarned, balanceAfter: balance, reason: 'earn' }, staff.staffId, atIso));
      }
      return {
        response: { checkoutId: record.checkoutId, ...amounts, balance },
        items: [
          ...checkoutPutItems(record),
          ...entries.map((entry) => ledgerPutItem(entry, atIso)),
          memberUpdateItem(member, {
            points: balance,
            spendDays: withSpend(member.spendDays, record.businessDate, amounts.payableFen, at),
            visitCount: (member.visitCount ?? 0) + 1,
            firstVisitAt: member.firstVisitAt ?? atIso,
            lastVisitAt: atIso,
          }),
          auditPutItem({ auditId: newId('aud', at), memberId: member.memberId, staffId: staff.staffId, storeId: visit.storeId, action: 'checkout', ref: record.checkoutId, at: atIso }),
        ],
        onConditionFailed: (failed) => {
          if (failed.includes('receipt')) {
            throw new ConflictError('receipt_used', `Receipt ${receiptNo} has already been checked out at this store`);
          }
        },
      };
    },
  });
}

/**
 * A manager's refund of a bill: the points spent come back and the points earned go, as two new
 * ledger entries; the spend leaves the tier window. Refused if the member has already spent the
 * points the bill earned (the balance never goes negative): settle that at the counter first.
 */
export async function reverseCheckout(
  staff: StaffRecord,
  command: { checkoutId: string; idempotencyKey: string },
  now = Date.now,
): Promise<ReverseResponse> {
  const { checkoutId } = command;
  return applyOnce<ReverseResponse>({
    scope: `reverse:${staff.staffId}`,
    key: command.idempotencyKey,
    request: { checkoutId },
    plan: async () => {
      const at = now();
      const bill = await getCheckout(checkoutId);
      if (!bill) throw new NotFoundError('checkout_not_found', 'No such checkout');
      if (!mayReverseAt(staff, bill.storeId)) {
        throw new ForbiddenError('not_store_manager', 'Only a manager of the store where the bill was made can reverse it');
      }
      const member = await requireMember(bill.memberId);
      const afterRestore = member.points + bill.pointsSpent;
      const balance = afterRestore - bill.pointsEarned;
      if (balance < 0) {
        throw new BusinessRuleError(
          'points_already_spent',
          `The member has already used points earned on this bill (balance ${member.points}, earned ${bill.pointsEarned})`,
        );
      }
      const atIso = new Date(at).toISOString();
      const entry = (seq: number, fields: Pick<LedgerRecord, 'delta' | 'balanceAfter' | 'reason'>): LedgerRecord => ({
        entryId: `${bill.checkoutId}-r${seq}`,
        memberId: member.memberId,
        storeId: bill.storeId,
        staffId: staff.staffId,
        receiptNo: bill.receiptNo,
        checkoutId: bill.checkoutId,
        at: atIso,
        ...fields,
      });
      const entries: LedgerRecord[] = [];
      if (bill.pointsSpent > 0) entries.push(entry(1, { delta: bill.pointsSpent, balanceAfter: afterRestore, reason: 'reverse_spend' }));
      if (bill.pointsEarned > 0) entries.push(entry(2, { delta: -bill.pointsEarned, balanceAfter: balance, reason: 'reverse_earn' }));
      return {
        response: { checkoutId, pointsRestored: bill.pointsSpent, pointsClawedBack: bill.pointsEarned, balance },
        items: [
          reversalPutItem(checkoutId, staff.staffId, atIso),
          ...entries.map((e) => ledgerPutItem(e, atIso)),
          memberUpdateItem(member, {
            points: balance,
            spendDays: withSpend(member.spendDays, bill.businessDate, -bill.payableFen, at),
            visitCount: member.visitCount ?? 0,
            firstVisitAt: member.firstVisitAt,
            lastVisitAt: member.lastVisitAt,
          }),
          auditPutItem({ auditId: newId('aud', at), memberId: member.memberId, staffId: staff.staffId, storeId: bill.storeId, action: 'reverse_checkout', ref: checkoutId, at: atIso }),
        ],
        onConditionFailed: (failed) => {
          if (failed.includes('reversal')) throw new ConflictError('already_reversed', 'This checkout has already been reversed');
        },
      };
    },
  });
}
