import { Text, View } from '@tarojs/components';
import type { PrivacyNoticeResponse } from '../../../../shared/privacy/schemas';
import './index.scss';

/** The notice's sections as the server generated them from the registry of personal data. */
export function PrivacyNoticeText({ notice }: { notice: PrivacyNoticeResponse }) {
  return (
    <View className="tk-privacy-notice">
      <Text className="tk-privacy-title">个人信息保护政策</Text>
      <Text className="tk-privacy-version">版本 {notice.version}</Text>
      {notice.sections.map((section) => (
        <View key={section.title} className="tk-privacy-section">
          <Text className="tk-privacy-section-title">{section.title}</Text>
          {section.body.split('\n').map((line, i) => (
            <Text key={i} className="tk-privacy-line">
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
