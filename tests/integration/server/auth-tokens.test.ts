import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/index';
import { loginResponseSchema, type LoginResponse } from '../../../src/shared/sync/auth';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { apiError, feedUrl, login } from './support/client';

function postJson(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function refresh(url: string, refreshToken: string): Promise<Response> {
  return postJson(url, '/auth/refresh', { refreshToken });
}

async function refreshed(url: string, refreshToken: string): Promise<LoginResponse> {
  const response = await refresh(url, refreshToken);
  expect(response.status).toBe(200);
  return loginResponseSchema.parse(await response.json());
}

function logout(url: string, accessToken: string): Promise<Response> {
  return fetch(`${url}/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

/** Status and error code of a feed request, the simplest route that checks the token. */
async function feedAs(url: string, accessToken: string): Promise<[number, string | null]> {
  const response = await fetch(feedUrl(url, { limit: 1 }), {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (response.ok) {
    await response.text();
    return [response.status, null];
  }
  return [response.status, (await apiError(response)).code];
}

async function refusal(response: Response): Promise<[number, string]> {
  return [response.status, (await apiError(response)).code];
}

describe.each(await availableTargets())('access and refresh tokens on $name', (target) => {
  let t: TestServer;
  let url: string;

  beforeAll(async () => {
    t = await startTestServer(target, 0);
    url = t.server.url;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('rotates a refresh token and treats its reuse as theft of the whole login', async () => {
    const first = await login(url, 'demo.clerk');
    expect(first.refreshToken).not.toBe(first.accessToken);

    const second = await refreshed(url, first.refreshToken);
    expect(second.user.username).toBe('demo.clerk');
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await feedAs(url, second.accessToken)).toEqual([200, null]);
    // The previous access token lives on until its own expiry: requests in flight keep working.
    expect(await feedAs(url, first.accessToken)).toEqual([200, null]);

    const third = await refreshed(url, second.refreshToken);
    expect(await refusal(await refresh(url, first.refreshToken))).toEqual([
      401,
      'refresh_token_reused',
    ]);
    // Every pair of that login is gone, including the newest one the thief may hold.
    expect(await refusal(await refresh(url, third.refreshToken))).toEqual([401, 'token_revoked']);
    for (const pair of [first, second, third]) {
      expect(await feedAs(url, pair.accessToken)).toEqual([401, 'token_revoked']);
    }
  });

  it('leaves other logins of the same user alone when one is revoked', async () => {
    const [a, b] = [await login(url, 'demo.lead'), await login(url, 'demo.lead')];
    expect((await logout(url, a.accessToken)).status).toBe(204);
    expect(await feedAs(url, a.accessToken)).toEqual([401, 'token_revoked']);
    expect(await feedAs(url, b.accessToken)).toEqual([200, null]);
  });

  it('logout revokes the access token, the refresh token and earlier pairs', async () => {
    const first = await login(url, 'demo.admin');
    const second = await refreshed(url, first.refreshToken);
    const response = await logout(url, second.accessToken);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');

    expect(await feedAs(url, second.accessToken)).toEqual([401, 'token_revoked']);
    expect(await feedAs(url, first.accessToken)).toEqual([401, 'token_revoked']);
    expect(await refusal(await refresh(url, second.refreshToken))).toEqual([401, 'token_revoked']);
    expect(await refusal(await logout(url, second.accessToken))).toEqual([401, 'token_revoked']);
  });

  it('refuses an unknown refresh token and a body without one', async () => {
    expect(await refusal(await refresh(url, 'x'.repeat(64)))).toEqual([
      401,
      'invalid_refresh_token',
    ]);
    const missing = await postJson(url, '/auth/refresh', {});
    expect(missing.status).toBe(400);
    expect((await apiError(missing)).field).toBe('refreshToken');
  });

  it('does not accept a refresh token as an access token or the other way round', async () => {
    const session = await login(url, 'demo.clerk');
    expect(await feedAs(url, session.refreshToken)).toEqual([401, 'unauthorized']);
    expect(await refusal(await refresh(url, session.accessToken))).toEqual([
      401,
      'invalid_refresh_token',
    ]);
  });
});

describe.each(await availableTargets())('token expiry on $name', (target) => {
  const ACCESS_TTL_MS = 400;
  const SESSION_TTL_MS = 1500;
  let server: RunningServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await target.create();
    drop = database.drop;
    server = await startServer({
      ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}),
      seed: { cases: 0 },
      sessionTtlMs: SESSION_TTL_MS,
      accessTtlMs: ACCESS_TTL_MS,
    });
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('answers token_expired for an expired access token, then for an expired refresh token', async () => {
    const session = await login(server.url, 'demo.clerk');
    expect(Date.parse(session.expiresAt) - Date.parse(session.refreshExpiresAt)).toBeCloseTo(
      ACCESS_TTL_MS - SESSION_TTL_MS,
      -2,
    );
    expect(await feedAs(server.url, session.accessToken)).toEqual([200, null]);

    await sleep(ACCESS_TTL_MS + 150);
    expect(await feedAs(server.url, session.accessToken)).toEqual([401, 'token_expired']);
    const renewed = await refreshed(server.url, session.refreshToken);
    expect(await feedAs(server.url, renewed.accessToken)).toEqual([200, null]);

    // The renewed refresh token runs its own lifetime from the refresh, and then it ends too.
    expect(Date.parse(renewed.refreshExpiresAt)).toBeGreaterThan(
      Date.parse(session.refreshExpiresAt),
    );
    await sleep(Date.parse(renewed.refreshExpiresAt) - Date.now() + 150);
    expect(await refusal(await refresh(server.url, renewed.refreshToken))).toEqual([
      401,
      'token_expired',
    ]);
  });

  it('caps the access lifetime at the session lifetime', async () => {
    const capped = await startServer({ seed: { cases: 0 }, sessionTtlMs: 1000 });
    try {
      const session = await login(capped.url, 'demo.clerk');
      expect(session.expiresAt).toBe(session.refreshExpiresAt);
    } finally {
      await capped.close();
    }
  });
});
