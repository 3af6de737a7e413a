import { View } from '@tarojs/components';
import { Button } from './ui';

/**
 * A form's primary action at its foot (`tk-form-actions`): one full-width button (`className` is its
 * test hook), held and reading `busyText` while the write is out, so a double tap sends one.
 */
export function SubmitBar({ className, text, busyText, busy, onSubmit }: { className: string; text: string; busyText: string; busy: boolean; onSubmit: () => void }) {
  return (
    <View className="tk-form-actions">
      <Button className={className} type="primary" block disabled={busy} onClick={onSubmit}>
        {busy ? busyText : text}
      </Button>
    </View>
  );
}
