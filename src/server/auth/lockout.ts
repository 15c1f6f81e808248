import type { SqlExecutor } from '../store/client';

/**
 * How many wrong passwords a user name may take, and what follows. The defaults follow the BSI
 * IT-Grundschutz advice (ORP.4.A8: limit failed attempts) without letting a guesser lock a clerk
 * out for a whole day: 5 failures within 15 minutes lock the name for 15 minutes, then 30, 60, …
 * up to 24 hours, until a good login resets it.
 */
export interface LoginLimits {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  maxLockMs: number;
  /** Logins (and refreshes) per client address per minute, against spraying many names. */
  perAddressPerMinute: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxLockMs: 24 * 60 * 60_000,
  // An office's consoles may all come from one proxy address at 8 o'clock.
  perAddressPerMinute: 300,
};

/** Names are compared as the login compares them; case does not make a new name to guess. */
const key = (username: string) => username.trim().toLowerCase();

/** Seconds until the name may log in again; null when it is not locked. */
export async function lockedFor(db: SqlExecutor, username: string): Promise<number | null> {
  const rows = await db.query<{ seconds: number }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
       FROM login_failures WHERE username = $1 AND locked_until > now()`,
    [key(username)],
  );
  return rows[0]?.seconds ?? null;
}

/**
 * Counts a failed login; returns the seconds of the lock it caused, or null. One statement per
 * step, so concurrent failures each count.
 */
export async function recordFailure(
  db: SqlExecutor,
  username: string,
  limits: LoginLimits,
): Promise<number | null> {
  const [counted] = await db.query<{ failures: number; lockouts: number }>(
    `INSERT INTO login_failures (username, failures, window_started_at)
     VALUES ($1, 1, now())
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN login_failures.window_started_at < now() - make_interval(secs => $2)
                       THEN 1 ELSE login_failures.failures + 1 END,
       window_started_at = CASE WHEN login_failures.window_started_at < now() - make_interval(secs => $2)
                                THEN now() ELSE login_failures.window_started_at END
     RETURNING failures, lockouts`,
    [key(username), limits.windowMs / 1000],
  );
  if (!counted || counted.failures < limits.maxFailures) return null;
  const lockMs = Math.min(limits.maxLockMs, limits.lockMs * 2 ** counted.lockouts);
  await db.query(
    `UPDATE login_failures
        SET locked_until = now() + make_interval(secs => $2), lockouts = lockouts + 1,
            failures = 0, window_started_at = now()
      WHERE username = $1`,
    [key(username), lockMs / 1000],
  );
  return Math.ceil(lockMs / 1000);
}

/** A good login forgets the name's failures and its lock history. */
export async function clearFailures(db: SqlExecutor, username: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE username = $1', [key(username)]);
}
