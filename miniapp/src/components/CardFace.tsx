import { Text, View } from '@tarojs/components';
import type { CardResponse } from '../../../shared/api';
import { formatYuan } from '../../../shared/money';
import { TIER_RULES, tierLabel } from '../../../shared/tiers';
import { TierHead } from './TierHead';
import { Progress } from './ui';
import './card-face.scss';

function tierProgress(card: CardResponse): { percent: number; text: string } | null {
  if (!card.nextTier) return null;
  const floor = TIER_RULES.find((r) => r.tier === card.tier)?.minSpendFen ?? 0;
  const target = card.spend365Fen + card.nextTier.remainingFen;
  const span = Math.max(target - floor, 1);
  const percent = Math.min(100, Math.max(0, Math.floor(((card.spend365Fen - floor) * 100) / span)));
  return { percent, text: `再消费${formatYuan(card.nextTier.remainingFen)}升级${tierLabel(card.nextTier.tier)}` };
}

/** The membership card itself: name, tier, member number, points and the way to the next tier. */
export function CardFace({ card }: { card: CardResponse }) {
  const progress = tierProgress(card);
  return (
    <>
      <TierHead className="tk-card-head" nameClassName="tk-nickname" tierClassName="tk-tier" name={card.nickname} tier={card.tier} />
      <Text className="tk-member-no">会员号 {card.memberNo}</Text>
      <View className="tk-points-row">
        <Text className="tk-points-label">积分</Text>
        <Text className="tk-points">{card.points}</Text>
      </View>
      {progress ? (
        <View className="tk-tier-progress">
          <Progress percent={progress.percent} strokeWidth="6" />
          <Text className="tk-next-tier">{progress.text}</Text>
        </View>
      ) : (
        <Text className="tk-next-tier">已是最高等级，全部门店享受 2 倍积分</Text>
      )}
    </>
  );
}
