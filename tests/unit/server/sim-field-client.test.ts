import { describe, expect, it } from 'vitest';
import {
  ApiError,
  FieldSession,
  Gate,
  StoppedError,
  type HttpOptions,
} from '../../../src/server/sim/field-client';
import { SimStats } from '../../../src/server/sim/stats';

interface Call {
  path: string;
  auth: string | null;
  body: string | null;
}

/** A pretend server: logins and refreshes hand out numbered tokens; `route` answers the rest. */
function fakeServer(route: (call: Call, n: number) => Response | Error) {
  const calls: Call[] = [];
  let issued = 0;
  let routed = 0;
  const tokens = () => {
    issued++;
    return Response.json({
      accessToken: `access-${issued}-${'x'.repeat(24)}`,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      refreshToken: `refresh-${issued}-${'y'.repeat(48)}`,
      refreshExpiresAt: new Date(Date.now() + 7_200_000).toISOString(),
      user: {
        id: 'officer-01',
        username: 'officer.huber',
        displayName: 'Maria Huber',
        role: 'officer',
      },
    });
  };
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const call = {
      path: url.pathname,
      auth: headers.get('authorization'),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    calls.push(call);
    await Promise.resolve();
    if (url.pathname === '/auth/login') return tokens();
    if (url.pathname === '/auth/refresh') {
      const answer = route(call, routed);
      return answer instanceof Response && answer.status === 401 ? answer : tokens();
    }
    const answer = route(call, routed++);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fetchImpl, calls };
}

function options(fetchImpl: typeof fetch, overrides: Partial<HttpOptions> = {}): HttpOptions {
  return {
    baseUrl: 'http://sim.test',
    fetch: fetchImpl,
    signal: new AbortController().signal,
    stats: new SimStats(),
    timeoutMs: 1000,
    maxAttempts: 4,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    loginGate: new Gate(1),
    ...overrides,
  };
}

const expired = () =>
  Response.json({ error: { code: 'token_expired', message: 'expired' } }, { status: 401 });

describe('field client', () => {
  it('sends the same request again after network errors and 5xx answers', async () => {
    const server = fakeServer((call, n) =>
      call.path !== '/field/cases'
        ? new Response(null, { status: 404 })
        : n === 0
          ? new TypeError('fetch failed')
          : n === 1
            ? new Response('bad gateway', { status: 502 })
            : Response.json({ ok: true }, { status: 201 }),
    );
    const http = options(server.fetch);
    const session = new FieldSession(http, 'officer.huber', 'demo');
    const result = await session.json(
      { method: 'POST', path: '/field/cases', json: { id: 'case-1' } },
      (body) => body,
    );
    expect(result.status).toBe(201);
    const posts = server.calls.filter((call) => call.path === '/field/cases');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((call) => call.body))).toEqual(new Set(['{"id":"case-1"}']));
    expect(http.stats.retries).toBe(2);
  });

  it('refreshes an expired token once for all requests that hit it, then sends again', async () => {
    const server = fakeServer((call) =>
      call.auth?.startsWith('Bearer access-1-') ? expired() : Response.json({ ok: true }),
    );
    const http = options(server.fetch);
    const session = new FieldSession(http, 'officer.huber', 'demo');
    await session.ensureLoggedIn();
    const results = await Promise.all(
      [1, 2, 3].map(() => session.send({ method: 'GET', path: '/sync/feed' })),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    expect(server.calls.filter((call) => call.path === '/auth/refresh')).toHaveLength(1);
    expect(http.stats.refreshes).toBe(1);
    expect(http.stats.logins).toBe(1);
  });

  it('logs in again when the refresh is refused', async () => {
    const server = fakeServer((call) => {
      if (call.path === '/auth/refresh') {
        return Response.json(
          { error: { code: 'refresh_token_reused', message: 'no' } },
          { status: 401 },
        );
      }
      return call.auth?.startsWith('Bearer access-1-') ? expired() : Response.json({ ok: true });
    });
    const http = options(server.fetch);
    const session = new FieldSession(http, 'officer.huber', 'demo');
    const result = await session.send({ method: 'GET', path: '/sync/feed' });
    expect(result.status).toBe(200);
    expect(http.stats.logins).toBe(2);
  });

  it('gives up after its attempts with a transient error, and refusals are not retried', async () => {
    const down = fakeServer(() => new TypeError('fetch failed'));
    const session = new FieldSession(options(down.fetch), 'officer.huber', 'demo');
    const failure = await session
      .send({ method: 'GET', path: '/sync/feed' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).transient).toBe(true);
    expect(down.calls.filter((call) => call.path === '/sync/feed')).toHaveLength(4);

    const refusing = fakeServer(() =>
      Response.json(
        { error: { code: 'unknown_offence', message: 'no', field: 'offenceCode' } },
        { status: 400 },
      ),
    );
    const other = new FieldSession(options(refusing.fetch), 'officer.huber', 'demo');
    const refused = await other
      .json({ method: 'POST', path: '/field/cases', json: {} }, (body) => body)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, code: 'unknown_offence', field: 'offenceCode' });
    expect((refused as ApiError).transient).toBe(false);
    expect(refusing.calls.filter((call) => call.path === '/field/cases')).toHaveLength(1);
  });

  it('stops waiting when the run stops', async () => {
    const stop = new AbortController();
    const down = fakeServer(() => new TypeError('fetch failed'));
    const http = options(down.fetch, {
      signal: stop.signal,
      backoffBaseMs: 10_000,
      backoffMaxMs: 10_000,
    });
    const session = new FieldSession(http, 'officer.huber', 'demo');
    await session.ensureLoggedIn();
    const pending = session.send({ method: 'GET', path: '/sync/feed' });
    setTimeout(() => stop.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(StoppedError);
  });
});

describe('gate', () => {
  it('lets at most `limit` tasks run at once', async () => {
    const gate = new Gate(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        gate.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});
