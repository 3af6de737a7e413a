/** The demo chain's coupons: what HQ and the 静安寺 manager set up, including a cross-store rule. */
import { addDays, shanghaiDate } from '../../shared/dates';
import type { CouponTemplateInput } from '../../shared/schemas/coupons';
import { CouponTemplateInput as TemplateSchema } from '../../shared/schemas/coupons';
import { createIssueRule, createTemplate } from '../../functions/domain/coupon-admin';
import type { StaffRecord } from '../../functions/store/records';

interface DemoTemplate {
  key: string;
  by: 'hq' | 'manager-jingan';
  input: CouponTemplateInput;
}

function demoTemplates(today: string): DemoTemplate[] {
  return [
    {
      key: 'welcome',
      by: 'hq',
      input: { name: '新人礼·满50减10', kind: 'amount_off', valueFen: 1_000, minSpendFen: 5_000, validity: { type: 'relative', days: 30 }, obtainedBy: 'rule' },
    },
    {
      key: 'chain-100-15',
      by: 'hq',
      input: {
        name: '全场满100减15',
        kind: 'amount_off',
        valueFen: 1_500,
        minSpendFen: 10_000,
        validity: { type: 'fixed', from: today, to: addDays(today, 60) },
        stock: 200,
        obtainedBy: 'claim',
      },
    },
    {
      key: 'tea-time',
      by: 'hq',
      input: {
        name: '下午茶8.5折',
        kind: 'percent_off',
        payPercent: 85,
        capFen: 3_000,
        validity: { type: 'relative', days: 14 },
        storeIds: ['xuhui', 'pudong'],
        stock: 100,
        perMemberLimit: 2,
        obtainedBy: 'claim',
      },
    },
    {
      key: 'milk-tea',
      by: 'hq',
      input: {
        name: '招牌奶茶兑换券',
        kind: 'free_item',
        itemName: '招牌奶茶（中杯）',
        valueFen: 2_800,
        validity: { type: 'relative', days: 30 },
        perMemberLimit: 5,
        obtainedBy: 'exchange',
        pointsCost: 500,
        stackable: true,
      },
    },
    {
      key: 'cross-store',
      by: 'hq',
      input: {
        name: '跨店回馈·满80减20',
        kind: 'amount_off',
        valueFen: 2_000,
        minSpendFen: 8_000,
        validity: { type: 'relative', days: 30 },
        perMemberLimit: 100,
        obtainedBy: 'rule',
      },
    },
    {
      key: 'jingan-only',
      by: 'manager-jingan',
      input: {
        name: '静安寺店专享·满200减40',
        kind: 'amount_off',
        valueFen: 4_000,
        minSpendFen: 20_000,
        validity: { type: 'relative', days: 30 },
        stock: 50,
        obtainedBy: 'claim',
      },
    },
  ];
}

/** Creates the templates and rules as of `at`; fixed validity windows run from `now`. */
export async function seedDemoCoupons(staff: { hq: StaffRecord; managerJingan: StaffRecord }, at: number, now: number): Promise<void> {
  const ids = new Map<string, string>();
  for (const template of demoTemplates(shanghaiDate(now))) {
    const author = template.by === 'hq' ? staff.hq : staff.managerJingan;
    const created = await createTemplate(author, TemplateSchema.parse(template.input), `seed-template-${template.key}`, () => at);
    ids.set(template.key, created.id);
  }
  await createIssueRule(staff.hq, { kind: 'welcome', templateId: ids.get('welcome')! }, 'seed-rule-welcome', () => at);
  // A bill of ¥100 or more at 静安寺 brings the member to the other two stores.
  await createIssueRule(
    staff.hq,
    { kind: 'cross_store', templateId: ids.get('cross-store')!, fromStoreId: 'jingan', minSpendFen: 10_000, toStoreIds: null },
    'seed-rule-cross-store',
    () => at,
  );
}

/** Coupons the campaigns issue (obtained by rule), created with the others. */
export const campaignTemplates = [
  {
    key: 'birthday',
    input: {
      name: '生日礼·满100减30',
      kind: 'amount_off',
      valueFen: 3_000,
      minSpendFen: 10_000,
      validity: { type: 'relative', days: 30 },
      perMemberLimit: 100,
      obtainedBy: 'rule',
    },
  },
  {
    key: 'comeback-at-risk',
    input: {
      name: '回归礼·满60减15',
      kind: 'amount_off',
      valueFen: 1_500,
      minSpendFen: 6_000,
      validity: { type: 'relative', days: 21 },
      perMemberLimit: 100,
      obtainedBy: 'rule',
    },
  },
  {
    key: 'comeback-dormant',
    input: { name: '回归礼·无门槛20元', kind: 'amount_off', valueFen: 2_000, validity: { type: 'relative', days: 30 }, perMemberLimit: 100, obtainedBy: 'rule' },
  },
] as const satisfies ReadonlyArray<{ key: string; input: CouponTemplateInput }>;
