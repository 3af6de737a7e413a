import { Text, View } from '@tarojs/components';
import './toggle.scss';

/**
 * A labelled on/off row: one tap flips it. Plain Views (NutUI's Switch would add its stylesheet to
 * the package for two rows); `tk-toggle-on` marks the on state for styles and tests.
 */
export function Toggle({
  className,
  title,
  description,
  on,
  busy = false,
  onChange,
}: {
  className: string;
  title: string;
  description: string;
  on: boolean;
  busy?: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <View
      className={`tk-toggle ${className}${on ? ' tk-toggle-on' : ''}${busy ? ' tk-toggle-busy' : ''}`}
      onClick={() => {
        if (!busy) onChange(!on);
      }}
    >
      <View className="tk-toggle-text">
        <Text className="tk-toggle-title">{title}</Text>
        <Text className="tk-toggle-description">{description}</Text>
      </View>
      <View className="tk-toggle-track">
        <View className="tk-toggle-knob" />
      </View>
      <Text className="tk-toggle-state">{on ? '已开启' : '已关闭'}</Text>
    </View>
  );
}
