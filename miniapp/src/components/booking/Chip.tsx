import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './chip.scss';

/**
 * A tappable choice (store, day, slot, option): selected and disabled states as classes
 * (`tk-chip-selected`, `tk-chip-disabled`), so tests and styles read the same hooks.
 */
export function Chip({
  className,
  selected = false,
  disabled = false,
  onTap,
  children,
}: {
  className: string;
  selected?: boolean;
  disabled?: boolean;
  onTap?: () => void;
  children: ReactNode;
}) {
  const classes = ['tk-chip', className, selected ? 'tk-chip-selected' : '', disabled ? 'tk-chip-disabled' : ''].filter(Boolean).join(' ');
  return (
    <View className={classes} onClick={disabled ? undefined : onTap}>
      {children}
    </View>
  );
}
