import { Text, View } from '@tarojs/components';
import type { OnOffProps } from './staff/Switch';
import './toggle.scss';

/**
 * A labelled on/off row: the title and a switch (track and knob) on one line, the description under
 * them across the row's full width; one tap anywhere on the row flips it. Plain Views (NutUI's Switch would add its stylesheet to
 * the package for two rows); `tk-toggle-on` marks the on state for styles and tests.
 */
export function Toggle({ className, title, description, on, busy = false, onChange }: OnOffProps & { title: string; description: string; busy?: boolean }) {
  return (
    <View
      className={`tk-toggle ${className}${on ? ' tk-toggle-on' : ''}${busy ? ' tk-toggle-busy' : ''}`}
      onClick={() => {
        if (!busy) onChange(!on);
      }}
    >
      <View className="tk-toggle-head">
        <Text className="tk-toggle-title">{title}</Text>
        <View className="tk-toggle-track" role="switch" aria-checked={on}>
          <View className="tk-toggle-knob" />
        </View>
        <Text className="tk-toggle-state">{on ? '已开启' : '已关闭'}</Text>
      </View>
      <Text className="tk-toggle-description">{description}</Text>
    </View>
  );
}
