import { Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { StaffSummary } from '../../../../shared/api';
import type { FollowUp, FollowUpStep } from '../../../../shared/schemas/ratings';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { Button } from '../../components/ui';
import { shanghaiDateTime } from '../../lib/format';
import { staffPage } from '../../lib/staff-gate';
import { OUTCOME_WORDS, starsText } from '../../me/rate/rating-text';
import { Chips } from '../Chips';
import { useFollowUps, type FollowUps } from './use-follow-ups';
import './index.scss';

const FILTERS = [
  { value: 'all' as const, label: '全部待跟进' },
  { value: 'overdue' as const, label: '已超时' },
];
const OUTCOMES = (['contacted', 'resolved', 'unreachable'] as const).map((value) => ({ value, label: OUTCOME_WORDS[value] }));

/**
 * 待跟进 (managers and HQ): the follow-ups low ratings opened — one per member across the chain. The
 * first store listed handles it; another store involved sees who already does, and the latest step.
 * 记录跟进 records 已联系 (a step: it stays here, answered, no longer overdue) or 已解决 / 无法联系 (the
 * close) with a note and, optionally, the follow-up's one goodwill coupon HQ allows.
 */
export default staffPage('managers', 'tk-follow-ups-page', FollowUpsPage);

function FollowUpsPage({ staff }: { staff: StaffSummary }) {
  const model = useFollowUps();
  usePullDownRefresh(() => {
    void model.list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <>
      <View className="tk-fu-head">
        <Text className="tk-fu-title">待跟进</Text>
        <Text className="tk-muted">{staff.role === 'hq' ? '各门店未处理的差评跟进，超过 24 小时标为超时' : '本店顾客的差评（3 星及以下），请在 24 小时内联系处理'}</Text>
      </View>
      {staff.role === 'hq' ? <Chips className="tk-fu-filter" options={FILTERS} value={model.filter} onChange={model.setFilter} /> : null}
      <Loadable state={model.list} isEmpty={(data) => data.items.length === 0} empty={<EmptyState className="tk-fu-empty" title="没有待跟进的评价" />}>
        {(data) => (
          <View className="tk-fu-list">
            {data.items.map((f) => (
              <FollowUpCard key={f.id} f={f} staff={staff} model={model} />
            ))}
          </View>
        )}
      </Loadable>
    </>
  );
}

/** One step as staff read it: outcome, who (store, role, name) and when; the note; the coupon given. */
function StepLine({ step, className }: { step: FollowUpStep; className: string }) {
  return (
    <View className={className}>
      <Text>
        {OUTCOME_WORDS[step.outcome]} · {step.byName} · {shanghaiDateTime(step.at)}
      </Text>
      <Text className="tk-fu-note">{step.note}</Text>
      {step.couponName ? <Text className="tk-fu-coupon">赠送：{step.couponName}</Text> : null}
    </View>
  );
}

function FollowUpCard({ f, staff, model }: { f: FollowUp; staff: StaffSummary; model: FollowUps }) {
  const handler = f.stores[0];
  const elsewhere = handler && staff.storeId !== null && handler.storeId !== staff.storeId;
  const templates = model.list.data?.goodwillTemplates ?? [];
  const error = model.errorOf(f);
  const latest = f.steps.at(-1);
  // The close is shown on its own; the steps before it (已联系) in order.
  const steps = f.closed ? f.steps.slice(0, -1) : f.steps;
  const answered = f.status === 'open' && f.respondedAt !== null;
  return (
    <View className={`tk-fu-card tk-fu-${f.status}`} data-id={f.id}>
      <View className="tk-fu-card-head">
        <Text className="tk-fu-member">
          {f.member.nickname} · {f.member.memberNo}
        </Text>
        {f.overdue ? <Text className="tk-fu-badge tk-fu-overdue">已超时</Text> : null}
        {answered ? <Text className="tk-fu-badge tk-fu-answered">已联系</Text> : null}
        {f.status === 'closed' ? <Text className="tk-fu-badge tk-fu-done">已处理</Text> : null}
      </View>
      {f.member.phoneMasked ? <Text className="tk-muted">手机 {f.member.phoneMasked}</Text> : null}
      {f.status === 'open' ? (
        <Text className="tk-muted tk-fu-due">{answered ? '已回复顾客，处理完毕后请记录“已解决”或“无法联系”' : `请于 ${shanghaiDateTime(f.dueAt)} 前联系顾客`}</Text>
      ) : null}
      {elsewhere ? (
        <View className="tk-fu-handler">
          <Text>已由 {handler.storeName} 跟进，请勿重复联系</Text>
          {latest ? (
            <Text className="tk-fu-latest">
              最新进展：{OUTCOME_WORDS[latest.outcome]} · {latest.byName} · {shanghaiDateTime(latest.at)}
            </Text>
          ) : null}
        </View>
      ) : null}
      {f.stores.length > 1 ? <Text className="tk-fu-stores">涉及门店：{f.stores.map((s) => s.storeName).join('、')}</Text> : null}
      <View className="tk-fu-ratings">
        {f.ratings.map((r) => (
          <View key={r.ref} className="tk-fu-rating">
            <Text className="tk-fu-rating-head">
              <Text className="tk-fu-stars">{starsText(r.stars)}</Text> {r.storeName} · {shanghaiDateTime(r.visitAt)}
            </Text>
            {r.tags.length ? <Text className="tk-fu-tags">{r.tags.join(' · ')}</Text> : null}
            {r.comment ? <Text className="tk-fu-comment">{r.comment}</Text> : null}
          </View>
        ))}
      </View>
      {steps.length ? (
        <View className="tk-fu-steps">
          {steps.map((step, i) => (
            <StepLine key={`${step.at}-${i}`} step={step} className="tk-fu-step" />
          ))}
        </View>
      ) : null}
      {f.closed ? (
        <StepLine step={f.closed} className="tk-fu-closed" />
      ) : model.recording === f.id ? (
        <View className="tk-fu-form">
          <Text className="tk-fu-label">跟进结果</Text>
          <Chips className="tk-fu-outcomes" options={OUTCOMES} value={model.outcome} onChange={model.setOutcome} />
          <Text className="tk-muted tk-fu-hint">{model.outcome === 'contacted' ? '已联系：跟进保持打开，顾客再有差评会并入此跟进' : '提交后跟进结案'}</Text>
          <Text className="tk-fu-label">跟进记录（仅内部可见）</Text>
          <Textarea
            className="tk-fu-note-input"
            value={model.note}
            maxlength={200}
            placeholder="如：已电话致歉，顾客表示理解"
            onInput={(e) => model.setNote(e.detail.value)}
          />
          {f.goodwillCouponName ? (
            <Text className="tk-fu-coupon tk-fu-given">已赠送关怀券：{f.goodwillCouponName}（每次跟进限赠一张）</Text>
          ) : templates.length ? (
            <>
              <Text className="tk-fu-label">赠送关怀券（选填，每次跟进限一张）</Text>
              <Chips className="tk-fu-goodwill" options={templates.map((t) => ({ value: t.id, label: t.name }))} value={model.templateId} onChange={model.setTemplateId} />
            </>
          ) : null}
          {error ? <ErrorBlock message={error.message} onRetry={error.retryable ? () => void model.record.retry() : undefined} /> : null}
          <View className="tk-fu-actions">
            <Button className="tk-fu-cancel tk-tap" fill="outline" onClick={() => model.open(f)}>
              取消
            </Button>
            <Button className="tk-fu-submit tk-tap" type="primary" disabled={model.record.busy} onClick={() => void model.submit(f)}>
              {model.record.busy ? '提交中…' : '提交'}
            </Button>
          </View>
        </View>
      ) : (
        <View className="tk-fu-actions">
          <Button className="tk-fu-open tk-tap" type="primary" fill="outline" onClick={() => model.open(f)}>
            记录跟进
          </Button>
        </View>
      )}
    </View>
  );
}
