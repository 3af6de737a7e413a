import { Text, View } from '@tarojs/components';
import type { AuditLogEntry } from '../../../../shared/schemas/audit';
import { shanghaiTime } from '../../lib/booking';
import { ACTION_LABELS, staffText, storeText, subjectText } from './audit-text';

/** One entry of 审计日志: when, where, who (name and role), what, and the member or thing concerned. */
export function AuditRow({ entry }: { entry: AuditLogEntry }) {
  const subject = subjectText(entry);
  return (
    <View className={`tk-audit-row tk-audit-${entry.action}`} data-audit-id={entry.id}>
      <Text className="tk-audit-time tk-nowrap">{shanghaiTime(entry.at)}</Text>
      <View className="tk-audit-main">
        <Text className="tk-audit-action">{ACTION_LABELS[entry.action]}</Text>
        <Text className="tk-audit-who">
          <Text className="tk-audit-store">{storeText(entry)}</Text>
          {' · '}
          <Text className="tk-audit-staff">{staffText(entry)}</Text>
        </Text>
        {entry.memberNo ? <Text className="tk-audit-member tk-nowrap">{`会员号 ${entry.memberNo}`}</Text> : null}
        {subject ? <Text className="tk-audit-subject">{subject}</Text> : null}
      </View>
    </View>
  );
}
