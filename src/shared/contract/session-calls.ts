import { z } from 'zod';
import { loginRequestSchema } from '../sync/auth';

/**
 * Who may see the console right now. `signed_out`: the login screen; `locked`: the lock screen
 * (the session survives, encrypted, but nothing of it is decrypted and nothing is shown);
 * `signed_in`: the app.
 */
export const SESSION_STATES = ['signed_out', 'locked', 'signed_in'] as const;
export const sessionStateSchema = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof sessionStateSchema>;

/** The console locks itself after this long without keyboard or mouse; 0 turns that off. */
export const IDLE_LOCK_MAX_MINUTES = 24 * 60;

export const sessionInfoSchema = z.object({
  state: sessionStateSchema,
  /** Who is signed in or whose session is locked; null when signed out. */
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  serverUrl: z.string(),
  idleLockMinutes: z.number().int().min(0).max(IDLE_LOCK_MAX_MINUTES),
  /**
   * Why the last session ended without the clerk signing out: its login expired or was revoked
   * (`expired`), the server refused the configured user name and password (`refused`), or too
   * many wrong passwords were typed at the lock screen (`unlock_failed`).
   */
  ended: z.enum(['expired', 'refused', 'unlock_failed']).nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const SESSION_REFUSALS = [
  /** Wrong user name or password (the server does not say which). */
  'invalid_credentials',
  /** Too many failed logins: the server locked the account for a while. */
  'login_locked',
  /** The server cannot be reached; a first sign-in needs it. */
  'offline',
  /** Unlocking: not the password of the locked session. */
  'wrong_password',
  /** Unlocking failed too often: the session was ended and a full sign-in is needed. */
  'too_many_attempts',
  /** Unlocking: the stored session is gone (cleared, or unreadable); a full sign-in is needed. */
  'session_ended',
] as const;
export const sessionRefusalSchema = z.object({
  reason: z.enum(SESSION_REFUSALS),
  retryAfterSeconds: z.number().int().min(0).nullable(),
});
export type SessionRefusal = z.infer<typeof sessionRefusalSchema>;

/** A sign-in or unlock attempt: the session afterwards and, when refused, why. */
export const sessionAttemptSchema = z.object({
  session: sessionInfoSchema,
  refused: sessionRefusalSchema.nullable(),
});
export type SessionAttempt = z.infer<typeof sessionAttemptSchema>;

const noInput = z.strictObject({});

export const sessionCalls = {
  'session.info': { input: noInput, output: sessionInfoSchema },
  'session.signIn': { input: loginRequestSchema.strict(), output: sessionAttemptSchema },
  'session.unlock': {
    input: z.strictObject({ password: loginRequestSchema.shape.password }),
    output: sessionAttemptSchema,
  },
  /** Locks now (the clerk leaves the desk, or the idle timer ran out). */
  'session.lock': { input: noInput, output: sessionInfoSchema },
  /** Ends the login here and at the server; unpushed work stays and goes out at the next sign-in. */
  'session.signOut': { input: noInput, output: sessionInfoSchema },
} as const;
