/**
 * Every piece of personal information Tongka keeps, in one place (issue 12 §2): what it is, why it
 * is kept, who sees it, how long it is kept and on what legal basis (PIPL art. 13). The privacy
 * notice the app shows (shared/privacy/notice.ts), PRIVACY.md (`npm run privacy`) and
 * GET /v1/privacy/notice are generated from this list, so they cannot drift from it.
 *
 * A new attribute on the member's profile (`MemberRecord` in functions/store/records.ts) must be
 * listed under `memberFields` of some entry: test/unit/privacy.test.ts fails otherwise. A change
 * that alters the notice's text needs a new PRIVACY_NOTICE_VERSION (notice.ts says how).
 */

/** Who can see the data. Staff see members only through an open visit, and the phone only masked. */
export type Audience = 'self' | 'clerk_masked' | 'clerk' | 'manager' | 'hq' | 'nobody';

export const AUDIENCE_LABELS: Record<Audience, string> = {
  self: '本人',
  clerk_masked: '店员（脱敏）',
  clerk: '店员',
  manager: '店长',
  hq: '总部',
  nobody: '仅系统使用，无人查看',
};

/** PIPL art. 13: consent (1), what the membership contract needs (2), a legal obligation (3). */
export type LegalBasis = 'contract' | 'consent' | 'legal_obligation';

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  contract: '履行会员服务合同所必需（《个人信息保护法》第十三条第一款第二项）',
  consent: '您的同意（《个人信息保护法》第十三条第一款第一项）',
  legal_obligation: '履行法定义务所必需（《个人信息保护法》第十三条第一款第三项）',
};

/**
 * How long it is kept, as enforced:
 * - `membership`: while the membership lasts; erased when it is deleted (注销会员, the deletion job);
 * - `pseudonymized_on_deletion`: while the membership lasts; the deletion job keeps it for the
 *   stores' accounts but cuts every link to the person (the ledger under the member id alone, the
 *   member number naming no one, a follow-up without name, number, phone or comments);
 * - `ttl`: DynamoDB removes the item by its `ttl` attribute `seconds` after `from` (may lag 48 h;
 *   expiry is also checked in code where it matters);
 * - `commerce`: transaction records kept `years` (《电子商务法》第三十一条: at least three years),
 *   then pseudonymized (or removed) — the link to the person is cut by the deletion job earlier, when
 *   the member deletes their membership;
 * - `not_stored`: never written to the table.
 */
export type Retention =
  | { kind: 'membership' }
  | { kind: 'pseudonymized_on_deletion' }
  | { kind: 'ttl'; seconds: number; from: string }
  | { kind: 'commerce'; years: number; then: 'pseudonymized' | 'removed' }
  | { kind: 'not_stored'; validSeconds?: number };

export type DataGroup = 'account' | 'profile' | 'marketing' | 'transactions' | 'service' | 'security';

export const GROUP_LABELS: Record<DataGroup, string> = {
  account: '账号与身份',
  profile: '会员资料',
  marketing: '会员分群与营销',
  transactions: '交易与积分',
  service: '预约、到店与优惠券',
  security: '安全与审计',
};

export interface PersonalField {
  /** Stable id (used in the API's `fields` and in tests). */
  id: string;
  group: DataGroup;
  /** 中文名称 as the notice shows it. */
  name: string;
  /** Where it lives: an attribute of the member's profile, or an item kind of the table (functions/store/keys.ts). */
  stored: string;
  /** The MemberRecord attributes this entry covers (`credit_*`: every subscription credit). */
  memberFields?: readonly string[];
  /** 为什么收集. */
  purpose: string;
  seenBy: readonly Audience[];
  retention: Retention;
  legalBasis: LegalBasis;
  /** Anything else the notice should say about it. */
  note?: string;
}

const DAY = 24 * 3600;
const HOUR = 3600;

