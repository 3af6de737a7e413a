/**
 * The privacy notice (个人信息保护政策), generated from the registry of personal data
 * (./fields.ts): the app shows it at first login and whenever its version changes, GET
 * /v1/privacy/notice serves it, and `npm run privacy` writes PRIVACY.md from it.
 *
 * Versioning rules:
 * - Any change of the notice's text — wording here, or an entry of the registry (a new field, a new
 *   purpose, a different retention or audience) — is a new version: set PRIVACY_NOTICE_VERSION to
 *   the day of the change (`YYYY-MM-DD`; a second change the same day `YYYY-MM-DD.2`) and
 *   PRIVACY_NOTICE_HASH to the hash test/unit/privacy.test.ts prints. Every member is then asked to
 *   agree again at their next login.
 * - The hash is the sha256 (first 16 hex digits) of `noticeText()`. The unit test fails when the
 *   text changes and the hash does not, so a wording change cannot ship without a version bump.
 * - On a deployed stage TONGKA_PRIVACY_NOTICE_VERSION may override the version (tests use it to
 *   simulate a bump); leave it unset normally.
 */
import { GROUP_LABELS, LEGAL_BASIS_LABELS, PERSONAL_FIELDS, retentionText, seenByText, type DataGroup, type PersonalField } from './fields';

export const PRIVACY_NOTICE_VERSION = '2026-11-30.6';
/** sha256(noticeText()).slice(0, 16) of the version above (test/unit/privacy.test.ts checks it). */
export const PRIVACY_NOTICE_HASH = 'e206d5d4b9020770';

export interface NoticeSection {
  title: string;
  body: string;
}

const GROUP_ORDER: DataGroup[] = ['account', 'profile', 'marketing', 'transactions', 'service', 'security'];

const fieldsOf = (group: DataGroup): PersonalField[] => PERSONAL_FIELDS.filter((f) => f.group === group);

const fieldLine = (f: PersonalField) => `· ${f.name}：${f.purpose}${f.note ? `${f.note}` : ''}`;

/** The notice, section by section, in Chinese: what the app shows and what the member agrees to. */
export function noticeSections(): NoticeSection[] {
  return [
    {
      title: '引言',
      body:
        '本政策说明本连锁品牌的会员小程序（通卡）收集哪些个人信息、为什么收集、谁能看到、保存多久，以及您的权利。' +
        '请您仔细阅读，点击「同意并继续」即表示您同意本政策。如不同意，我们不会为您开通会员卡，并立即删除本次登录产生的记录（包括微信 openid 和会员号）。',
    },
    ...GROUP_ORDER.map((group) => ({
      title: `我们收集的个人信息：${GROUP_LABELS[group]}`,
      body: fieldsOf(group).map(fieldLine).join('\n'),
    })),
    {
      title: '谁能看到您的信息',
      body: [
        ...PERSONAL_FIELDS.map((f) => `· ${f.name}：${seenByText(f.seenBy)}`),
        '店员只能在您出示会员码或报手机号后开启的接待中看到您的会员信息，手机号只显示脱敏号码；每一次查看都会记入您的「访问记录」。我们不向第三方出售或提供您的个人信息。',
      ].join('\n'),
    },
    {
      title: '我们保存多久',
      body: PERSONAL_FIELDS.map((f) => `· ${f.name}：${retentionText(f.retention)}`).join('\n'),
    },
    {
      title: '处理依据',
      body: PERSONAL_FIELDS.map((f) => `· ${f.name}：${LEGAL_BASIS_LABELS[f.legalBasis]}`).join('\n'),
    },
    {
      title: '同意之前',
      body: '首次登录时，为了建立账号，我们暂存您的微信 openid 和会员号：您点击「不同意」时立即删除，既未同意也未拒绝的 24 小时后自动删除。在您同意本政策之前，我们不收集手机号、生日或任何其他个人信息。绑定手机号和填写生日前，微信还会请您确认隐私授权。',
    },
    {
      title: '您的权利',
      body: [
        '· 查阅与更正：在「我的资料与隐私」中查看并修改昵称、生日。',
        '· 访问记录：查看哪家门店、哪类员工查看或修改过您的资料。',
        '· 拒绝自动化营销：一键关闭营销推送和基于分群的推荐（《个人信息保护法》第二十四条）。',
        '· 复制与删除：您可以导出您的数据，也可以注销会员；注销后您的个人信息将被删除，交易记录仅以去标识化的形式为门店对账保留。',
        '· 撤回同意：您可以随时注销会员以撤回同意；撤回不影响撤回前基于同意已进行的处理。',
      ].join('\n'),
    },
    {
      title: '政策更新',
      body: '本政策更新后，您下次登录时我们会请您重新阅读并确认。版本号即生效日期。',
    },
  ];
}

/** The whole text (version excluded), hashed by the unit test to catch a wording change without a version bump. */
export function noticeText(): string {
  return noticeSections()
    .map((s) => `## ${s.title}\n${s.body}`)
    .join('\n\n');
}
