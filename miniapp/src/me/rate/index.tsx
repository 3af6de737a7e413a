import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ErrorBlock } from '../../components/ErrorBlock';
import { MemberPage } from '../../components/MemberPage';
import { SubmitBar } from '../../components/SubmitBar';
import { Chips } from '../../admin/Chips';
import { shanghaiDateTime } from '../../lib/format';
import { STAR_WORDS, TAG_OPTIONS } from './rating-text';
import { useRate } from './use-rate';
import './index.scss';

/**
 * 评价本次消费: 1–5 stars, optional tags and a comment of up to 200 characters, for a visit of the
 * last 72 hours (opened from the card's 待评价). 3 stars or fewer asks the store to follow up.
 */
export default function RatePage() {
  const { params } = useRouter();
  const ref = params.ref ?? '';
  return <MemberPage className="tk-rate-page">{() => <Rate visitRef={ref} />}</MemberPage>;
}

function Rate({ visitRef }: { visitRef: string }) {
  const model = useRate(visitRef);
  const visit = model.pending.data;
  return (
    <>
      <View className="tk-rate-visit">
        {visit ? (
          <>
            <Text className="tk-rate-store">{visit.storeName}</Text>
            <Text className="tk-muted">
              {shanghaiDateTime(visit.at)} · {visit.kind === 'booking' ? '预约到店' : '消费'}
            </Text>
          </>
        ) : model.pending.data === null ? (
          <Text className="tk-muted tk-rate-gone">这次消费已评价或已超过 72 小时</Text>
        ) : (
          <Text className="tk-muted">加载中…</Text>
        )}
      </View>

      <View className="tk-rate-block">
        <Text className="tk-rate-label">整体满意度</Text>
        <View className="tk-rate-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <View key={n} className={`tk-rate-star tk-tap tk-rate-star-${n} ${n <= model.stars ? 'tk-rate-star-on' : ''}`} onClick={() => model.setStars(n)}>
              <Text>{n <= model.stars ? '★' : '☆'}</Text>
            </View>
          ))}
        </View>
        <Text className="tk-rate-words">{model.stars ? STAR_WORDS[model.stars] : '点击星星评分'}</Text>
        {model.stars > 0 && model.stars <= 3 ? <Text className="tk-rate-follow">门店店长会在 24 小时内跟进您的反馈</Text> : null}
      </View>

      <View className="tk-rate-block">
        <Text className="tk-rate-label">标签（可多选）</Text>
        <Chips className="tk-rate-tags" options={TAG_OPTIONS} value={model.tags} onChange={model.toggleTag} />
      </View>

      <View className="tk-rate-block">
        <Text className="tk-rate-label">说说您的感受（选填）</Text>
        <Textarea className="tk-rate-comment" value={model.comment} maxlength={200} placeholder="口味、服务、环境……" onInput={(e) => model.setComment(e.detail.value)} />
        <Text className={`tk-rate-count ${model.left < 20 ? 'tk-rate-count-low' : ''}`}>还可输入 {model.left} 字</Text>
      </View>

      {model.send.error ? <ErrorBlock message={model.send.error.message} onRetry={model.send.error.retryable ? () => void model.send.retry() : undefined} /> : null}
      <SubmitBar className="tk-rate-submit" text="提交评价" busyText="提交中…" busy={model.send.busy} onSubmit={() => void model.submit()} />
    </>
  );
}
