import { Empty } from './ui';
import { View } from '@tarojs/components';

/**
 * NutUI's Empty with our own (CSS) picture: its default pictures are remote images on a CDN,
 * which a mini-program would have to whitelist and an offline test cannot load.
 */
export function EmptyState({ title, description }: { title: string; description?: string }) {
  return <Empty className="tk-empty" image={<View className="tk-empty-image" />} title={title} description={description} />;
}
