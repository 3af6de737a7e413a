import { randomBytes } from 'node:crypto';

/** Time-ordered, unguessable ids: base36 millis + 10 random bytes, with a short type prefix. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`;
}
