import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A labelled form field of the admin forms, with an optional hint under it. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <View className="tk-field">
      <Text className="tk-field-label">{label}</Text>
      {children}
      {hint ? <Text className="tk-field-hint">{hint}</Text> : null}
    </View>
  );
}
