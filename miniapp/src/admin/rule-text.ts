/**
 * Issuing rules in plain words, the same on 券模板管理 (发放规则, and each template's 获取方式) and
 * in 新建跨店规则's preview, so what HQ reads before creating a rule is what the list says after.
 */
import type { IssueRule } from '../../../shared/api';
import { formatYuan } from '../../../shared/money';

type RuleTerms = Pick<IssueRule, 'kind' | 'fromStoreId' | 'minSpendFen' | 'toStoreIds'>;

/** When a rule issues its coupon, e.g. '静安寺店单笔实付满¥100发放'. */
export function ruleTrigger(rule: RuleTerms, storeName: (id: string) => string): string {
  if (rule.kind === 'welcome') return '新会员首次登录时发放';
  const from = rule.fromStoreId ? storeName(rule.fromStoreId) : '任一门店';
  return `${from}单笔实付满${formatYuan(rule.minSpendFen ?? 0)}发放`;
}

/** Where a cross-store rule's coupon is usable: '可在徐家汇店、陆家嘴店使用' or '可在其他所有门店使用'. */
export function ruleWhere(toStoreIds: string[] | null, storeName: (id: string) => string): string {
  return toStoreIds === null ? '可在其他所有门店使用' : `可在${toStoreIds.map(storeName).join('、')}使用`;
}

/** The whole rule, e.g. '静安寺店单笔实付满¥100发放「跨店回馈·满80减20」，可在其他所有门店使用'. */
export function ruleSentence(rule: RuleTerms & Pick<IssueRule, 'templateName'>, storeName: (id: string) => string): string {
  const what = `${ruleTrigger(rule, storeName)}「${rule.templateName}」`;
  return rule.kind === 'welcome' ? what : `${what}，${ruleWhere(rule.toStoreIds, storeName)}`;
}
