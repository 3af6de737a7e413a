import { Text, View } from '@tarojs/components';

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
    <View className={`tk-chips ${className}`}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`tk-chip tk-chip-${option.value} ${chosen.includes(option.value) ? 'tk-chip-on' : ''}`}
          onClick={() => onChange(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}
