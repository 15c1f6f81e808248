/** Access tokens are short-lived so a leaked one is useful only briefly; refresh renews them. */
export const DEFAULT_ACCESS_TTL_MS = 15 * 60 * 1000;
/** How long a login lasts without the password: a working day. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface TokenTtls {
  accessMs: number;
  refreshMs: number;
}

/**
 * `sessionTtlMs` (the older single option) is the refresh token's lifetime; an access token
 * never outlives it, so a short `sessionTtlMs` still makes every token expire that soon.
 */
export function tokenTtls(options: { sessionTtlMs?: number; accessTtlMs?: number }): TokenTtls {
  const refreshMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const accessMs = Math.min(options.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS, refreshMs);
  return { accessMs, refreshMs };
}
