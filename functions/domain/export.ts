/**
 * 导出我的数据 (README § Export, PIPL art. 45): the member's copy of everything the chain keeps about
 * them. Its cost follows the member's own items: the profile, one strongly consistent query of their
 * partition (paged to the end) and BatchGets of the bills those items reference — never a Scan.
 * A few per Shanghai day; each one audited in the member's 访问记录, in the transaction that counts it.
 */
import { createHash } from 'node:crypto';
import { addDays, shanghaiDate, shanghaiIso } from '../../shared/dates';
import { MEMBER_ACTION_WORDS, ROLE_WORDS, type AccessLogEntry, type MemberAuditAction } from '../../shared/schemas/audit';
import type { StaffRole } from '../../shared/schemas/auth';
import { EXPORT_SCHEMA_VERSION, type ExportDocument } from '../../shared/schemas/export';
import { config } from '../lib/config';
import { RateLimitedError, RetryableError } from '../lib/errors';
import { open, seal } from '../lib/field-crypto';
import { auditPutItem, SELF_ACTOR, type AuditLogRecord } from '../store/audit';
import { creditsOf } from '../store/campaigns';
import { getDuplicateCase } from '../store/duplicates';
import { getFollowUps, type FollowUpRecord, type RatingRecord } from '../store/ratings';
import { billsByIds, exportCountItem, memberItemPrefixes, memberPartitionItems, type BillWithReversal } from '../store/export';
import { idempotencyPutItem, settleLease } from '../store/idempotency';
import type { BookingRecord, LedgerRecord, MemberCouponRecord, MemberRecord } from '../store/records';
import type { PushMarker } from '../store/campaigns';
import { getStaffById } from '../store/staff';
import { runTransaction } from '../store/transactions';
import { bookingView } from './booking';
import { couponView } from './coupons';
import { stepsOf } from './follow-ups';
import { answerFor } from './idempotent-change';
import { newId } from './ids';
import { requireSignedInMember, staffViewOf } from './members';
import { birthYearOf, phoneOf } from './personal-data';
import { spend365Fen, tierOf } from './spend';
import { storeNames } from './stores';

/** A sealed document larger than this is not kept under its Idempotency-Key (an item holds 400 KB): a retry builds it again. */
const MAX_KEPT_BYTES = 350 * 1024;
const MAX_ATTEMPTS = 6;

/**
 * What a key keeps for 24 hours: the document sealed (functions/lib/field-crypto, bound to the
 * member's export scope) — it holds the clear phone and birth year, which are sealed everywhere else
 * at rest (README § Encryption) — or, while the export is being built or when it is too large to
 * keep, a note that a retry builds it again. A record kept by an earlier version holds the clear
 * document and is answered as it is until its TTL removes it.
 */
type KeptAnswer = ExportDocument | { sealed: string } | { rebuild: true; exportedAt: string };

