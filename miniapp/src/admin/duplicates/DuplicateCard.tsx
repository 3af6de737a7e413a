import { Text, View } from '@tarojs/components';
import type { DuplicateCase, DuplicateMember } from '../../../../shared/schemas/identity';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { DECISION_NOTE_MAX, SIDE_TITLES, caseHeadText, helpText, memberLines } from './duplicate-text';
import type { Duplicates } from './use-duplicates';

function Side({ side, member }: { side: keyof typeof SIDE_TITLES; member: DuplicateMember }) {
  return (
    <View className={`tk-dup-side tk-dup-${side}`}>
      <Text className="tk-dup-side-title">{SIDE_TITLES[side]}</Text>
      {memberLines(member).map((line) => (
        <View key={line.key} className={`tk-dup-line tk-dup-${line.key}`}>
          <Text className="tk-dup-label">{line.label}</Text>
          <Text className="tk-dup-value">{line.value}</Text>
        </View>
      ))}
    </View>
  );
}

/** One open case: the phone and when, the member's help request, the two members side by side, 合并 / 驳回. */
export function DuplicateCard({ item, model }: { item: DuplicateCase; model: Duplicates }) {
  const help = helpText(item);
  const error = model.errorOf(item);
  const busy = model.decide.busy;
  const rejecting = model.rejecting === item.id;
  const running = model.decide.running?.[0] === item.id ? model.decide.running[1] : null;

  return (
    <View className="tk-dup-case" data-case-id={item.id}>
      <Text className="tk-dup-head tk-nowrap">{caseHeadText(item)}</Text>
      {help ? <Text className="tk-dup-help">{help}</Text> : <Text className="tk-muted">会员尚未申请人工处理</Text>}
      <View className="tk-dup-sides">
        <Side side="requester" member={item.requester} />
        <Side side="holder" member={item.holder} />
      </View>
      {error ? <ErrorBlock message={error.message} onRetry={error.retryable ? () => void model.decide.retry() : undefined} /> : null}
      {rejecting ? (
        <View className="tk-dup-reject-form">
          <Text className="tk-field-label">驳回说明（选填）</Text>
          <Input className="tk-dup-reject-note" type="text" maxLength={DECISION_NOTE_MAX} placeholder="如：非同一人" value={model.rejectNote} onChange={model.setRejectNote} />
          <View className="tk-dup-actions">
            <Button className="tk-tap tk-dup-reject-cancel" fill="outline" disabled={busy} onClick={() => model.openReject(item)}>
              取消
            </Button>
            <Button className="tk-tap tk-dup-reject-submit" type="danger" disabled={busy} onClick={() => void model.reject(item)}>
              {running === 'reject' ? '驳回中…' : '确认驳回'}
            </Button>
          </View>
        </View>
      ) : (
        <View className="tk-dup-actions">
          <Button className="tk-tap tk-dup-reject" fill="outline" disabled={busy} onClick={() => model.openReject(item)}>
            驳回
          </Button>
          <Button className="tk-tap tk-dup-merge" type="primary" disabled={busy} onClick={() => void model.merge(item)}>
            {running === 'merge' ? '合并中…' : '合并'}
          </Button>
        </View>
      )}
    </View>
  );
}
