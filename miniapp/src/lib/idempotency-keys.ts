/**
 * Idempotency-Keys by intent. An intent is one write with its body ("claim template tpl-1",
 * "this bill at this visit"). Its key is kept while the intent has no definite answer — a lost
 * answer, a timeout, 503, "busy" — so sending it again (重试, or the same tap after coming back to
 * the page) makes the server answer with the first result instead of applying it twice. A definite
 * answer (success or a business rule) settles the intent: the next one gets a new key. A changed
 * body is another intent with its own key (the server answers 422 to a key reused with another body).
 */

function randomPart(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(36)
    .padStart(7, '0');
}

/** A key the API accepts (shared IdempotencyKey): 'tk-<time>-<random>'. */
export function newIdempotencyKey(): string {
  return `tk-${Date.now().toString(36)}-${randomPart()}${randomPart()}`;
}

/**
 * The keys of unsettled intents, for the app's lifetime: leaving a page and coming back to the same
 * intent still sends its key. Intents are strings named by their write ('claim:["tpl-1"]').
 */
const pending = new Map<string, string>();

/** The intent's key: the kept one while it is unsettled, else a new one (kept until settled). */
export function keyFor(intent: string): string {
  const kept = pending.get(intent);
  if (kept) return kept;
  const key = newIdempotencyKey();
  pending.set(intent, key);
  return key;
}

/** The intent got a definite answer: the next one like it is a new write with a new key. */
export function settle(intent: string): void {
  pending.delete(intent);
}

/** Whether the intent is waiting to be sent again with its kept key. */
export function isPending(intent: string): boolean {
  return pending.has(intent);
}
