import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** An admin form's problems, one `tk-error` line each, in `className` (nothing when there are none). */
export function FormErrors({ className, messages, children }: { className: string; messages: string[]; children?: ReactNode }) {
  if (messages.length === 0) return null;
  return (
    <View className={className}>
      {messages.map((m) => (
        <Text key={m} className="tk-error">
          {m}
        </Text>
      ))}
      {children}
    </View>
  );
}