/** The request a key is bound to: an export has no body, so only the caller. */
const requestOf = (memberId: string) => ({ export: memberId });
/** As functions/domain/idempotent-change.ts hashes a request, so `answerFor` reads the record written here. */
const hashRequest = (request: unknown) => createHash('sha256').update(JSON.stringify(request)).digest('base64url');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The start of the next Shanghai day (the counter's window ends there). */
function nextShanghaiMidnight(now: number): number {
  return Date.parse(`${addDays(shanghaiDate(now), 1)}T00:00:00+08:00`);
}

/**
 * 导出我的数据. A retry with the same key answers the same document and is not counted again: the
 * key's record is claimed in the same transaction as the day's counter and the audit entry, so a
 * key counts once however many duplicates arrive; the sealed document then replaces the claim's
 * note. A replay is answered only to the member still signed in (not once their erasure started).
 */
export async function exportMyData(memberId: string, idempotencyKey: string, now = Date.now): Promise<ExportDocument> {
  const scope = `data_export:${memberId}`;
  const request = requestOf(memberId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const kept = await answerFor<KeptAnswer>(scope, idempotencyKey, request);
    if (kept) {
      const member = await requireSignedInMember(memberId);
      if ('sealed' in kept) return JSON.parse(await open(kept.sealed, scope)) as ExportDocument;
      return 'rebuild' in kept ? buildExport(member, now()) : kept;
    }

    const member = await requireSignedInMember(memberId);
    const at = now();
    const windowEnd = nextShanghaiMidnight(at);
    const limit = config.exportsPerDay;
    const note: KeptAnswer = { rebuild: true, exportedAt: shanghaiIso(at) };
    const record = { requestHash: hashRequest(request), statusCode: 200, response: JSON.stringify(note) };
    const outcome = await runTransaction([
      exportCountItem(memberId, shanghaiDate(at), limit, Math.floor(windowEnd / 1000) + 3600),
      auditPutItem({
        auditId: newId('aud', at),
        memberId,
        memberNo: member.memberNo,
        staffId: SELF_ACTOR,
        storeId: null,
        action: 'data_export',
        ref: null,
        at: new Date(at).toISOString(),
      }),
      idempotencyPutItem(scope, idempotencyKey, record, at),
    ]);
    if (outcome.ok) {
      const document = await buildExport(member, at);
      const sealed = await seal(JSON.stringify(document), scope);
      if (Buffer.byteLength(sealed, 'utf8') <= MAX_KEPT_BYTES) await settleLease(scope, idempotencyKey, { ...record, response: JSON.stringify({ sealed }) }, at);
      return document;
    }
    // Another request with this key claimed it first: answer as it does (next turn of the loop).
    if (outcome.failed.includes('idempotency')) continue;
    if (outcome.failed.includes('rate')) {
      throw new RateLimitedError(`At most ${limit} exports a day; try again tomorrow`, (windowEnd - at) / 1000);
    }
    await sleep(Math.random() * Math.min(250, 10 * 2 ** attempt));
  }
  throw new RetryableError('busy', 'Too many simultaneous exports; retry with the same Idempotency-Key');
}

const iso = (at: string | undefined | null) => (at ? shanghaiIso(Date.parse(at)) : null);

const withPrefix = <T>(items: Array<Record<string, unknown>>, prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix)) as unknown as T[];

/** The member's history item of a purchase or a checked-in booking. */
interface MemberVisitItem {
  at: string;
  ref: string;
  kind: 'purchase' | 'booking';
  storeId: string;
  amountFen: number;
}

