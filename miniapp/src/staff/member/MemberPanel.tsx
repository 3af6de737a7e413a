import { Text, View } from '@tarojs/components';
import type { VisitResponse } from '../../../../shared/api';
import { SEGMENT_LABELS, TAG_LABELS } from '../../../../shared/segments';
import { TierHead } from '../../components/TierHead';
import { Tag } from '../../components/ui';
import { shanghaiDateTime } from '../../lib/format';

/** The member in front of the clerk: name, tier, phone, segment and tags, points, the visit's end. */
export function MemberPanel({ visit }: { visit: VisitResponse }) {
  const { member } = visit;
  return (
    <View className="tk-member-panel">
      <TierHead className="tk-member-head" nameClassName="tk-member-nickname" tierClassName="tk-member-tier" name={member.nickname} tier={member.tier} />
      <Text className="tk-member-phone tk-nowrap">{member.maskedPhone ?? '未绑定手机'}</Text>
      {/* Null when the member switched segment-based targeting off: staff see no label then. */}
      {member.segment ? (
        <View className="tk-member-segment-row">
          <Tag className={`tk-member-segment tk-segment-${member.segment}`} type="primary" plain round>
            {SEGMENT_LABELS[member.segment]}
          </Tag>
          {member.tags.map((tag) => (
            <Tag key={tag} className={`tk-member-tag tk-tag-${tag}`} plain round>
              {TAG_LABELS[tag]}
            </Tag>
          ))}
        </View>
      ) : null}
      <View className="tk-member-points-row">
        <Text className="tk-muted">可用积分</Text>
        <Text className="tk-member-points">{member.points}</Text>
      </View>
      <Text className="tk-muted">
        会员号 <Text className="tk-nowrap">{member.memberNo}</Text> · 接待有效至 <Text className="tk-nowrap">{shanghaiDateTime(visit.expiresAt).slice(11)}</Text>
      </Text>
    </View>
  );
}
