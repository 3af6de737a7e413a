import { Text, View } from '@tarojs/components';
import './chips.scss';

/**
 * A row of choices (one, or several with `multi`): plain Views, so the admin pages need no NutUI
 * component beyond those the rest of the app already loads.
 */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  className = '',
}: {
  options: Array<{ value: T; label: string }>;
  value: T | T[];
  onChange: (value: T) => void;
  className?: string;
}) {
  const chosen = Array.isArray(value) ? value : [value];
  return (
    <View className={`tk-options ${className}`}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`tk-option tk-tap tk-option-${option.value} ${chosen.includes(option.value) ? 'tk-option-on' : ''}`}
          onClick={() => onChange(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}
