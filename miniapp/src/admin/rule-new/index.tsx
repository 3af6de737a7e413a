import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { MAX_FEN, type CouponTemplate, type IssueRuleInput, type Store } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { createIssueRule, getCouponTemplates, getStores } from '../../api';
import { Loadable } from '../../components/Loadable';
import { SubmitBar } from '../../components/SubmitBar';
import { Button, Input } from '../../components/ui';
import { shortStoreName } from '../../lib/coupons';
import { parseYuanToFen, sanitizeYuanInput } from '../../lib/format';
import { staffPage } from '../../lib/staff-gate';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { Chips } from '../Chips';
import { Field } from '../Field';
import { FormErrors } from '../FormErrors';
import { ruleSentence } from '../rule-text';
import './index.scss';

const NEW_TEMPLATE_PAGE = '/admin/template-new/index';
/** The chip for `toStoreIds: null`: every store but the one where the bill is paid. */
const OTHER_STORES = '__others__';

interface RuleForm {
  templateId: string;
  fromStoreId: string;
  /** Yuan as typed. */
  minSpend: string;
  /** null: every other store; [] until HQ picks. */
  toStoreIds: string[] | null;
}

type CrossStoreInput = Extract<IssueRuleInput, { kind: 'cross_store' }> & { toStoreIds: string[] | null };

const EMPTY_FORM: RuleForm = { templateId: '', fromStoreId: '', minSpend: '', toStoreIds: [] };

/** The minimum paid amount in fen, or null when it is not a positive amount the API takes. */
function minSpendFenOf(text: string): number | null {
  const fen = parseYuanToFen(text);
  return fen !== null && fen > 0 && fen <= MAX_FEN ? fen : null;
}

/** The form as the API's IssueRuleInput, or what is missing or wrong, in the words of the form. */
function toRuleInput(form: RuleForm, templates: CouponTemplate[]): { input: CrossStoreInput } | { errors: string[] } {
  const errors: string[] = [];
  if (!templates.some((t) => t.id === form.templateId)) errors.push('请选择发放的券');
  if (!form.fromStoreId) errors.push('请选择在哪家门店消费');
  const minSpendFen = minSpendFenOf(form.minSpend);
  if (form.minSpend.trim() === '') errors.push('请填写单笔实付满多少元');
  else if (minSpendFen === null) errors.push(`实付金额须大于 0、不超过 ${formatYuan(MAX_FEN)}，最多两位小数`);
  if (form.toStoreIds !== null && form.toStoreIds.length === 0) errors.push('请选择券可在哪些门店使用');
  if (errors.length > 0 || minSpendFen === null) return { errors };
  return { input: { kind: 'cross_store', templateId: form.templateId, fromStoreId: form.fromStoreId, minSpendFen, toStoreIds: form.toStoreIds } };
}

/**
 * 新建跨店规则 (HQ): a bill of at least ¥X paid at store A issues a coupon of a rule-issued template,
 * usable at the stores chosen (or every other store). The button holds while the POST is out (a
 * double tap sends one), and the same rule sent again after a lost answer keeps its Idempotency-Key.
 */
export default staffPage('hq', 'tk-rule-new-page', NewRuleLoader);

/** The choices: rule-issued templates that are active, and the stores. Read on every show: back
 * from 新建券模板, the new template is among them. */
function NewRuleLoader() {
  const choices = useLoad(() => Promise.all([getCouponTemplates(), getStores()]), []);
  return (
    <Loadable state={choices}>
      {([list, storeList]) => <NewRule templates={list.items.filter((t) => t.obtainedBy === 'rule' && t.status === 'active')} stores={storeList.items} />}
    </Loadable>
  );
}