/** Every item of the member, read once, gathered into the document (no table keys, no staff names or ids). */
export async function buildExport(member: MemberRecord, now = Date.now()): Promise<ExportDocument> {
  const [items, names, duplicate, phone, birthYear] = await Promise.all([
    memberPartitionItems(member.memberId),
    storeNames(),
    member.duplicateCaseId ? getDuplicateCase(member.duplicateCaseId) : Promise.resolve(undefined),
    // Sealed at rest (README § Encryption): opened only for the member themself.
    phoneOf(member),
    birthYearOf(member),
  ]);
  const storeName = (storeId: string) => names.get(storeId) ?? storeId;

  const ledger = withPrefix<LedgerRecord>(items, memberItemPrefixes.ledger);
  const coupons = withPrefix<MemberCouponRecord>(items, memberItemPrefixes.coupon);
  const bookings = withPrefix<BookingRecord>(items, memberItemPrefixes.booking);
  const visits = withPrefix<MemberVisitItem>(items, memberItemPrefixes.visit);
  const audits = withPrefix<AuditLogRecord>(items, memberItemPrefixes.audit);
  const pushes = withPrefix<PushMarker>(items, memberItemPrefixes.push);
  const ratings = withPrefix<RatingRecord>(items, memberItemPrefixes.rating);

  // The member's bills: those their ledger entries, purchases and used coupons point at.
  const checkoutIds = new Set<string>();
  for (const entry of ledger) if (entry.checkoutId) checkoutIds.add(entry.checkoutId);
  for (const visit of visits) if (visit.kind === 'purchase') checkoutIds.add(visit.ref);
  for (const coupon of coupons) if (coupon.usedCheckoutId) checkoutIds.add(coupon.usedCheckoutId);
  // The follow-ups their low ratings opened or joined (门店已回复): BatchGets of the ids the ratings carry.
  const followUpIds = [...new Set(ratings.flatMap((r) => (r.followUpId ? [r.followUpId] : [])))];
  const [bills, accessLog, followUps] = await Promise.all([
    billsByIds([...checkoutIds]),
    accessLogOf(audits, names),
    followUpIds.length > 0 ? getFollowUps(followUpIds) : Promise.resolve([] as FollowUpRecord[]),
  ]);
  const followUpOf = new Map(followUps.map((f) => [f.followUpId, f]));

  const staffView = staffViewOf(member, now);
  const credits = creditsOf(member);
  const templates = config.messageTemplates;
  const otherConsents = Object.fromEntries(
    Object.entries(member).filter(([field, value]) => field.startsWith('privacy') && field !== 'privacyVersion' && field !== 'privacyAgreedAt' && isPlain(value)),
  ) as Record<string, string | number | boolean | null>;
  const consentField = (field: string) => {
    const value = (member as unknown as Record<string, unknown>)[field];
    return value === undefined || value === null ? null : String(value);
  };

  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: shanghaiIso(now),
    profile: {
      memberNo: member.memberNo,
      nickname: member.nickname,
      phone,
      birthday: member.birthday ?? null,
      birthYear,
      tier: tierOf(member, now),
      points: member.points,
      spend365Fen: spend365Fen(member, now),
      visitCount: member.visitCount ?? 0,
      bookingVisits: member.bookingVisits ?? 0,
      noShowCount: member.noShowCount ?? 0,
      firstVisitAt: iso(member.firstVisitAt),
      lastVisitAt: iso(member.lastVisitAt),
      storesVisited: (member.storesVisited ?? []).map((storeId) => ({ storeId, storeName: storeName(storeId) })),
      createdAt: shanghaiIso(Date.parse(member.createdAt)),
    },
    consents: {
      privacyVersion: consentField('privacyVersion'),
      privacyAgreedAt: iso(consentField('privacyAgreedAt')),
      other: otherConsents,
    },
    preferences: {
      marketingOptOut: member.marketingOptOut ?? false,
      targetingOptOut: member.targetingOptOut ?? false,
      lastMarketingPushAt: iso(member.lastMarketingPushAt),
    },
    subscriptions: {
      birthday: credits[templates.birthday] ?? 0,
      reactivation: credits[templates.reactivation] ?? 0,
      bookingReminder: credits[templates.bookingReminder] ?? 0,
      byTemplate: credits,
    },
    staffView: { maskedPhone: staffView.maskedPhone, tier: staffView.tier, segment: staffView.segment, tags: staffView.tags },
    ledger: ledger.map((e) => ({
      id: e.entryId,
      delta: e.delta,
      balanceAfter: e.balanceAfter,
      reason: e.reason,
      storeId: e.storeId,
      storeName: e.storeId === null ? '积分兑换' : storeName(e.storeId),
      receiptNo: e.receiptNo,
      checkoutId: e.checkoutId,
      at: shanghaiIso(Date.parse(e.at)),
    })),
    bills: [...bills.values()].sort((a, b) => a.bill.at.localeCompare(b.bill.at)).map((entry) => billOf(entry, storeName)),
    coupons: coupons.map((c) => ({ ...couponView(c, names, now), usedCheckoutId: c.usedCheckoutId ?? null })),
    bookings: bookings.map((b) => ({ ...bookingView(b, names), updatedAt: shanghaiIso(Date.parse(b.updatedAt)), reminderSentAt: iso(b.reminderSentAt) })),
    visits: visits.map((v) => ({ kind: v.kind, ref: v.ref, storeId: v.storeId, storeName: storeName(v.storeId), amountFen: v.amountFen, at: shanghaiIso(Date.parse(v.at)) })),
    accessLog,
    pushes: pushes.map((p) => ({ campaignId: p.campaignId, period: p.period, state: p.state, couponId: p.couponId ?? null, at: shanghaiIso(Date.parse(p.at)) })),
    ratings: ratings
      .map((r) => {
        // 门店已回复: the latest answer of any store (已联系 included), as 我的评价 shows it.
        const followUp = r.followUpId ? followUpOf.get(r.followUpId) : undefined;
        const latest = followUp ? stepsOf(followUp).at(-1) : undefined;
        return {
          ref: r.ref,
          storeId: r.storeId,
          storeName: storeName(r.storeId),
          stars: r.stars,
          tags: r.tags,
          comment: r.comment,
          visitAt: shanghaiIso(Date.parse(r.visitAt)),
          ratedAt: shanghaiIso(Date.parse(r.ratedAt)),
          storeReplied: latest !== undefined,
          repliedAt: latest ? shanghaiIso(Date.parse(latest.at)) : null,
          replyOutcome: latest?.outcome ?? null,
        };
      })
      .sort((a, b) => a.ratedAt.localeCompare(b.ratedAt)),
    duplicateCase:
      duplicate && duplicate.requesterId === member.memberId
        ? {
            caseId: duplicate.caseId,
            status: duplicate.status,
            createdAt: shanghaiIso(Date.parse(duplicate.createdAt)),
            requestedAt: iso(duplicate.requestedAt),
            note: duplicate.note ?? null,
            decidedAt: iso(duplicate.decidedAt),
            decisionNote: duplicate.decisionNote ?? null,
          }
        : null,
  };
}

