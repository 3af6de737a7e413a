import { Text, View } from '@tarojs/components';
import { tierLabel, type Tier } from '../../../shared/tiers';
import { Tag } from './ui';

/** A member's name with their tier tag beside it (the card, and the member at the counter); each class is a test hook. */
export function TierHead({
  className,
  nameClassName,
  tierClassName,
  name,
  tier,
}: {
  className: string;
  nameClassName: string;
  tierClassName: string;
  name: string;
  tier: Tier;
}) {
  return (
    <View className={className}>
      <Text className={nameClassName}>{name}</Text>
      <Tag className={tierClassName} type="warning" round>
        {tierLabel(tier)}
      </Tag>
    </View>
  );
}