function NewRule({ templates, stores }: { templates: CouponTemplate[]; stores: Store[] }) {
  const [form, setForm] = useState<RuleForm>(EMPTY_FORM);
  /** After a first 创建规则: what is still missing shows, and goes as each field is filled. */
  const [tried, setTried] = useState(false);
  const create = useSubmit('create-rule', (key, input: CrossStoreInput) => createIssueRule(input, key));

  const storeName = (id: string) => shortStoreName(stores.find((s) => s.id === id)?.name ?? id);

  const chooseFrom = (id: string) =>
    // The coupon is for coming back to another store: the bill's own store is not among them.
    setForm((f) => ({ ...f, fromStoreId: id, toStoreIds: f.toStoreIds === null ? null : f.toStoreIds.filter((s) => s !== id) }));

  const toggleTo = (id: string) =>
    setForm((f) => {
      if (id === OTHER_STORES) return { ...f, toStoreIds: f.toStoreIds === null ? [] : null };
      const current = f.toStoreIds ?? [];
      return { ...f, toStoreIds: current.includes(id) ? current.filter((s) => s !== id) : [...current, id] };
    });

  const submit = async () => {
    setTried(true);
    const result = toRuleInput(form, templates);
    if ('errors' in result) return;
    const outcome = await create.submit(result.input);
    if (!outcome.ok) return;
    void Taro.showToast({ title: '已创建', icon: 'success' });
    await Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/admin/templates/index' }));
  };

  const sendErrors = create.error ? (create.error.retryable ? [create.error.message, '再点一次「创建规则」即可重试，不会重复创建'] : [create.error.message]) : [];
  const checked = toRuleInput(form, templates);
  const errors = [...(tried && 'errors' in checked ? checked.errors : []), ...sendErrors];
  const preview =
    'input' in checked ? ruleSentence({ ...checked.input, templateName: templates.find((t) => t.id === checked.input.templateId)?.name ?? '' }, storeName) : null;

  const storeOptions = stores.map((s) => ({ value: s.id, label: shortStoreName(s.name) }));
  const toOptions = [{ value: OTHER_STORES, label: '其他所有门店' }, ...storeOptions.filter((o) => o.value !== form.fromStoreId)];

  return (
    <>
      <Field label="发放的券" hint={templates.length > 0 ? '只列出进行中的“规则发放”券模板' : undefined}>
        {templates.length > 0 ? (
          <Chips
            className="tk-rule-template"
            options={templates.map((t) => ({ value: t.id, label: t.name }))}
            value={form.templateId}
            onChange={(id) => setForm((f) => ({ ...f, templateId: id }))}
          />
        ) : (
          <View className="tk-rule-no-template">
            <Text className="tk-muted">还没有进行中的“规则发放”券模板：请先新建券模板，获取方式选「规则发放」。</Text>
            <Button className="tk-rule-new-template" size="small" type="primary" fill="outline" onClick={() => void Taro.navigateTo({ url: NEW_TEMPLATE_PAGE })}>
              新建券模板
            </Button>
          </View>
        )}
      </Field>

      <Field label="在哪家门店消费">
        <Chips className="tk-rule-from" options={storeOptions} value={form.fromStoreId} onChange={chooseFrom} />
      </Field>

      <Field label="单笔实付满（元）" hint="实付为用券、积分抵扣之后顾客实际支付的金额">
        <Input
          className="tk-rule-min-spend"
          type="digit"
          placeholder="例如 100"
          value={form.minSpend}
          onChange={(v) => setForm((f) => ({ ...f, minSpend: sanitizeYuanInput(v) }))}
        />
      </Field>

      <Field label="券可在哪些门店使用" hint="可多选；「其他所有门店」为消费门店以外的每一家">
        <Chips className="tk-rule-to" options={toOptions} value={form.toStoreIds ?? [OTHER_STORES]} onChange={toggleTo} />
      </Field>

      <View className="tk-rule-preview-box">
        <Text className="tk-field-label">规则预览</Text>
        <Text className={`tk-rule-preview${preview ? '' : ' tk-rule-preview-empty'}`}>{preview ?? '选好券、消费门店、金额和可用门店后，这里显示规则全文'}</Text>
      </View>

      <FormErrors className="tk-rule-new-errors" messages={errors} />

      <SubmitBar className="tk-create-rule" text="创建规则" busyText="创建中…" busy={create.busy} onSubmit={() => void submit()} />
    </>
  );
}
