import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD, demoLogin } from '../../../src/server/index';
import { FeedHub } from '../../../src/server/feed/hub';
import { buildApp } from '../../../src/server/http/app';
import { registeredRoutes } from '../../../src/server/http/route-table';
import { openStore } from '../../../src/server/store/open';
import { ROLES, type Role } from '../../../src/shared/domain/user';
import type { LoginResponse } from '../../../src/shared/sync/auth';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { feedUrl, login, newCase, postCase } from './support/client';
import { jpegBytes, sha256Of, UNUSED_PHOTOS, uploadPhoto } from './support/photos';

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/** `allowed` is any 2xx (or 101 for the WebSocket); 401 and 403 are exact. */
type Outcome = 'allowed' | 401 | 403;

interface Call {
  url: string;
  caller: Caller;
  /** The caller's access token; undefined for anonymous. */
  token: string | undefined;
  /** A login of its own, for requests that use up or end a session. */
  freshSession(): Promise<LoginResponse>;
  /** A case of the demo officer with one photo, made once per server. */
  officerPhoto(): Promise<OfficerPhoto>;
}

interface OfficerPhoto {
  caseId: string;
  sha256: string;
}

interface Row {
  expect: Record<Caller, Outcome>;
  /** Makes the real request, with a valid body, and answers the HTTP status. */
  send(call: Call): Promise<number>;
}

const everyone: Record<Caller, Outcome> = {
  anonymous: 'allowed',
  clerk: 'allowed',
  team_lead: 'allowed',
  officer: 'allowed',
  admin: 'allowed',
};
const anyLogin: Record<Caller, Outcome> = { ...everyone, anonymous: 401 };
const backOffice: Record<Caller, Outcome> = { ...anyLogin, officer: 403 };
const fieldOnly: Record<Caller, Outcome> = {
  anonymous: 401,
  clerk: 403,
  team_lead: 403,
  officer: 'allowed',
  admin: 403,
};

function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

async function statusOf(request: Promise<Response>): Promise<number> {
  const response = await request;
  await response.arrayBuffer();
  return response.status;
}

