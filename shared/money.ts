/** Money is always integer fen (分). These helpers keep floats out of every calculation. */

export const FEN_PER_YUAN = 100;

/** Whole yuan in an amount, rounded down: ¥88.90 → 88. */
export function wholeYuan(fen: number): number {
  return Math.floor(fen / FEN_PER_YUAN);
}

/** ¥1,234.50 style display for the UI. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN).toLocaleString('en-US');
  const cents = abs % FEN_PER_YUAN;
  return `${sign}¥${yuan}${cents ? '.' + String(cents).padStart(2, '0') : ''}`;
}
