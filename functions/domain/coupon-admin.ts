import { shanghaiIso } from '../../shared/dates';
import type * as z from 'zod/mini';
import type { CouponTemplate, CouponTemplateInput, IssueRule, IssueRuleInput, TemplateStatus } from '../../shared/schemas/coupons';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError, RetryableError, ValidationError } from '../lib/errors';
import { adminAuditItem } from './admin-audit';
import {
  getIssueRule,
  getTemplate,
  issueRuleActiveItem,
  issueRulePutItem,
  listIssueRules,
  listTemplates,
  stockShardPutItems,
  stockShardStatusItems,
  stockShardsFor,
  templatePutItem,
  templateStatusItem,
  withRedeemedCounts,
} from '../store/coupons';
import type { CouponTemplateRecord, IssueRuleRecord, StaffRecord } from '../store/records';
import { runTransaction } from '../store/transactions';
import { templateView } from './coupons';
import { applyOnce, applyStaffChangeOnce } from './idempotent-change';
import { newId } from './ids';
import { managesStore, requireHq, requireManagerOrHq } from './permissions';
import { chainStores, storeNames } from './stores';

type TemplateInput = z.output<typeof CouponTemplateInput>;
type RuleInput = z.output<typeof IssueRuleInput>;

/** Templates are made by HQ for the chain, or by a manager for their own store only. */
function requireTemplateAuthor(staff: StaffRecord): { ownerStoreId: string | null } {
  requireManagerOrHq(staff);
  return { ownerStoreId: staff.role === 'hq' ? null : staff.storeId };
}

async function requireKnownStores(storeIds: string[] | null, field: string): Promise<void> {
  if (storeIds === null) return;
  const known = new Set((await chainStores()).map((s) => s.id));
  const unknown = storeIds.filter((id) => !known.has(id));
  if (unknown.length) throw new BusinessRuleError('unknown_store', `No such store: ${unknown.join(', ')}`, [{ field, message: `unknown store ${unknown[0]}` }]);
}

export async function createTemplate(staff: StaffRecord, input: TemplateInput, idempotencyKey: string, now = Date.now): Promise<CouponTemplate> {
  const { ownerStoreId } = requireTemplateAuthor(staff);
  // A store's own template is usable at that store only.
  const storeIds = ownerStoreId === null ? input.storeIds : [ownerStoreId];
  if (ownerStoreId !== null && input.storeIds !== null && input.storeIds.some((id) => id !== ownerStoreId)) {
    throw new ForbiddenError('other_store', 'A manager’s coupon is usable at their own store only');
  }
  await requireKnownStores(storeIds, 'storeIds');
  // 关怀券 (README § Ratings and follow-ups): HQ decides which coupons a manager may give away.
  if (input.goodwill && ownerStoreId !== null) throw new ValidationError([{ field: 'goodwill', message: 'only HQ marks a template for goodwill' }]);
  const created = await applyOnce<CouponTemplateRecord>({
    scope: `template:${staff.staffId}`,
    key: idempotencyKey,
    request: input,
    plan: async () => {
      const at = new Date(now()).toISOString();
      const template: CouponTemplateRecord = {
        templateId: newId('tpl', now()),
        name: input.name,
        kind: input.kind,
        valueFen: input.kind === 'percent_off' ? 0 : input.valueFen,
        payPercent: input.kind === 'percent_off' ? input.payPercent : null,
        capFen: input.kind === 'percent_off' ? input.capFen : null,
        itemName: input.kind === 'free_item' ? input.itemName : null,
        minSpendFen: input.minSpendFen,
        validity: input.validity,
        storeIds,
        stock: input.stock,
        remaining: input.stock,
        // A flash template's stock lives on its shards (SCALE.md); the template's own `remaining` stays put.
        ...(stockShardsFor(input.stock, input.stockShards) > 0 ? { stockShards: stockShardsFor(input.stock, input.stockShards) } : {}),
        perMemberLimit: input.perMemberLimit,
        obtainedBy: input.obtainedBy,
        pointsCost: input.pointsCost,
        stackable: input.stackable,
        ...(input.goodwill ? { goodwill: true } : {}),
        status: 'active',
        ownerStoreId,
        issuedCount: 0,
        redeemedCount: 0,
        createdBy: staff.staffId,
        createdAt: at,
      };
      const audit = adminAuditItem(
        staff,
        'template_create',
        { storeId: ownerStoreId, ref: template.templateId, details: { name: template.name, kind: template.kind } },
        Date.parse(at),
      );
      return { response: template, items: [templatePutItem(template), ...stockShardPutItems(template), audit], onConditionFailed: () => undefined };
    },
  });
  return templateView(created, await storeNames());
}

/** HQ sees every template; a manager sees the chain's and their own store's. */
export async function templatesFor(staff: StaffRecord): Promise<CouponTemplate[]> {
  requireTemplateAuthor(staff);
  const [templates, names] = await Promise.all([listTemplates(), storeNames()]);
  const visible = await withRedeemedCounts(templates.filter((t) => t.ownerStoreId === null || managesStore(staff, t.ownerStoreId)));
  return visible.map((t) => templateView(t, names));
}

