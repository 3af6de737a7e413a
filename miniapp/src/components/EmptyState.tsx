import { Empty, Button } from './ui';
import { View } from '@tarojs/components';

/**
 * NutUI's Empty with our own (CSS) picture: its default pictures are remote images on a CDN,
 * which a mini-program would have to whitelist and an offline test cannot load. `action` is the
 * next step (去领券, 去预约): an empty screen never leaves the user without one.
 */
export function EmptyState({
  title,
  description,
  action,
  className = '',
}: {
  title: string;
  description?: string;
  action?: { text: string; onTap: () => void; className?: string };
  className?: string;
}) {
  return (
    <View className={`tk-empty-state ${className}`}>
      <Empty className="tk-empty" image={<View className="tk-empty-image" />} title={title} description={description} />
      {action ? (
        <Button className={`tk-empty-action ${action.className ?? ''}`} type="primary" fill="outline" onClick={action.onTap}>
          {action.text}
        </Button>
      ) : null}
    </View>
  );
}
