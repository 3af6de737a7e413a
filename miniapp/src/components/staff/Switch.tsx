import { Text, View } from '@tarojs/components';
import './switch.scss';

/** What every on/off control takes: its class (a test hook), its state, and what a tap asks for. */
export interface OnOffProps {
  className: string;
  on: boolean;
  onChange: (on: boolean) => void;
}

/**
 * An on/off switch that looks like one (track and knob), with its state in words beside it
 * (`tk-switch-label`), e.g. 营业 / 休息. The whole control is the tap target (≥ 44 × 44 px).
 */
export function Switch({ className, on, onText, offText, disabled = false, onChange }: OnOffProps & { onText: string; offText: string; disabled?: boolean }) {
  return (
    <View
      className={`tk-switch tk-tap ${className}${on ? ' tk-switch-on' : ''}${disabled ? ' tk-switch-disabled' : ''}`}
      role="switch"
      aria-checked={on}
      onClick={() => {
        if (!disabled) onChange(!on);
      }}
    >
      <View className="tk-switch-track">
        <View className="tk-switch-knob" />
      </View>
      <Text className="tk-switch-label">{on ? onText : offText}</Text>
    </View>
  );
}
