/**
 * Exponential backoff with full jitter, so that dozens of consoles do not all reconnect to a
 * restarted server in the same instant.
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 250, maxMs = 4000, random = Math.random } = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
