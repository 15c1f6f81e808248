import { setTimeout as sleep } from 'node:timers/promises';
import { apiErrorSchema, loginResponseSchema } from '../../shared/sync/auth';
import type { SimStats } from './stats';

/** The run is stopping: the job that sees this just ends. */
export class StoppedError extends Error {
  constructor() {
    super('simulation stopped');
  }
}

/**
 * A request that did not succeed. `status` 0 means the server never answered (after every
 * retry); `code` is the server's error code, or `unreachable` / `server_error`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** Worth trying again later (the server was down or failing), unlike a refusal. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

/** At most `limit` callers at once; the rest queue in order. */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export interface HttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Aborted when the run stops; every request and back-off wait ends with it. */
  signal: AbortSignal;
  stats: SimStats;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  /** Attempts per request on network errors, timeouts and 5xx/429 answers. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Logins hash passwords on the server (argon2): a few at a time, not 180 at once. */
  loginGate: Gate;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: Uint8Array;
  contentType?: string;
}

export interface HttpResult {
  status: number;
  text: string;
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

/** The `{error:{code,message,field}}` of an answer, or a stand-in when it has none. */
export function apiErrorOf(result: HttpResult): ApiError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(result.text);
  } catch {
    // not JSON: described by the status alone
  }
  const body = apiErrorSchema.safeParse(parsed);
  if (body.success) {
    const { code, message, field } = body.data.error;
    return new ApiError(result.status, code, message, field);
  }
  return new ApiError(result.status, `http_${result.status}`, `HTTP ${result.status}`);
}

function url(baseUrl: string, request: HttpRequest): string {
  const target = new URL(request.path, baseUrl);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) target.searchParams.set(key, String(value));
  }
  return target.href;
}

async function backoff(http: HttpOptions, attempt: number): Promise<void> {
  const ceiling = Math.min(http.backoffMaxMs, http.backoffBaseMs * 2 ** (attempt - 1));
  // Full jitter: 180 officers that lost the server together must not come back together.
  const wait = ceiling / 2 + Math.random() * (ceiling / 2);
  try {
    await sleep(wait, undefined, { signal: http.signal });
  } catch {
    throw new StoppedError();
  }
}

/**
 * Sends a request, again and again on network errors, timeouts and 5xx/429 answers, with
 * exponential back-off. The request is the same each time (same body, so the same client ids):
 * the server's idempotency makes a repeat harmless. Other answers, 4xx included, are returned.
 */
export async function sendWithRetry(
  http: HttpOptions,
  request: HttpRequest,
  token: string | null,
): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  let body: string | Uint8Array | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.body) {
    headers['content-type'] = request.contentType ?? 'application/octet-stream';
    body = request.body;
  }
  const target = url(http.baseUrl, request);
  for (let attempt = 1; ; attempt++) {
    if (http.signal.aborted) throw new StoppedError();
    let failure: string;
    try {
      const signal = AbortSignal.any([http.signal, AbortSignal.timeout(http.timeoutMs)]);
      const response = await http.fetch(target, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal,
      });
      const text = await response.text();
      if (!isRetryableStatus(response.status)) return { status: response.status, text };
      failure = `HTTP ${response.status}`;
      if (attempt >= http.maxAttempts) return { status: response.status, text };
    } catch (error) {
      if (http.signal.aborted) throw new StoppedError();
      failure = describe(error);
      if (attempt >= http.maxAttempts) {
        throw new ApiError(0, 'unreachable', `${request.method} ${request.path}: ${failure}`);
      }
    }
    http.stats.retries++;
    await backoff(http, attempt);
  }
}

interface Tokens {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms from which a refresh is due, ahead of the expiry (see REFRESH_MARGIN). */
  refreshAt: number;
  refreshToken: string;
}

/**
 * Refresh a little before the access token runs out rather than waiting for the 401: 20 s
 * ahead, or a quarter of the token's life when it is short.
 */
