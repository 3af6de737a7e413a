import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';

/** Dates ('2025-03-31', with a time '2025-03-31 14:00'), time ranges ('14:00–15:30') and receipt numbers ('小票 A-1024'). */
const UNBREAKABLE = /(\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{1,2}:\d{2}(?:–\d{1,2}:\d{2})?|小票 \S+)/;

/**
 * A line of text in which dates, times and receipt numbers never break in the middle (a hyphen is
 * a line-break opportunity for the browser and WeChat alike); the rest wraps as usual.
 */
export function keepTogether(text: ReactNode): ReactNode {
  if (typeof text !== 'string') return text;
  const parts = text.split(UNBREAKABLE);
  if (parts.length === 1) return text;
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      <Text key={i} className="tk-nowrap">
        {part}
      </Text>
    ) : (
      part
    ),
  );
}
