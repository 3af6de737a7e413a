import { Button } from './ui';
import { Text, View } from '@tarojs/components';

/** An error the user can act on: the message, and 重试 when there is something to retry. */
export function ErrorBlock({ message, onRetry, retryText = '重试' }: { message: string; onRetry?: () => void; retryText?: string }) {
  return (
    <View className="tk-error-block">
      <Text className="tk-error">{message}</Text>
      {onRetry ? (
        <Button className="tk-retry" size="small" type="primary" fill="outline" onClick={onRetry}>
          {retryText}
        </Button>
      ) : null}
    </View>
  );
}
