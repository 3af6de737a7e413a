import { Text, View } from '@tarojs/components';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="tk-loading">
      <Text>{text}</Text>
    </View>
  );
}
