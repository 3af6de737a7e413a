/**
 * 报手机号积分: a customer without the mini-program gives their phone at the counter. The clerk types
 * the full number; the member holding it opens a visit, or a new walk-in member is registered on it
 * and the visit opens. Lookups are by the full number only, audited in the visit's transaction (a
 * registration too), and limited per staff member per hour.
 */
import type { PhoneVisitResponse } from '../../shared/schemas/staff';
import { config } from '../lib/config';
import { RateLimitedError, RetryableError } from '../lib/errors';
import { memberCreateItems, memberIdByPhone } from '../store/members';
import { countAttempt } from '../store/rate-limits';
import type { StaffRecord } from '../store/records';
import { runTransaction } from '../store/transactions';
import { visitPutItem } from '../store/visits';
import { newWalkInMember, requireMember } from './members';
import { requireCounterStore } from './permissions';
import { newVisit, visitAnswer, visitAuditItem } from './visits';
import { welcomeMember } from './welcome';

const HOUR_MS = 3_600_000;
const MAX_ATTEMPTS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts this lookup against the staff member's hourly allowance before the phone is read, so a
 * refused lookup learns nothing. The window is the UTC hour; its counter item expires an hour after.
 */
async function countLookup(staff: StaffRecord, now: number): Promise<void> {
  const windowEnd = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
  const window = new Date(now).toISOString().slice(0, 13);
  const limit = config.phoneLookupsPerHour;
  if (!(await countAttempt('phone_lookup', staff.staffId, window, limit, windowEnd / 1000 + 3600))) {
    throw new RateLimitedError(`At most ${limit} phone lookups per hour; scan the member code or try again later`, (windowEnd - now) / 1000);
  }
}

/**
 * Opens a visit for the member holding `phone`, registering a walk-in member on it if none does.
 * Two clerks registering one phone at once race on the phone claim (`attribute_not_exists`, in the
 * same transaction as the member, its number, the visit and the audit entries): exactly one member
 * is made, and the loser finds it on its next look. A retried request does the same, so the phone
 * claim alone keeps registration exactly-once; a retry only opens one more short visit.
 */
export async function visitByPhone(staff: StaffRecord, phone: string, nickname?: string, now = Date.now()): Promise<PhoneVisitResponse> {
  const storeId = requireCounterStore(staff);
  await countLookup(staff, now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const memberId = await memberIdByPhone(phone);
    const member = memberId ? await requireMember(memberId) : await newWalkInMember(phone, nickname, now);
    const registered = !memberId;
    const visit = newVisit(staff, storeId, member.memberId, now);
    // The lookup is a staff read of the member, audited as `phone_lookup` (distinct from a scan's
    // `open_visit`) with the visit; a registration is a change: the member and its own
    // `register_walk_in` entry are written in that same transaction.
    const registration = registered ? [...memberCreateItems(member), visitAuditItem(visit, 'register_walk_in', now)] : [];
    const outcome = await runTransaction([...registration, visitPutItem(visit), visitAuditItem(visit, 'phone_lookup', now)]);
    if (outcome.ok) {
      // As at a first login (auth.ts): welcome rules once per member, a no-op once they ran. Run here
      // for members found too, so a registration interrupted before its welcome completes on the next lookup.
      await welcomeMember(member, now);
      return { ...(await visitAnswer(visit, member, now)), registered };
    }
    // Another request took the phone (or raced the same items): look again after a short pause.
    await sleep(Math.random() * Math.min(200, 10 * 2 ** attempt));
  }
  throw new RetryableError('busy', 'Could not open the visit; try again');
}
