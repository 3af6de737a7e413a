import Taro from '@tarojs/taro';
import type { CardResponse } from '../../../shared/schemas/member';
import { shanghaiDateTime } from '../lib/format';
import { Cell, CellGroup } from './ui';
import './pending-rating.scss';

/** The card's 待评价 prompt: the newest visit of the last 72 hours not rated yet, opening 评价. */
export function PendingRatingPrompt({ pending }: { pending: CardResponse['pendingRating'] }) {
  if (!pending) return null;
  return (
    <CellGroup className="tk-pending-rating">
      <Cell
        className="tk-pending-rating-entry tk-tap"
        title="待评价"
        description={`${pending.storeName} · ${shanghaiDateTime(pending.at)}`}
        extra="去评价 ›"
        clickable
        onClick={() => void Taro.navigateTo({ url: `/me/rate/index?ref=${encodeURIComponent(pending.ref)}` })}
      />
    </CellGroup>
  );
}