function postJson(call: Call, path: string, body: unknown): Promise<number> {
  return statusOf(
    fetch(`${call.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(call.token) },
      body: JSON.stringify(body),
    }),
  );
}

/** The handshake's HTTP status: 101 when the upgrade went through, else the refusal. */
function upgradeStatus(call: Call, path: string): Promise<number> {
  const url = new URL(path, call.url);
  url.protocol = 'ws:';
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.href, { headers: bearer(call.token) });
    socket.on('upgrade', (response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => socket.terminate());
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

/** Anonymous logs in and refreshes as the clerk: those routes take no bearer token. */
function credentialsOf(caller: Caller): { username: string; password: string } {
  return demoLogin(caller === 'anonymous' ? 'clerk' : caller);
}

/**
 * THE table: every route the server registers, every caller, the expected outcome. A route
 * added without a row here fails `has a row for every registered route`.
 */
const MATRIX: Record<string, Row> = {
  'GET /health': {
    expect: everyone,
    send: (call) => statusOf(fetch(`${call.url}/health`, { headers: bearer(call.token) })),
  },
  'GET /openapi.json': {
    expect: everyone,
    send: (call) => statusOf(fetch(`${call.url}/openapi.json`, { headers: bearer(call.token) })),
  },
  'POST /auth/login': {
    expect: everyone,
    send: (call) => postJson(call, '/auth/login', credentialsOf(call.caller)),
  },
  'POST /auth/refresh': {
    expect: everyone,
    send: async (call) =>
      postJson(call, '/auth/refresh', { refreshToken: (await call.freshSession()).refreshToken }),
  },
  'POST /auth/logout': {
    expect: anyLogin,
    // Its own session, so ending it does not log the caller out of the other cells.
    send: async (call) => {
      const token = call.token === undefined ? undefined : (await call.freshSession()).accessToken;
      return statusOf(fetch(`${call.url}/auth/logout`, { method: 'POST', headers: bearer(token) }));
    },
  },
  'GET /sync/feed': {
    expect: backOffice,
    send: (call) =>
      statusOf(fetch(feedUrl(call.url, { limit: 1 }), { headers: bearer(call.token) })),
  },
  'GET /sync/live': {
    expect: backOffice,
    send: (call) => upgradeStatus(call, '/sync/live'),
  },
  'POST /field/cases': {
    expect: fieldOnly,
    send: (call) => statusOf(postCase(call.url, call.token ?? '', newCase())),
  },
  'PUT /field/photos/:sha256': {
    expect: fieldOnly,
    send: async (call) => {
      const { caseId } = await call.officerPhoto();
      return statusOf(uploadPhoto(call.url, call.token, jpegBytes(), { caseId }));
    },
  },
  'GET /photos/:sha256': {
    // The demo officer's own photo; another officer's is refused (see photos.test.ts).
    expect: anyLogin,
    send: async (call) => {
      const { sha256 } = await call.officerPhoto();
      return statusOf(fetch(`${call.url}/photos/${sha256}`, { headers: bearer(call.token) }));
    },
  },
};

/** What the server really registers, from an app built the way `startServer` builds it. */
async function registeredOperations(): Promise<string[]> {
  const db = await openStore({});
  const app = await buildApp({
    db,
    hub: new FeedHub(),
    sessionTtlMs: 60_000,
    photos: UNUSED_PHOTOS,
  });
  try {
    await app.ready();
    const operations = new Set(registeredRoutes(app).map((r) => `${r.method} ${r.url}`));
    // Fastify adds a HEAD for every GET by itself; it shares the GET's hooks.
    for (const operation of [...operations]) {
      if (operation.startsWith('HEAD ') && operations.has(`GET ${operation.slice(5)}`)) {
        operations.delete(operation);
      }
    }
    return [...operations].sort();
  } finally {
    await app.close();
    await db.close();
  }
}

const OPERATIONS = await registeredOperations();

describe('authorization matrix', () => {
  it('has a row for every registered route, and no row without a route', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(OPERATIONS);
  });

  it('covers the cases issue #3 names', () => {
    expect(MATRIX['GET /sync/feed']?.expect.officer).toBe(403);
    expect(MATRIX['POST /field/cases']?.expect.clerk).toBe(403);
    const open = OPERATIONS.filter((operation) => MATRIX[operation]?.expect.anonymous !== 401);
    expect(open).toEqual([
      'GET /health',
      'GET /openapi.json',
      'POST /auth/login',
      'POST /auth/refresh',
    ]);
  });
});

const CELLS = OPERATIONS.flatMap((operation) => CALLERS.map((caller) => ({ operation, caller })));

describe.each(await availableTargets())('authorization matrix on $name', (target) => {
  let t: TestServer;
  // Argon2 makes logins slow on purpose: one per role, reused by every cell of that role.
  const tokens = new Map<Caller, string>();
  let photo: Promise<OfficerPhoto> | null = null;

  async function makeOfficerPhoto(): Promise<OfficerPhoto> {
    const record = await t.server.createCase(newCase());
    const bytes = jpegBytes();
    const response = await uploadPhoto(t.server.url, tokens.get('officer'), bytes, {
      caseId: record.id,
    });
    expect(response.status).toBe(201);
    return { caseId: record.id, sha256: sha256Of(bytes) };
  }

  beforeAll(async () => {
    t = await startTestServer(target, 0);
    for (const role of ROLES) {
      const { username } = demoLogin(role);
      tokens.set(role, (await login(t.server.url, username, DEMO_PASSWORD)).accessToken);
    }
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each(CELLS)('$operation as $caller', async ({ operation, caller }) => {
    const row = MATRIX[operation];
    if (!row) throw new Error(`${operation} has no row in the authorization matrix`);
    const call: Call = {
      url: t.server.url,
      caller,
      token: tokens.get(caller),
      freshSession: () => login(t.server.url, credentialsOf(caller).username, DEMO_PASSWORD),
      officerPhoto: () => (photo ??= makeOfficerPhoto()),
    };
    const status = await row.send(call);
    const expected = row.expect[caller];
    if (expected === 'allowed') {
      expect(status === 101 || (status >= 200 && status < 300), `status ${status}`).toBe(true);
    } else expect(status).toBe(expected);
  });
});
