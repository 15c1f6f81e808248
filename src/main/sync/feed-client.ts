import {
  FEED_RESET_CODE,
  feedLineSchema,
  type FeedChange,
  type FeedEnd,
} from '../../shared/sync/feed';
import { apiErrorSchema, loginResponseSchema, type LoginResponse } from '../../shared/sync/auth';

/** The server could not be reached or answered with a server error: try again later. */
export class OfflineError extends Error {
  override name = 'OfflineError';
}
/** The token was refused: log in again. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}
/** The server refused the console's credentials: retrying will not help until they change. */
export class LoginRefusedError extends Error {
  override name = 'LoginRefusedError';
  constructor(
    message: string,
    /** The server's error code: `invalid_credentials`, `login_locked`, a refresh refusal. */
    readonly code: string = 'invalid_credentials',
    /** For `login_locked`: when trying again can help, from the server's Retry-After. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}
/**
 * The server's feed no longer continues the history the console's cursor belongs to (a reset,
 * or history compacted away): the feed must be read again from the beginning.
 */
export class FeedResetError extends Error {
  override name = 'FeedResetError';
}
/** The server sent something that breaks the protocol: nothing of it may be applied. */
export class FeedProtocolError extends Error {
  override name = 'FeedProtocolError';
}

export interface FeedPage {
  changes: FeedChange[];
  end: FeedEnd;
  /** Bytes of the response body, for progress reports. */
  bytes: number;
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new OfflineError(`Server not reachable: ${(error as Error).message}`, { cause: error });
  }
}

function errorCode(body: string): string | null {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.error.code : null;
  } catch {
    return null;
  }
}

async function failOnStatus(response: Response, what: string): Promise<void> {
  if (response.ok) return;
  const body = await response.text().catch(() => '');
  if (response.status === 410 && errorCode(body) === FEED_RESET_CODE) {
    throw new FeedResetError(`${what}: the server reset its feed`);
  }
  if (response.status === 401) throw new UnauthorizedError(`${what}: 401 ${body.slice(0, 200)}`);
  if (response.status >= 500 || response.status === 429) {
    throw new OfflineError(`${what}: server answered ${response.status}`);
  }
  throw new FeedProtocolError(`${what}: server answered ${response.status} ${body.slice(0, 200)}`);
}

export async function login(
  serverUrl: string,
  credentials: { username: string; password: string },
  signal?: AbortSignal,
): Promise<LoginResponse> {
  const response = await request(new URL('/auth/login', serverUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
    signal: signal ?? null,
  });
  // The user name stays out of the message: error messages end up in logs.
  return tokensFrom(response, 'Login');
}

/** Trades a refresh token for a new pair; the server rotates it, so the old one is spent. */
export async function refreshTokens(
  serverUrl: string,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<LoginResponse> {
  const response = await request(new URL('/auth/refresh', serverUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
    signal: signal ?? null,
  });
  return tokensFrom(response, 'Refresh');
}

/** Ends the login at the server (revokes its tokens); best effort, a sign-out never waits long. */
export async function logout(serverUrl: string, accessToken: string): Promise<void> {
  const response = await request(new URL('/auth/logout', serverUrl).href, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(5000),
  });
  await response.body?.cancel();
}

async function tokensFrom(response: Response, what: string): Promise<LoginResponse> {
  if (response.status === 401 || response.status === 403 || response.status === 429) {
    const body = await response.text().catch(() => '');
    const code = errorCode(body) ?? (response.status === 429 ? 'rate_limited' : 'refused');
    // A plain rate limit without a lockout is a moment of "try later", like being offline.
    if (response.status === 429 && code !== 'login_locked') {
      throw new OfflineError(`${what}: server answered 429`);
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new LoginRefusedError(
      `${what} refused (${response.status} ${code})`,
      code,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  await failOnStatus(response, what);
  const parsed = loginResponseSchema.safeParse(await response.json());
  if (!parsed.success) throw new FeedProtocolError(`${what}: malformed answer`);
  return parsed.data;
}

/** Where a page starts: after `cursor` of the feed's history `epoch` (null: not known yet). */
export interface FeedPosition {
  cursor: number;
  epoch: string | null;
}

/**
 * Reads one feed page as a stream of NDJSON lines, validating each. The page is returned only
 * when its `end` line arrived, so a cut connection or a bad line never yields a partial page.
 * Throws `FeedResetError` when the server says the position's history is gone.
 */
export async function fetchFeedPage(
  serverUrl: string,
  token: string,
  from: FeedPosition,
  limit: number,
  signal?: AbortSignal,
): Promise<FeedPage> {
  const url = new URL('/sync/feed', serverUrl);
  url.searchParams.set('cursor', String(from.cursor));
  url.searchParams.set('limit', String(limit));
  if (from.epoch !== null) url.searchParams.set('epoch', from.epoch);
  const response = await request(url.href, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
    signal: signal ?? null,
  });
  await failOnStatus(response, 'Feed');
  if (!response.body) throw new FeedProtocolError('Feed: empty body');

  const changes: FeedChange[] = [];
  let end: FeedEnd | null = null;
  let lineNo = 0;
  const handleLine = (line: string) => {
    lineNo++;
    if (line.trim() === '') return;
    if (end) throw new FeedProtocolError(`Feed line ${lineNo}: data after the end line`);
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new FeedProtocolError(`Feed line ${lineNo}: not JSON`);
    }
    const parsed = feedLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FeedProtocolError(
        `Feed line ${lineNo}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
      );
    }
    if (parsed.data.kind === 'end') end = parsed.data;
    else changes.push(parsed.data);
  };

  const decoder = new TextDecoder();
  let buffered = '';
  let bytes = 0;
  try {
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      buffered += decoder.decode(chunk, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        handleLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
    }
  } catch (error) {
    if (error instanceof FeedProtocolError) throw error;
    throw new OfflineError(`Feed interrupted: ${(error as Error).message}`, { cause: error });
  }
  buffered += decoder.decode();
  if (buffered !== '') handleLine(buffered);
  if (!end) throw new OfflineError('Feed interrupted before its end line');
  const { epoch } = end as FeedEnd;
  // The server checks the epoch asked for; one that changed under the page is a reset all the same.
  if (from.epoch !== null && epoch !== from.epoch) {
    throw new FeedResetError(`Feed: epoch ${epoch} answered for ${from.epoch}`);
  }
  return { changes, end, bytes };
}
