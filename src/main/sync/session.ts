import type { SessionInfo, SessionRefusal, SessionState } from '../../shared/contract';
import type { LoginResponse } from '../../shared/sync/auth';
import type { User } from '../../shared/domain/user';
import { MemoryVault, type SecretVault, type StoredSession } from '../session/vault';
import { checkVerifier, makeVerifier, type PasswordVerifier } from '../session/verifier';
import {
  login,
  LoginRefusedError,
  logout,
  OfflineError,
  refreshTokens,
  UnauthorizedError,
} from './feed-client';

/**
 * Asked for a token while no one is signed in (or the session is locked). An `OfflineError`, so
 * that sync, outbox and photo downloads wait and retry as they do for an unreachable server.
 */
export class SignedOutError extends OfflineError {
  override name = 'SignedOutError';
}

/** Wrong passwords at the lock screen before the session is ended altogether. */
export const UNLOCK_ATTEMPTS_MAX = 5;
/** An access token this close to its end is renewed before use rather than sent to be refused. */
const RENEW_BEFORE_MS = 30_000;

export interface ServerSessionOptions {
  /** Where the refresh token and the unlock check live between locks and restarts. */
  vault?: SecretVault;
  /**
   * Signs in at once with these (demo mode, tests, a kiosk configured by the environment). They
   * are held only until the first login succeeds; from then on the session lives on its tokens.
   */
  credentials?: { username: string; password: string };
  /** Minutes without input before the renderer locks; 0: never. */
  idleLockMinutes?: number;
}

interface Tokens {
  access: string | null;
  accessExpiresAt: number;
  refresh: string;
  refreshExpiresAt: string;
}

type Attempt = { refused: SessionRefusal | null };

