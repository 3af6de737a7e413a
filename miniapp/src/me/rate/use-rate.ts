/**
 * 评价's model: the visit (from 待评价, so the page can say which store and when), the stars, tags and
 * comment, and the submit — one Idempotency-Key per rating intent, so 重试 after a lost answer
 * rates once. The page holds only layout.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ratingsRoutes } from '../../../../shared/contract/routes/ratings';
import { RATING_COMMENT_MAX, type RatingTag } from '../../../../shared/schemas/ratings';
import { callRoute } from '../../api/client';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { commentLeft, toggleTag } from './rating-text';

export const MY_RATINGS_PAGE = '/me/ratings/index';

export function useRate(ref: string) {
  const pending = useLoad(async () => (await callRoute(ratingsRoutes.meRatingsPending)).items.find((p) => p.ref === ref) ?? null, [ref], { reloadOnShow: false });
  const [stars, setStars] = useState(0);
  const [tags, setTags] = useState<RatingTag[]>([]);
  const [comment, setComment] = useState('');
  const send = useSubmit('rate', (key, visitRef: string, body: { stars: number; tags: RatingTag[]; comment: string }) =>
    callRoute(ratingsRoutes.meRate, { params: { ref: visitRef }, body, idempotencyKey: key }),
  );

  return {
    pending,
    stars,
    tags,
    comment,
    left: commentLeft(comment),
    send,
    setStars,
    toggleTag: (tag: RatingTag) => setTags((now) => toggleTag(now, tag)),
    setComment: (text: string) => setComment([...text].slice(0, RATING_COMMENT_MAX).join('')),
    submit: async () => {
      if (send.busy) return;
      if (stars < 1) {
        void Taro.showToast({ title: '请先点击星星评分', icon: 'none' });
        return;
      }
      const outcome = await send.submit(ref, { stars, tags, comment: comment.trim() });
      if (!outcome.ok) return;
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
      await Taro.redirectTo({ url: MY_RATINGS_PAGE });
    },
  };
}
