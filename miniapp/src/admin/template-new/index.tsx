import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { shanghaiDate } from '../../../../shared/dates';
import type { CouponTemplateInput, ObtainedBy, StaffSummary } from '../../../../shared/api';
import type { CouponKind } from '../../../../shared/coupons';
import { createCouponTemplate, getStores } from '../../api';
import { SubmitBar } from '../../components/SubmitBar';
import { Button, Input } from '../../components/ui';
import { emptyForm, toTemplateInput, type TemplateForm } from '../../lib/coupon-form';
import { shortStoreName } from '../../lib/coupons';
import { sanitizeYuanInput } from '../../lib/format';
import { staffPage } from '../../lib/staff-gate';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { Chips } from '../Chips';
import { Field } from '../Field';
import { FormErrors } from '../FormErrors';
import './index.scss';

const KINDS: Array<{ value: CouponKind; label: string }> = [
  { value: 'amount_off', label: '满减' },
  { value: 'percent_off', label: '折扣' },
  { value: 'free_item', label: '兑换券' },
];
const OBTAINED: Array<{ value: ObtainedBy; label: string }> = [
  { value: 'claim', label: '领取' },
  { value: 'exchange', label: '积分兑换' },
  { value: 'rule', label: '规则发放' },
];
const VALIDITY: Array<{ value: TemplateForm['validityType']; label: string }> = [
  { value: 'relative', label: '领取后 N 天' },
  { value: 'fixed', label: '固定日期' },
];
const STOCK = [
  { value: 'unlimited', label: '不限量' },
  { value: 'limited', label: '限量' },
];
const STACKABLE = [
  { value: 'no', label: '不可叠加' },
  { value: 'yes', label: '可叠加' },
];
const ALL_STORES = '__all__';
/** 关怀券 (README § Ratings and follow-ups): HQ allows a template as a goodwill coupon for follow-ups. */
const GOODWILL = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是，店长跟进差评时可赠送' },
];

/**
 * 新建券模板. HQ picks the stores (or all); a manager's template is their own store's. The same
 * template sent again (重试, or 创建 tapped again after a lost answer) keeps its Idempotency-Key.
 */
export default staffPage('managers', 'tk-template-new-page', NewTemplate);

