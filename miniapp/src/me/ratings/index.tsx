import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { Rating } from '../../../../shared/schemas/ratings';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { shanghaiDateTime } from '../../lib/format';
import { LOW_RATING_MAX_STARS } from '../../../../shared/schemas/ratings';
import { OUTCOME_WORDS, starsText } from '../rate/rating-text';
import { useMyRatings } from './use-my-ratings';
import './index.scss';

/** What the store's answer looks like to the member: 门店已回复 (and how), or that it is being followed up. */
function ReplyLine({ rating }: { rating: Rating }) {
  if (rating.storeReplied) {
    return (
      <Text className="tk-ratings-replied">
        门店已回复{rating.replyOutcome ? ` · ${OUTCOME_WORDS[rating.replyOutcome]}` : ''}
        {rating.repliedAt ? ` · ${shanghaiDateTime(rating.repliedAt)}` : ''}
      </Text>
    );
  }
  if (rating.stars <= LOW_RATING_MAX_STARS) return <Text className="tk-ratings-pending">门店跟进中，店长会尽快联系您</Text>;
  return null;
}

/** 我的评价: each rated visit with its stars, tags and comment, and 门店已回复 once a store answered. */
export default function MyRatingsPage() {
  return <MemberPage className="tk-ratings-page">{() => <MyRatings />}</MemberPage>;
}

function MyRatings() {
  const ratings = useMyRatings();
  usePullDownRefresh(() => {
    void ratings.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Loadable
      state={ratings}
      isEmpty={(items) => items.length === 0}
      empty={<EmptyState className="tk-ratings-empty" title="还没有评价" description="消费后 72 小时内可在会员卡页评价" />}
    >
      {(items) => (
        <View className="tk-ratings-list">
          {items.map((r) => (
            <View key={r.ref} className="tk-ratings-item" data-ref={r.ref}>
              <View className="tk-ratings-head">
                <Text className="tk-ratings-store">{r.storeName}</Text>
                <Text className="tk-ratings-stars">{starsText(r.stars)}</Text>
              </View>
              <Text className="tk-muted tk-ratings-time">消费于 {shanghaiDateTime(r.visitAt)}</Text>
              {r.tags.length ? <Text className="tk-ratings-tags">{r.tags.join(' · ')}</Text> : null}
              {r.comment ? <Text className="tk-ratings-comment">{r.comment}</Text> : null}
              <ReplyLine rating={r} />
            </View>
          ))}
        </View>
      )}
    </Loadable>
  );
}