const REFRESH_MARGIN_MS = 20_000;
const REFRESH_MARGIN_SHARE = 0.25;

/**
 * One user's login: requests go out with a current access token; an expired one is refreshed
 * (POST /auth/refresh), and when that fails too, or the token was revoked, the user logs in
 * again. Renewals are single-flight: concurrent requests that all hit the 401 share one refresh,
 * since a refresh token used twice revokes the whole login.
 */
export class FieldSession {
  private tokens: Tokens | null = null;
  private renewing: Promise<void> | null = null;
  userId: string | null = null;

  constructor(
    private readonly http: HttpOptions,
    readonly username: string,
    private readonly password: string,
  ) {}

  /** Logs in unless already logged in; returns the user's id. */
  async ensureLoggedIn(): Promise<string> {
    await this.accessToken();
    if (this.userId === null) throw new Error('login gave no user');
    return this.userId;
  }

  /** A usable access token, logging in or refreshing as needed. */
  async accessToken(): Promise<string> {
    if (!this.tokens) await this.renew(null, 'login');
    else if (Date.now() >= this.tokens.refreshAt) {
      await this.renew(this.tokens.accessToken, 'refresh');
    }
    if (!this.tokens) throw new Error('no tokens after login');
    return this.tokens.accessToken;
  }

  /** Sends with a token; a 401 renews it (at most twice) and sends again. */
  async send(request: HttpRequest): Promise<HttpResult> {
    for (let renewals = 0; ; renewals++) {
      const token = await this.accessToken();
      const result = await sendWithRetry(this.http, request, token);
      if (result.status !== 401 || renewals >= 2) return result;
      const { code } = apiErrorOf(result);
      await this.renew(token, code === 'token_expired' ? 'refresh' : 'login');
    }
  }

  /** `send`, then the JSON body of a 2xx answer; anything else throws an ApiError. */
  async json<T>(
    request: HttpRequest,
    parse: (body: unknown) => T,
  ): Promise<{ status: number; body: T }> {
    const result = await this.send(request);
    if (result.status < 200 || result.status >= 300) throw apiErrorOf(result);
    return { status: result.status, body: parse(JSON.parse(result.text)) };
  }

  private renew(stale: string | null, how: 'refresh' | 'login'): Promise<void> {
    // Someone else renewed since this token was read: nothing to do.
    if (stale !== null && this.tokens && this.tokens.accessToken !== stale)
      return Promise.resolve();
    this.renewing ??= (
      how === 'refresh' && this.tokens
        ? this.refresh(this.tokens.refreshToken).catch((error: unknown) => {
            if (error instanceof StoppedError) throw error;
            return this.login();
          })
        : this.login()
    ).finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private accept(body: unknown): void {
    const answer = loginResponseSchema.parse(body);
    const expiresAt = Date.parse(answer.expiresAt);
    const life = Math.max(0, expiresAt - Date.now());
    this.tokens = {
      accessToken: answer.accessToken,
      expiresAt,
      refreshAt: expiresAt - Math.min(REFRESH_MARGIN_MS, life * REFRESH_MARGIN_SHARE),
      refreshToken: answer.refreshToken,
    };
    this.userId = answer.user.id;
  }

  private async login(): Promise<void> {
    const result = await this.http.loginGate.run(() =>
      sendWithRetry(
        this.http,
        {
          method: 'POST',
          path: '/auth/login',
          json: { username: this.username, password: this.password },
        },
        null,
      ),
    );
    if (result.status !== 200) throw apiErrorOf(result);
    this.http.stats.logins++;
    this.accept(JSON.parse(result.text));
  }

  private async refresh(refreshToken: string): Promise<void> {
    const result = await sendWithRetry(
      this.http,
      { method: 'POST', path: '/auth/refresh', json: { refreshToken } },
      null,
    );
    if (result.status !== 200) throw apiErrorOf(result);
    this.http.stats.refreshes++;
    this.accept(JSON.parse(result.text));
  }
}