function NewTemplate({ staff }: { staff: StaffSummary }) {
  const isHq = staff.role === 'hq';
  const [form, setForm] = useState<TemplateForm>(() => emptyForm(shanghaiDate()));
  const [problems, setProblems] = useState<string[]>([]);
  const [goodwill, setGoodwill] = useState(false);
  const storesLoad = useLoad(() => getStores(), [], { enabled: isHq, reloadOnShow: false });
  const stores = storesLoad.data?.items ?? null;
  const create = useSubmit('create-template', (key, input: CouponTemplateInput) => createCouponTemplate(input, key));

  const set = <K extends keyof TemplateForm>(key: K, value: TemplateForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblems([]);
  };

  const toggleStore = (id: string) => {
    if (id === ALL_STORES) return set('storeIds', null);
    const current = form.storeIds ?? [];
    set('storeIds', current.includes(id) ? current.filter((s) => s !== id) : [...current, id]);
  };

  const submit = async () => {
    // A manager's template is usable at their own store only (the API insists on it too).
    const result = toTemplateInput(isHq ? form : { ...form, storeIds: [staff.storeId!] });
    if ('errors' in result) {
      setProblems(result.errors);
      return;
    }
    const outcome = await create.submit(isHq && goodwill ? { ...result.input, goodwill } : result.input);
    if (!outcome.ok) return;
    void Taro.showToast({ title: '已创建', icon: 'success' });
    await Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/admin/templates/index' }));
  };

  const messages = [...problems, ...(create.error ? [create.error.message] : []), ...(storesLoad.error ? [`门店列表加载失败：${storesLoad.error}`] : [])];

  const storeOptions = [{ value: ALL_STORES, label: '全部门店' }, ...(stores ?? []).map((s) => ({ value: s.id, label: shortStoreName(s.name) }))];

  return (
    <>
      <Field label="券名称">
        <Input className="tk-tpl-name" type="text" placeholder="例如 周末满100减20" maxLength={30} value={form.name} onChange={(v) => set('name', v)} />
      </Field>

      <Field label="券类型">
        <Chips className="tk-tpl-kind" options={KINDS} value={form.kind} onChange={(v) => set('kind', v)} />
      </Field>

      {form.kind === 'amount_off' ? (
        <Field label="减免金额（元）">
          <Input className="tk-tpl-value" type="digit" placeholder="例如 20" value={form.value} onChange={(v) => set('value', sanitizeYuanInput(v))} />
        </Field>
      ) : null}
      {form.kind === 'percent_off' ? (
        <>
          <Field label="折扣（折）" hint="8.5 表示付 85%">
            <Input className="tk-tpl-fold" type="digit" placeholder="例如 8.5" value={form.fold} onChange={(v) => set('fold', v.replace(/[^\d.]/g, ''))} />
          </Field>
          <Field label="最多减免（元，选填）">
            <Input className="tk-tpl-cap" type="digit" placeholder="不填则不封顶" value={form.cap} onChange={(v) => set('cap', sanitizeYuanInput(v))} />
          </Field>
        </>
      ) : null}
      {form.kind === 'free_item' ? (
        <>
          <Field label="兑换商品">
            <Input className="tk-tpl-item" type="text" placeholder="例如 招牌奶茶（中杯）" maxLength={30} value={form.itemName} onChange={(v) => set('itemName', v)} />
          </Field>
          <Field label="商品价值（元）" hint="结账时最多抵扣这么多">
            <Input className="tk-tpl-value" type="digit" placeholder="例如 28" value={form.value} onChange={(v) => set('value', sanitizeYuanInput(v))} />
          </Field>
        </>
      ) : null}

      <Field label="使用门槛（元）" hint="不填或 0 为无门槛">
        <Input className="tk-tpl-min" type="digit" placeholder="例如 100" value={form.minSpend} onChange={(v) => set('minSpend', sanitizeYuanInput(v))} />
      </Field>

      <Field label="有效期">
        <Chips className="tk-tpl-validity" options={VALIDITY} value={form.validityType} onChange={(v) => set('validityType', v)} />
        {form.validityType === 'relative' ? (
          <View className="tk-inline">
            <Input className="tk-tpl-days" type="number" value={form.days} onChange={(v) => set('days', v.replace(/\D/g, ''))} />
            <Text className="tk-muted">天内有效（含领取当天）</Text>
          </View>
        ) : (
          <View className="tk-inline tk-dates">
            <Picker mode="date" value={form.from} onChange={(e) => set('from', String(e.detail.value))}>
              <Text className="tk-date tk-tpl-from">{form.from}</Text>
            </Picker>
            <Text className="tk-muted">至</Text>
            <Picker mode="date" value={form.to} start={form.from} onChange={(e) => set('to', String(e.detail.value))}>
              <Text className="tk-date tk-tpl-to">{form.to}</Text>
            </Picker>
          </View>
        )}
      </Field>

      <Field label="适用门店">
        {isHq ? (
          stores === null ? (
            <Text className="tk-muted">门店加载中…</Text>
          ) : (
            <Chips className="tk-tpl-stores" options={storeOptions} value={form.storeIds ?? [ALL_STORES]} onChange={toggleStore} />
          )
        ) : (
          <Text className="tk-tpl-own-store">{`仅本店：${shortStoreName(staff.storeName ?? '')}`}</Text>
        )}
      </Field>

      <Field label="库存">
        <Chips className="tk-tpl-stock-mode" options={STOCK} value={form.stockLimited ? 'limited' : 'unlimited'} onChange={(v) => set('stockLimited', v === 'limited')} />
        {form.stockLimited ? (
          <View className="tk-inline">
            <Input className="tk-tpl-stock" type="number" placeholder="例如 200" value={form.stock} onChange={(v) => set('stock', v.replace(/\D/g, ''))} />
            <Text className="tk-muted">张</Text>
          </View>
        ) : null}
      </Field>

      <Field label="每人限领（张）">
        <Input className="tk-tpl-limit" type="number" value={form.perMemberLimit} onChange={(v) => set('perMemberLimit', v.replace(/\D/g, ''))} />
      </Field>

      <Field label="获取方式" hint={form.obtainedBy === 'rule' ? '由总部的发放规则（新人礼、跨店回馈等）发出' : undefined}>
        <Chips className="tk-tpl-obtained" options={OBTAINED} value={form.obtainedBy} onChange={(v) => set('obtainedBy', v)} />
        {form.obtainedBy === 'exchange' ? (
          <View className="tk-inline">
            <Input className="tk-tpl-points" type="number" placeholder="例如 500" value={form.pointsCost} onChange={(v) => set('pointsCost', v.replace(/\D/g, ''))} />
            <Text className="tk-muted">积分兑换一张</Text>
          </View>
        ) : null}
      </Field>

      <Field label="与其他券叠加" hint="可叠加的券能和其他可叠加券在同一单使用">
        <Chips className="tk-tpl-stackable" options={STACKABLE} value={form.stackable ? 'yes' : 'no'} onChange={(v) => set('stackable', v === 'yes')} />
      </Field>

      {isHq ? (
        <Field label="关怀券" hint="店长处理差评跟进时可赠送此券">
          <Chips className="tk-tpl-goodwill" options={GOODWILL} value={goodwill ? 'yes' : 'no'} onChange={(v) => setGoodwill(v === 'yes')} />
        </Field>
      ) : null}

      <FormErrors className="tk-template-new-errors" messages={messages}>
        {create.error?.retryable ? (
          <Button className="tk-retry tk-tap" size="small" type="primary" fill="outline" onClick={() => void submit()}>
            重试
          </Button>
        ) : null}
      </FormErrors>

      <SubmitBar className="tk-create-template" text="创建" busyText="创建中…" busy={create.busy} onSubmit={() => void submit()} />
    </>
  );
}
