/**
 * CSV that Excel opens correctly on a Chinese Windows or Mac: UTF-8 with a byte-order mark (without
 * it Excel reads the bytes as GBK and the headers come out garbled), CRLF line ends, and a field
 * quoted only when it holds a comma, a double quote, a line break or edge spaces (quotes doubled,
 * RFC 4180). Pure text: saving it is lib/save-file.ts's.
 */

/** A cell as given: text as is, numbers in plain decimal, null or undefined as an empty cell. */
export type CsvCell = string | number | null | undefined;

export const CSV_BOM = '\ufeff';

/** One field, quoted when it has to be. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: the BOM, then every row (the header first) ending in CRLF. */
export function csvText(rows: CsvCell[][]): string {
  return CSV_BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