export async function changeTemplateStatus(staff: StaffRecord, templateId: string, status: TemplateStatus): Promise<CouponTemplate> {
  requireTemplateAuthor(staff);
  const template = await getTemplate(templateId);
  if (!template) throw new NotFoundError('template_not_found', 'No such coupon template');
  if (!managesStore(staff, template.ownerStoreId)) throw new ForbiddenError('other_store', 'This template belongs to HQ or another store');
  // The status and its audit entry commit together; an ended template refuses both.
  const now = Date.now();
  const outcome = await runTransaction([
    templateStatusItem(templateId, status),
    ...stockShardStatusItems(template, status),
    adminAuditItem(staff, 'template_status', { storeId: template.ownerStoreId, ref: templateId, details: { name: template.name, from: template.status, to: status } }, now),
  ]);
  if (!outcome.ok) {
    if (!outcome.failed.includes('template')) throw new RetryableError('busy', 'The template is changing; retry');
    throw new ConflictError('template_ended', 'This template has ended; make a new one instead');
  }
  const [changed] = await withRedeemedCounts([(await getTemplate(templateId))!]);
  return templateView(changed!, await storeNames());
}

function ruleView(rule: IssueRuleRecord, templates: Map<string, CouponTemplateRecord>): IssueRule {
  return {
    id: rule.ruleId,
    kind: rule.kind,
    templateId: rule.templateId,
    templateName: templates.get(rule.templateId)?.name ?? rule.templateId,
    fromStoreId: rule.kind === 'cross_store' ? rule.fromStoreId : null,
    minSpendFen: rule.kind === 'cross_store' ? rule.minSpendFen : null,
    toStoreIds: rule.kind === 'cross_store' ? rule.toStoreIds : null,
    active: rule.active,
    // Every time the API answers is Shanghai time (+08:00); the rule keeps its instant in UTC.
    createdAt: shanghaiIso(Date.parse(rule.createdAt)),
  };
}

/**
 * Issuing rules span stores, so HQ sets them; managers can read them. One Idempotency-Key per
 * 创建 tap: a retried request answers with the rule it made, never a second rule.
 */
export async function createIssueRule(staff: StaffRecord, input: RuleInput, idempotencyKey: string, now = Date.now): Promise<IssueRule> {
  requireHq(staff, 'Issuing rules are set by HQ');
  const template = await getTemplate(input.templateId);
  if (!template) throw new BusinessRuleError('unknown_template', 'No such coupon template', [{ field: 'templateId', message: 'unknown template' }]);
  if (template.obtainedBy !== 'rule') {
    throw new BusinessRuleError('template_not_for_rules', 'Rules issue templates obtained by rule only', [
      { field: 'templateId', message: 'template is not obtained by rule' },
    ]);
  }
  if (input.kind === 'cross_store') {
    await requireKnownStores([input.fromStoreId], 'fromStoreId');
    await requireKnownStores(input.toStoreIds, 'toStoreIds');
  }
  const rule = await applyStaffChangeOnce<IssueRuleRecord>('rule', staff.staffId, idempotencyKey, input, async () => {
    const at = now();
    const base = { ruleId: newId('rul', at), templateId: input.templateId, active: true, createdAt: new Date(at).toISOString() };
    const created: IssueRuleRecord =
      input.kind === 'welcome'
        ? { ...base, kind: 'welcome' }
        : { ...base, kind: 'cross_store', fromStoreId: input.fromStoreId, minSpendFen: input.minSpendFen, toStoreIds: input.toStoreIds };
    const audit = adminAuditItem(
      staff,
      'rule_create',
      {
        storeId: null,
        ref: created.ruleId,
        details: { kind: created.kind, templateId: created.templateId, fromStoreId: created.kind === 'cross_store' ? created.fromStoreId : null },
      },
      at,
    );
    return { response: created, items: [issueRulePutItem(created), audit], onConditionFailed: () => undefined };
  });
  return ruleView(rule, new Map([[template.templateId, template]]));
}

/** HQ stops a rule (bills stop earning its coupon; coupons already issued stay) or restarts it. */
export async function changeIssueRule(staff: StaffRecord, ruleId: string, active: boolean): Promise<IssueRule> {
  requireHq(staff, 'Issuing rules are set by HQ');
  // The switch and its audit entry commit together; a missing rule refuses both.
  const now = Date.now();
  const outcome = await runTransaction([
    issueRuleActiveItem(ruleId, active),
    adminAuditItem(staff, 'rule_status', { storeId: null, ref: ruleId, details: { active: active ? 'true' : 'false' } }, now),
  ]);
  if (!outcome.ok && outcome.failed.includes('rule')) throw new NotFoundError('rule_not_found', 'No such issuing rule');
  if (!outcome.ok) throw new RetryableError('busy', 'The rule is changing; retry');
  const rule = await getIssueRule(ruleId);
  if (!rule) throw new NotFoundError('rule_not_found', 'No such issuing rule');
  const template = await getTemplate(rule.templateId);
  return ruleView(rule, new Map(template ? [[template.templateId, template]] : []));
}

export async function issueRulesFor(staff: StaffRecord): Promise<IssueRule[]> {
  requireTemplateAuthor(staff);
  const [rules, templates] = await Promise.all([listIssueRules(), listTemplates()]);
  const byId = new Map(templates.map((t) => [t.templateId, t]));
  return rules.map((r) => ruleView(r, byId));
}
