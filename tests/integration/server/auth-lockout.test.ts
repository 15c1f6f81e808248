import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS } from '../../../src/server/auth/lockout';
import { demoLogin } from '../../../src/server/index';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { apiError } from './support/client';

const LIMITS = {
  ...DEFAULT_LOGIN_LIMITS,
  maxFailures: 3,
  windowMs: 60_000,
  lockMs: 1_500,
  perAddressPerMinute: 1000,
};

function attempt(url: string, username: string, password: string): Promise<Response> {
  return fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function outcome(response: Response): Promise<[number, string | null]> {
  if (response.ok) {
    await response.text();
    return [response.status, null];
  }
  return [response.status, (await apiError(response)).code];
}

describe.each(await availableTargets())('login lockout and limits on $name', (target) => {
  let t: TestServer;
  let url: string;
  const clerk = demoLogin('clerk');
  const lead = demoLogin('team_lead');

  beforeAll(async () => {
    t = await startTestServer(target, 0, { loginLimits: LIMITS });
    url = t.server.url;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('locks a name after too many wrong passwords, even for the right one, and only that name', async () => {
    expect(await outcome(await attempt(url, clerk.username, 'falsch-1'))).toEqual([
      401,
      'invalid_credentials',
    ]);
    expect(await outcome(await attempt(url, clerk.username, 'falsch-2'))).toEqual([
      401,
      'invalid_credentials',
    ]);
    const third = await attempt(url, clerk.username, 'falsch-3');
    expect(third.headers.get('retry-after')).toBe('2');
    expect(await outcome(third)).toEqual([429, 'login_locked']);
    // Locked: the right password is not even checked.
    expect(await outcome(await attempt(url, clerk.username, clerk.password))).toEqual([
      429,
      'login_locked',
    ]);
    // Case does not make a fresh name to guess under.
    expect(await outcome(await attempt(url, clerk.username.toUpperCase(), 'x'))).toEqual([
      429,
      'login_locked',
    ]);
    // Another user is not affected.
    expect(await outcome(await attempt(url, lead.username, lead.password))).toEqual([200, null]);

    await sleep(1_600);
    expect(await outcome(await attempt(url, clerk.username, clerk.password))).toEqual([200, null]);
    // The good login reset the count: two more failures do not lock.
    await attempt(url, clerk.username, 'falsch-4');
    expect(await outcome(await attempt(url, clerk.username, 'falsch-5'))).toEqual([
      401,
      'invalid_credentials',
    ]);
    expect(await outcome(await attempt(url, clerk.username, clerk.password))).toEqual([200, null]);
  });

  it('answers an unknown name exactly as a real one, so a lock reveals no user names', async () => {
    const ghost = 'niemand.hier';
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await outcome(await attempt(url, ghost, 'x')));
    expect(answers).toEqual([
      [401, 'invalid_credentials'],
      [401, 'invalid_credentials'],
      [429, 'login_locked'],
      [429, 'login_locked'],
    ]);
  });

  it('locks longer on every repeat', async () => {
    const name = 'wiederholt';
    for (let i = 0; i < 3; i += 1) await attempt(url, name, 'x');
    await sleep(1_600);
    for (let i = 0; i < 2; i += 1) await attempt(url, name, 'x');
    const again = await attempt(url, name, 'x');
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('3');
    await again.text();
  });

  it('sends security headers with every answer, errors included', async () => {
    for (const response of [
      await fetch(`${url}/health`),
      await fetch(`${url}/no/such/route`),
      await attempt(url, 'x', 'y'),
    ]) {
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-powered-by')).toBeNull();
      await response.text();
    }
  });
});

describe('login limit per client address', async () => {
  const [target] = await availableTargets();
  let t: TestServer;
  beforeAll(async () => {
    if (!target) throw new Error('no database target');
    t = await startTestServer(target, 0, { loginLimits: { ...LIMITS, perAddressPerMinute: 4 } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a fifth login from one address within a minute, whatever the names', async () => {
    const codes = [];
    for (let i = 0; i < 5; i += 1) {
      codes.push(await outcome(await attempt(t.server.url, `name-${i}`, 'x')));
    }
    expect(codes.slice(0, 4).every(([status]) => status === 401)).toBe(true);
    expect(codes[4]).toEqual([429, 'rate_limited']);
  });
});