// Marked pure so that a bundle which imports only the labels or retentionText (every function that
// checks consent) leaves the list out: esbuild keeps `3 * 366 * DAY` otherwise, as if it could run code.
export const PERSONAL_FIELDS: readonly PersonalField[] = /* @__PURE__ */ (() => [
  // ---- 账号与身份 -------------------------------------------------------------------------------
  {
    id: 'wechat_openid',
    group: 'account',
    name: '微信 openid / unionid',
    stored: 'MemberRecord.openid, .unionid; WECHAT#<openid> (身份映射)',
    memberFields: ['openid', 'unionid'],
    purpose:
      '识别您的微信账号，让您无需注册即可登录同一张会员卡。首次登录时即保存（没有它无法建立账号）：您点击「不同意」时立即删除，既未同意也未拒绝的 24 小时后自动删除；在您同意本政策之前不保存其他任何个人信息。',
    seenBy: ['nobody'],
    retention: { kind: 'membership' },
    legalBasis: 'contract',
  },
  {
    id: 'member_identity',
    group: 'account',
    name: '会员号与会员账号记录',
    stored: 'MemberRecord.memberId, .memberNo, .createdAt; MEMBERNO#<no>; 合并记录',
    // `ttl`: the first login's account until the member agrees (removed at agreement; store/pending-members.ts).
    memberFields: ['memberId', 'memberNo', 'createdAt', 'version', 'bookingVersion', 'welcomeDoneAt', 'mergedInto', 'mergeState', 'merge', 'mergeLock', 'ttl'],
    purpose: '标识您的会员卡（8 位会员号），在各门店通用；记录两个会员账号合并为一个的过程（绑定手机号或总部处理重复会员时）。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'pseudonymized_on_deletion' },
    legalBasis: 'contract',
    note: '注销会员后，会员编号不再对应任何人，仅作为账单和积分明细的去标识化编号保留。',
  },
  {
    id: 'deletion_request',
    group: 'account',
    name: '注销申请',
    stored: 'MemberRecord.deletionRequestedAt, .deletionDueAt, .deletionState, .deletion（注销任务索引 gsi1）',
    memberFields: ['deletionRequestedAt', 'deletionDueAt', 'deletionState', 'deletion'],
    purpose: '记录您申请注销会员的时间和 7 天冷静期的到期日（冷静期内可撤销），供注销任务按期执行。',
    seenBy: ['self'],
    retention: { kind: 'membership' },
    legalBasis: 'legal_obligation',
    note: '注销完成后只保留不含个人信息的注销完成记录。',
  },
  {
    id: 'phone',
    group: 'account',
    name: '手机号',
    stored: 'MemberRecord.phoneSealed（AES-256-GCM 加密）, .phoneIndex（HMAC）, .phoneMasked; PHONE#<HMAC>（查找索引）',
    // `phone`: the clear number of records written before the encryption (migrated by its job).
    memberFields: ['phone', 'phoneSealed', 'phoneIndex', 'phoneMasked'],
    purpose: '您在小程序中绑定手机号（微信授权）后，在门店报手机号即可积分；在门店只报手机号办理的会员卡（未使用小程序）由此与您的微信会员卡合并。',
    seenBy: ['self', 'clerk_masked', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'consent',
    note: '手机号加密存储；店员只能看到脱敏号码（如 138****5678），且每名店员每小时的手机号查询次数有限。',
  },
  {
    id: 'consent',
    group: 'account',
    name: '同意记录（政策版本与同意时间）',
    stored: 'MemberRecord.privacyVersion, .privacyAgreedAt',
    memberFields: ['privacyVersion', 'privacyAgreedAt'],
    purpose: '证明您同意了哪一版个人信息保护政策、何时同意；政策更新后请您重新确认。',
    seenBy: ['self', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'legal_obligation',
  },
  {
    id: 'session',
    group: 'account',
    name: '登录凭证',
    stored: '签名令牌（JWT），只保存在您的手机上，服务器不保存',
    purpose: '登录后访问您的会员卡。微信的 session_key 从不离开服务器。',
    seenBy: ['self'],
    retention: { kind: 'not_stored', validSeconds: 2 * HOUR },
    legalBasis: 'contract',
  },
  // ---- 会员资料 ---------------------------------------------------------------------------------
  {
    id: 'nickname',
    group: 'profile',
    name: '昵称',
    stored: 'MemberRecord.nickname（也随预约保存）',
    memberFields: ['nickname'],
    purpose: '在会员卡和门店接待时称呼您。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'contract',
  },
  {
    id: 'birthday',
    group: 'profile',
    name: '生日（月-日）',
    stored: 'MemberRecord.birthday（生日索引 gsi2）',
    memberFields: ['birthday'],
    purpose: '在生日当天发放生日礼券（仅在您填写后）。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'consent',
  },
  {
    id: 'birth_year',
    group: 'profile',
    name: '出生年份',
    stored: 'MemberRecord.birthYearSealed（AES-256-GCM 加密）',
    memberFields: ['birthYear', 'birthYearSealed'],
    purpose: '您选填的出生年份，仅供您本人查看和更正；不向门店员工展示。',
    seenBy: ['self'],
    retention: { kind: 'membership' },
    legalBasis: 'consent',
  },
  {
    id: 'preferences',
    group: 'profile',
    name: '隐私开关（营销推送、个性化推荐）',
    stored: 'MemberRecord.marketingOptOut, .targetingOptOut, .lastMarketingPushAt',
    memberFields: ['marketingOptOut', 'targetingOptOut', 'lastMarketingPushAt'],
    purpose: '记住您关闭营销推送或基于分群的推荐（《个人信息保护法》第二十四条），以及上次营销推送的时间（控制推送频率）。',
    seenBy: ['self'],
    retention: { kind: 'membership' },
    legalBasis: 'legal_obligation',
  },
  {
    id: 'subscriptions',
    group: 'profile',
    name: '订阅消息授权次数',
    stored: 'MemberRecord.credit_<模板id>',
    memberFields: ['credit_*'],
    purpose: '您每次在微信中同意接收某类订阅消息（生日礼、唤醒优惠、预约提醒），我们可以发送一次该类消息。',
    seenBy: ['self'],
    retention: { kind: 'membership' },
    legalBasis: 'consent',
  },
  // ---- 会员分群与营销 ------------------------------------------------------------------------------
  {
    id: 'segment',
    group: 'marketing',
    name: '会员分群、标签与 RFM 评分',
    stored: 'MemberRecord.segment, .tags, .rfm, .lapseStage, .lapseDate（唤醒索引 gsi3）',
    memberFields: ['segment', 'rfm', 'tags', 'lapseStage', 'lapseDate'],
    purpose: '根据到店和消费情况自动分群（新客、活跃、流失风险、沉睡、VIP），用于门店服务和唤醒优惠。您可以一键关闭基于分群的推荐。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'consent',
  },
  {
    id: 'push_records',
    group: 'marketing',
    name: '活动推送与发券记录',
    stored: 'PUSH#<活动>#<周期>, RULEISSUE#（会员分区内）',
    purpose: '保证每个活动每个周期最多给您推送、发券一次。',
    seenBy: ['nobody'],
    retention: { kind: 'membership' },
    legalBasis: 'contract',
  },
  // ---- 交易与积分 ---------------------------------------------------------------------------------
  {
    id: 'points_summary',
    group: 'transactions',
    name: '积分余额与消费统计',
    stored:
      'MemberRecord.points, .spendDays, .visitCount, .firstVisitAt, .lastVisitAt, .visitDays, .storesVisited, .bookingVisits, .noShowCount, .firstStoreId, .lastVisitByStore, .lastRepeatByStore',
    memberFields: [
      'points',
      'spendDays',
      'visitCount',
      'firstVisitAt',
      'lastVisitAt',
      'visitDays',
      'storesVisited',
      'bookingVisits',
      'noShowCount',
      'firstStoreId',
      'lastVisitByStore',
      'lastRepeatByStore',
    ],
    purpose:
      '计算积分余额、会员等级（近 365 天消费）、到店次数和爽约次数；记录首次到店的门店和在各门店最近到店的日期，用于门店数据看板（只计人数，不显示个人）。按日统计只保留最近 365 天。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'contract',
  },
  {
    id: 'ledger',
    group: 'transactions',
    name: '积分明细',
    stored: 'LEDGER#（会员分区内）',
    purpose: '记录每一笔积分的增减（消费积分、抵扣、兑换、退款），您可在「积分明细」中查看。',
    seenBy: ['self', 'manager', 'hq'],
    retention: { kind: 'pseudonymized_on_deletion' },
    legalBasis: 'legal_obligation',
    note: '积分余额等于明细之和，会员期间完整保留。',
  },
  {
    id: 'bills',
    group: 'transactions',
    name: '消费账单（金额、门店、小票号、使用的优惠券）',
    stored: 'CHECKOUT#<id>（账单与冲正）, RECEIPT#<门店>#<小票号>',
    purpose: '门店收银积分、退款冲正和对账；同一小票只积分一次。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'commerce', years: 3, then: 'removed' },
    legalBasis: 'legal_obligation',
  },
  {
    id: 'visit_history',
    group: 'transactions',
    name: '到店历史（消费与已到店的预约）',
    stored: 'VISIT#<时间>（会员分区内）',
    purpose: '记录您在哪家门店、何时消费或到店，用于会员分群和您的数据导出。',
    seenBy: ['self', 'manager', 'hq'],
    retention: { kind: 'ttl', seconds: 3 * 366 * DAY, from: '到店时间' },
    legalBasis: 'contract',
    note: '注销会员时一并删除。',
  },
  // ---- 预约、到店与优惠券 ---------------------------------------------------------------------------
  {
    id: 'coupons',
    group: 'service',
    name: '优惠券',
    stored: 'COUPON#, TEMPLATECOUNT#（会员分区内）',
    purpose: '您领取、兑换或获赠的优惠券及其使用情况。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'contract',
  },
  {
    id: 'bookings',
    group: 'service',
    name: '预约（门店、项目、时间、昵称）',
    stored: 'BOOKING#（会员分区内）, BOOKING#<id> REF, 门店当日预约索引',
    purpose: '为您保留预约名额、提醒您（仅在您同意时）、门店接待和标记到店或爽约。',
    seenBy: ['self', 'clerk', 'manager', 'hq'],
    retention: { kind: 'membership' },
    legalBasis: 'contract',
  },
  {
    id: 'ratings',
    group: 'service',
    name: '评价（星级、标签、评论）与门店跟进',
    stored: 'RATING#（会员分区内）; FOLLOWUP#<id>（低分评价的跟进：门店、结果、店长备注）',
    purpose: '您对一次到店的评价；3 星及以下时由门店店长跟进（全连锁只跟进一次），您可看到「门店已回复」。',
    seenBy: ['self', 'manager', 'hq'],
    retention: { kind: 'pseudonymized_on_deletion' },
    legalBasis: 'consent',
    note: '注销会员后，您的评价记录删除；门店的跟进记录保留星级、标签、门店和处理结果，但删除会员号、昵称、手机号、评论和店长备注，不再与您本人关联，尚未结束的跟进随之撤回。门店汇总的评分数（按门店与日期的计数和星级合计）不含个人信息，注销后保留。',
  },
  {
    id: 'counter_visits',
    group: 'service',
    name: '柜台接待会话',
    stored: 'VISIT#<visitId>',
    purpose: '店员扫描您的会员码（或您报手机号）后开启的 15 分钟接待，用于本次收银。',
    seenBy: ['clerk', 'manager'],
    retention: { kind: 'ttl', seconds: DAY, from: '接待结束' },
    legalBasis: 'contract',
  },
  // ---- 安全与审计 ---------------------------------------------------------------------------------
  {
    id: 'access_log',
    group: 'security',
    name: '访问记录（哪家门店、哪类员工查看或修改了您的资料）',
    stored: 'AUDIT#（会员分区内）',
    purpose: '让您知道谁查看过您的资料（「访问记录」），供总部核查员工操作。',
    seenBy: ['self', 'manager', 'hq'],
    retention: { kind: 'ttl', seconds: 3 * 366 * DAY, from: '记录时间' },
    legalBasis: 'legal_obligation',
    note: '注销会员后保留至到期，但不再与您的个人信息关联。',
  },
  {
    id: 'idempotency',
    group: 'security',
    name: '防重复提交记录（含手机号授权的换取结果、数据导出副本）',
    stored: 'IDEMPOTENCY#<范围>#<键>',
    purpose: '网络重试时保证同一操作只执行一次（例如一笔账单只积分一次；一次手机号授权只向微信换取一次号码）。',
    seenBy: ['nobody'],
    retention: { kind: 'ttl', seconds: DAY, from: '提交时间' },
    legalBasis: 'contract',
  },
  {
    id: 'rate_limits',
    group: 'security',
    name: '频率限制计数',
    stored: 'RATE#<操作>#<对象>#<时段>',
    purpose: '限制店员按手机号查询会员的次数，防止批量查询。',
    seenBy: ['nobody'],
    retention: { kind: 'ttl', seconds: HOUR, from: '时段结束' },
    legalBasis: 'legal_obligation',
  },
  {
    id: 'duplicate_cases',
    group: 'security',
    name: '重复会员处理记录',
    stored: 'MemberRecord.duplicateCaseId; DUPCASE#<id>',
    memberFields: ['duplicateCaseId'],
    purpose: '您绑定的手机号已属于另一个微信会员时，由总部核实后合并或驳回；记录双方会员号、手机号（总部只看到脱敏号码）和处理结果。',
    seenBy: ['self', 'hq'],
    retention: { kind: 'ttl', seconds: 366 * DAY, from: '处理完毕' },
    legalBasis: 'contract',
  },
])();

/** The retention in Chinese, as the notice and PRIVACY.md say it. */
export function retentionText(retention: Retention): string {
  switch (retention.kind) {
    case 'membership':
      return '会员存续期间；注销会员后删除';
    case 'pseudonymized_on_deletion':
      return '会员存续期间；注销会员后去标识化保留（供门店对账，不再与您本人关联）';
    case 'ttl': {
      const { seconds } = retention;
      const span = seconds % (366 * DAY) === 0 ? `${seconds / (366 * DAY)} 年` : seconds % DAY === 0 ? `${seconds / DAY} 天` : `${seconds / HOUR} 小时`;
      return `${retention.from}后 ${span}，到期自动删除`;
    }
    case 'commerce':
      return `自交易之日起 ${retention.years} 年（《电子商务法》第三十一条），之后${retention.then === 'pseudonymized' ? '去标识化' : '删除'}；注销会员后即与您本人断开关联`;
    case 'not_stored':
      return retention.validSeconds ? `不在服务器保存；有效期 ${retention.validSeconds / HOUR} 小时` : '不在服务器保存';
  }
}

export const seenByText = (seenBy: readonly Audience[]) => seenBy.map((a) => AUDIENCE_LABELS[a]).join('、');
