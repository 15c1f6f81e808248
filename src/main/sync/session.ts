import type { User } from '../../shared/domain/user';
import { login, UnauthorizedError } from './feed-client';

/**
 * The console's login at the server, shared by everything that talks to it (feed, live channel,
 * outbox, photo downloads): one access token, fetched on first use and again after the server
 * refused it. Access tokens are short-lived; a refusal mid-session means log in again and carry
 * on, not a moment offline.
 */
export class ServerSession {
  private token: Promise<string> | null = null;
  private loggedIn: User | null = null;
  private readonly abort = new AbortController();

  constructor(
    readonly serverUrl: string,
    private readonly credentials: { username: string; password: string },
  ) {}

  /** Aborted by `close()`: requests made for this session pass it on. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Who the last login was for; null before the first one succeeded. */
  get user(): User | null {
    return this.loggedIn;
  }

  /** Cancels a login in flight; the session is not used afterwards. */
  close(): void {
    this.abort.abort();
  }

  /** The current access token, logging in when there is none. */
  accessToken(): Promise<string> {
    if (!this.token) {
      const pending = login(this.serverUrl, this.credentials, this.signal).then((session) => {
        this.loggedIn = session.user;
        return session.accessToken;
      });
      // A failed login must not stick: the next caller tries again.
      pending.catch(() => {
        if (this.token === pending) this.token = null;
      });
      this.token = pending;
    }
    return this.token;
  }

  /** Forgets the token (the server refused it), so the next call logs in again. */
  invalidate(): void {
    this.token = null;
  }

  /**
   * Runs `fn` with a token; when the server refuses it (`UnauthorizedError`), logs in again and
   * runs `fn` once more.
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
}
