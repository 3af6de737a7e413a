import { Text, View } from '@tarojs/components';
import type { Campaign } from '../../../../shared/api';
import { shanghaiDateTime } from '../../lib/format';

type Run = Campaign['runs'][number];

/** 'HH:mm' of an API instant, Shanghai time (the run's date is already shown). */
const clock = (iso: string) => shanghaiDateTime(iso).slice(11);

/** One day's run of a campaign: when, and how many were matched, issued, sent, failed and skipped. */
export function RunRow({ run }: { run: Run }) {
  const numbers: Array<{ key: string; label: string; value: number }> = [
    { key: 'matched', label: '匹配', value: run.matched },
    { key: 'issued', label: '发券', value: run.couponsIssued },
    { key: 'sent', label: '发送', value: run.messagesSent },
    { key: 'failed', label: '失败', value: run.failed },
  ];
  const skipped: Array<{ key: string; label: string; value: number }> = [
    { key: 'no-credit', label: '无订阅', value: run.skippedNoCredit },
    { key: 'opted-out', label: '已关闭推送', value: run.skippedOptedOut },
    { key: 'capped', label: '7天内已推送', value: run.skippedCapped },
    // A re-run of the day meets those it reached already: counted here, not again under 匹配.
    { key: 'done', label: '此前已触达', value: run.skippedDone },
  ];
  return (
    <View className={`tk-campaign-run tk-campaign-run-${run.status}`}>
      <View className="tk-run-head">
        <Text className="tk-run-date tk-nowrap">{run.date}</Text>
        <Text className="tk-run-time tk-muted">
          <Text className="tk-nowrap">{`${clock(run.startedAt)} 开始`}</Text>
          {run.finishedAt ? <Text className="tk-nowrap">{` · ${clock(run.finishedAt)} 结束`}</Text> : null}
        </Text>
        <Text className={`tk-status tk-run-status ${run.status === 'done' ? 'tk-status-success' : 'tk-status-warning'}`}>{run.status === 'done' ? '已完成' : '进行中'}</Text>
      </View>
      <View className="tk-run-numbers">
        {numbers.map((n) => (
          <View key={n.key} className="tk-run-number">
            <Text className={`tk-run-value tk-run-${n.key}${n.key === 'failed' && n.value > 0 ? ' tk-run-bad' : ''}`}>{n.value}</Text>
            <Text className="tk-run-label">{n.label}</Text>
          </View>
        ))}
      </View>
      <View className="tk-run-skipped">
        <Text className="tk-run-skipped-title">跳过</Text>
        {skipped.map((n) => (
          <View key={n.key} className="tk-run-skip">
            <Text className="tk-run-label">{n.label}</Text>
            <Text className={`tk-run-skip-value tk-run-${n.key}`}>{n.value}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