function refusalOf(error: unknown): SessionRefusal {
  if (error instanceof LoginRefusedError && error.code === 'login_locked') {
    return { reason: 'login_locked', retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof LoginRefusedError) {
    return { reason: 'invalid_credentials', retryAfterSeconds: null };
  }
  if (error instanceof OfflineError) return { reason: 'offline', retryAfterSeconds: null };
  throw error;
}

/**
 * The console's login at the server, shared by everything that talks to it (feed, live channel,
 * outbox, photo downloads). It signs in with the clerk's password once, then lives on tokens:
 * short-lived access tokens, renewed with the refresh token, which the server rotates on every
 * use. The refresh token and a check of the password are kept in the vault (encrypted by the
 * OS); locking drops every token from memory, so a locked console holds nothing decrypted.
 */
export class ServerSession {
  private state: SessionState;
  private name: string | null;
  private loggedIn: User | null = null;
  private tokens: Tokens | null = null;
  private credentials: { username: string; password: string } | null;
  /** A token being fetched; shared so that concurrent callers never spend a refresh token twice. */
  private pending: Promise<string> | null = null;
  /** Bumped by every sign-in, lock and sign-out: an answer for an older epoch is not used. */
  private epoch = 0;
  private failedUnlocks = 0;
  private ended: SessionInfo['ended'] = null;
  private readonly vault: SecretVault;
  private readonly listeners = new Set<(info: SessionInfo) => void>();
  private readonly abort = new AbortController();
  private idleMinutes: number;

  constructor(
    readonly serverUrl: string,
    options: ServerSessionOptions = {},
  ) {
    this.vault = options.vault ?? new MemoryVault();
    this.idleMinutes = options.idleLockMinutes ?? 0;
    this.credentials = options.credentials ?? null;
    const stored = this.storedForThisServer();
    if (this.credentials) {
      this.state = 'signed_in';
      this.name = this.credentials.username;
    } else if (stored) {
      // A restart is treated like coming back to the desk: the password unlocks the session.
      this.state = 'locked';
      this.name = stored.username;
      this.loggedIn = stored.user;
    } else {
      this.state = 'signed_out';
      this.name = null;
    }
  }

  /** Aborted by `close()`: requests made for this session pass it on. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Who the last login was for; null before the first one succeeded and after signing out. */
  get user(): User | null {
    return this.loggedIn;
  }

  /** The login name of the session (signed in or locked); null when signed out. */
  get username(): string | null {
    return this.name;
  }

  get isSignedIn(): boolean {
    return this.state === 'signed_in';
  }

  info(): SessionInfo {
    return {
      state: this.state,
      username: this.name,
      displayName: this.loggedIn?.displayName ?? null,
      serverUrl: this.serverUrl,
      idleLockMinutes: this.idleMinutes,
      ended: this.state === 'signed_out' ? this.ended : null,
    };
  }

  get idleLockMinutes(): number {
    return this.idleMinutes;
  }

  /** A new idle-lock time from the settings: the renderer's timer follows the next change event. */
  setIdleLockMinutes(minutes: number): void {
    if (minutes === this.idleMinutes) return;
    this.idleMinutes = minutes;
    this.change(this.state);
  }

  onChange(listener: (info: SessionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels requests in flight; the session is not used afterwards. */
  close(): void {
    this.abort.abort();
    this.listeners.clear();
  }

  /** Signs in with a password at the server (also to switch users). */
  async signIn(username: string, password: string): Promise<Attempt> {
    if (this.state !== 'signed_out') await this.signOut();
    const epoch = ++this.epoch;
    let answer: LoginResponse;
    try {
      answer = await login(this.serverUrl, { username, password }, this.signal);
    } catch (error) {
      return { refused: refusalOf(error) };
    }
    const verifier = await makeVerifier(password);
    if (epoch !== this.epoch) return { refused: { reason: 'offline', retryAfterSeconds: null } };
    this.name = answer.user.username;
    this.adopt(answer, verifier);
    this.failedUnlocks = 0;
    this.ended = null;
    this.change('signed_in');
    return { refused: null };
  }

  /** Locks: forgets every token and the credentials; the vault keeps the session encrypted. */
  lock(): void {
    if (this.state !== 'signed_in') return;
    if (this.credentials && !this.storedForThisServer()) {
      // Configured credentials that never got to log in (offline since start): there is nothing
      // to unlock with that is not the password itself, so the clerk signs in again instead.
      this.credentials = null;
      this.endSession(null);
      return;
    }
    this.credentials = null;
    this.forgetTokens();
    this.change('locked');
  }

  /** Unlocks with the password of the locked session, checked here: works offline too. */
  async unlock(password: string): Promise<Attempt> {
    if (this.state !== 'locked') return { refused: null };
    const stored = this.storedForThisServer();
    const epoch = this.epoch;
    const matches = stored ? await checkVerifier(stored.verifier, password) : false;
    if (epoch !== this.epoch || this.state !== 'locked') return { refused: null };
    if (!stored) {
      // Nothing to unlock with (the vault was cleared or cannot be read): a full sign-in it is.
      this.endSession(null);
      return { refused: { reason: 'session_ended', retryAfterSeconds: null } };
    }
    if (!matches) {
      this.failedUnlocks += 1;
      if (this.failedUnlocks >= UNLOCK_ATTEMPTS_MAX) {
        await this.signOut('unlock_failed');
        return { refused: { reason: 'too_many_attempts', retryAfterSeconds: null } };
      }
      return { refused: { reason: 'wrong_password', retryAfterSeconds: null } };
    }
    this.failedUnlocks = 0;
    this.tokens = {
      access: null,
      accessExpiresAt: 0,
      refresh: stored.refreshToken,
      refreshExpiresAt: stored.refreshExpiresAt,
    };
    this.loggedIn = stored.user;
    this.change('signed_in');
    return { refused: null };
  }

  /** Ends the login at the server (best effort) and here; local work stays in the outbox. */
  async signOut(why: SessionInfo['ended'] = null): Promise<void> {
    if (this.state === 'signed_out') return;
    const access = this.tokens?.access ?? null;
    const refresh = this.tokens?.refresh ?? this.storedForThisServer()?.refreshToken ?? null;
    this.credentials = null;
    this.endSession(why);
    // Revoked at the server too, so the token cannot be used if it was copied before it was
    // encrypted; an unreachable server is not a reason to stay signed in.
    try {
      const token =
        access ?? (refresh ? (await refreshTokens(this.serverUrl, refresh)).accessToken : null);
      if (token) await logout(this.serverUrl, token);
    } catch {
      // The refresh token runs out by itself; nothing of it is left on this machine.
    }
  }

  /** The current access token, renewing it when needed. */
  accessToken(): Promise<string> {
    if (this.state !== 'signed_in') return Promise.reject(new SignedOutError('Not signed in'));
    const tokens = this.tokens;
    if (tokens?.access && tokens.accessExpiresAt - Date.now() > RENEW_BEFORE_MS) {
      return Promise.resolve(tokens.access);
    }
    if (!this.pending) {
      const pending = this.renew(this.epoch);
      // A failed renewal must not stick: the next caller tries again.
      pending
        .catch(() => undefined)
        .finally(() => {
          if (this.pending === pending) this.pending = null;
        });
      this.pending = pending;
    }
    return this.pending;
  }

  /** Forgets the access token (the server refused it), so the next call renews it. */
  invalidate(): void {
    if (this.tokens) this.tokens = { ...this.tokens, access: null, accessExpiresAt: 0 };
  }

  /**
   * Runs `fn` with a token; when the server refuses it (`UnauthorizedError`), renews the token
   * and runs `fn` once more.
   */
  async authorized<T>(fn: (token: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.accessToken());
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      this.invalidate();
      return fn(await this.accessToken());
    }
  }

  private async renew(epoch: number): Promise<string> {
    const refresh = this.tokens?.refresh;
    const ending = refresh ? 'expired' : 'refused';
    let answer: LoginResponse;
    try {
      if (refresh) answer = await refreshTokens(this.serverUrl, refresh, this.signal);
      else if (this.credentials)
        answer = await login(this.serverUrl, this.credentials, this.signal);
      else throw new SignedOutError('Not signed in');
    } catch (error) {
      if (error instanceof LoginRefusedError && epoch === this.epoch) {
        // The refresh token expired or was revoked (or the configured password is wrong): only
        // the clerk can sign in again.
        this.credentials = null;
        this.endSession(ending);
        throw new SignedOutError('The login has ended; sign in again', { cause: error });
      }
      throw error;
    }
    if (epoch !== this.epoch) {
      // Locked or signed out meanwhile. The server has rotated the refresh token: a locked
      // session must keep the new one, or unlocking would spend an old one and end the login.
      if (this.state === 'locked') this.storeRotated(answer);
      throw new SignedOutError('Not signed in');
    }
    const verifier =
      this.storedForThisServer()?.verifier ??
      (this.credentials ? await makeVerifier(this.credentials.password) : null);
    if (epoch !== this.epoch) throw new SignedOutError('Not signed in');
    this.adopt(answer, verifier);
    // From the first login on, the session lives on its tokens; the password is not kept.
    this.credentials = null;
    return answer.accessToken;
  }

  private adopt(answer: LoginResponse, verifier: PasswordVerifier | null): void {
    this.tokens = {
      access: answer.accessToken,
      accessExpiresAt: Date.parse(answer.expiresAt),
      refresh: answer.refreshToken,
      refreshExpiresAt: answer.refreshExpiresAt,
    };
    this.loggedIn = answer.user;
    if (verifier) this.save(answer, verifier);
  }

  private storeRotated(answer: LoginResponse): void {
    const stored = this.storedForThisServer();
    if (stored) this.save(answer, stored.verifier);
  }

  private save(answer: LoginResponse, verifier: PasswordVerifier): void {
    try {
      this.vault.save({
        version: 1,
        serverUrl: this.serverUrl,
        username: answer.user.username,
        user: answer.user,
        refreshToken: answer.refreshToken,
        refreshExpiresAt: answer.refreshExpiresAt,
        verifier,
      });
    } catch (error) {
      // Without a saved session the console still works; it asks for the password after a lock.
      console.error('[session] could not save the session:', (error as Error).message);
    }
  }

  private storedForThisServer(): StoredSession | null {
    const stored = this.vault.load();
    return stored && stored.serverUrl === this.serverUrl ? stored : null;
  }

  private forgetTokens(): void {
    this.epoch += 1;
    this.tokens = null;
    this.pending = null;
  }

  private endSession(ended: SessionInfo['ended']): void {
    this.forgetTokens();
    this.vault.clear();
    this.name = null;
    this.loggedIn = null;
    this.failedUnlocks = 0;
    this.ended = ended;
    this.change('signed_out');
  }

  private change(state: SessionState): void {
    this.state = state;
    const info = this.info();
    for (const listener of this.listeners) {
      try {
        listener(info);
      } catch (error) {
        console.error('[session] listener failed', error);
      }
    }
  }
}