const isPlain = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function billOf({ bill, reversal }: BillWithReversal, storeName: (storeId: string) => string): ExportDocument['bills'][number] {
  return {
    checkoutId: bill.checkoutId,
    receiptNo: bill.receiptNo,
    storeId: bill.storeId,
    storeName: storeName(bill.storeId),
    amountFen: bill.amountFen,
    couponDiscountFen: bill.couponDiscountFen ?? 0,
    pointsSpent: bill.pointsSpent,
    discountFen: bill.discountFen,
    payableFen: bill.payableFen,
    pointsEarned: bill.pointsEarned,
    couponsUsed: (bill.couponsUsed ?? []).map((c) => ({ couponId: c.couponId, name: c.name, discountFen: c.discountFen })),
    couponsIssued: (bill.couponsIssued ?? []).map((c) => ({ couponId: c.couponId, name: c.name })),
    businessDate: bill.businessDate,
    at: shanghaiIso(Date.parse(bill.at)),
    reversedAt: reversal ? shanghaiIso(Date.parse(reversal.at)) : null,
  };
}

/**
 * The member's 访问记录 from the audit items already read, newest first, exactly as `accessLog` in
 * ./audit.ts words them (store and role, never a name or a staff id) — without querying them again.
 */
async function accessLogOf(entries: AuditLogRecord[], names: Map<string, string>): Promise<AccessLogEntry[]> {
  const missingRoles = [...new Set(entries.filter((e) => e.staffId !== SELF_ACTOR && !e.staffRole).map((e) => e.staffId))];
  const accounts = await Promise.all(missingRoles.map(getStaffById));
  const roles = new Map(missingRoles.map((id, i) => [id, accounts[i]?.role ?? null]));
  return [...entries].reverse().map((e) => {
    const action = e.action as MemberAuditAction;
    const base = { id: e.auditId, action, actionText: MEMBER_ACTION_WORDS[action], at: shanghaiIso(Date.parse(e.at)) };
    if (e.staffId === SELF_ACTOR) return { ...base, storeId: null, storeName: '您本人', role: null, roleText: '本人操作' };
    const role: StaffRole | null = e.staffRole ?? roles.get(e.staffId) ?? null;
    return {
      ...base,
      storeId: e.storeId,
      storeName: e.storeId === null ? '总部' : (names.get(e.storeId) ?? '门店'),
      role,
      roleText: role ? ROLE_WORDS[role] : '门店员工',
    };
  });
}
