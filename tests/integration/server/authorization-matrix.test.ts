import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD, demoLogin } from '../../../src/server/index';
import { ROLES, type Role } from '../../../src/shared/domain/user';
import type { LoginResponse } from '../../../src/shared/sync/auth';
import { mutationBatchResponseSchema } from '../../../src/shared/sync/mutations';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { apiError, feedUrl, login, newCase, postCase, readWholeFeed } from './support/client';
import { rowKey, upsertsOf } from './support/feed-entities';
import { newDispute } from './support/mutations';
import { jpegBytes, sha256Of, uploadPhoto } from './support/photos';
import { registeredOperations } from './support/routes';

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/** `allowed` is any 2xx (or 101 for the WebSocket); 401 and 403 are exact. */
type Outcome = 'allowed' | 401 | 403;

/**
 * One entry's outcome in a batch the server answers 200 as a whole (POST /sync/mutations):
 * `applied`, `conflict`, or `rejected:<code>`.
 */
type EntryOutcome = 'applied' | 'conflict' | `rejected:${string}`;

/** What a cell's request answered: the HTTP status and, for a batch, each entry's outcome. */
interface Answer {
  status: number;
  entries?: EntryOutcome[];
}

interface Call {
  url: string;
  caller: Caller;
  /** The caller's access token; undefined for anonymous. */
  token: string | undefined;
  /** A login of its own, for requests that use up or end a session. */
  freshSession(): Promise<LoginResponse>;
  /** A case of the demo officer with one photo, made once per server. */
  officerPhoto(): Promise<OfficerPhoto>;
  /** A new case of the demo officer, `open` or already `disputed`; a fresh one per call. */
  freshCase(status: 'open' | 'disputed'): Promise<string>;
  /** The seeded channel for the whole field service; every user but its owner is a member. */
  allHandsChannel(): Promise<string>;
}

interface OfficerPhoto {
  caseId: string;
  sha256: string;
}

interface Row {
  expect: Record<Caller, Outcome>;
  /** For batch routes: each entry's outcome per caller whose request is answered 200. */
  entries?: Partial<Record<Caller, readonly EntryOutcome[]>>;
  /** Makes the real request, with a valid body, and answers the HTTP status (and entries). */
  send(call: Call): Promise<number | Answer>;
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

/**
 * A batch of a claim on a disputed case, a post to the all-hands channel and a dispatch to it:
 * office work and a team lead's work, which the server refuses entry by entry inside a 200.
 */
async function sendMutations(call: Call): Promise<number | Answer> {
  const caseId = await call.freshCase('disputed');
  const conversationId = await call.allHandsChannel();
  const response = await fetch(`${call.url}/sync/mutations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(call.token) },
    body: JSON.stringify({
      mutations: [
        { id: randomUUID(), kind: 'claim', caseId },
        { id: randomUUID(), kind: 'message', conversationId, body: 'Bitte Lage melden.' },
        {
          id: randomUUID(),
          kind: 'dispatch',
          targets: { teamIds: [], conversationIds: [conversationId], userIds: [] },
          body: 'Bitte Lage melden, alle.',
        },
      ],
    }),
  });
  if (response.status !== 200) return statusOf(Promise.resolve(response));
  const { results } = mutationBatchResponseSchema.parse(await response.json());
  return {
    status: response.status,
    entries: results.map((result): EntryOutcome =>
      result.status === 'rejected' ? `rejected:${result.code}` : result.status,
    ),
  };
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
    // Every role reads it, each seeing only their rows (see auth-feed.test.ts and issue #3 below).
    expect: anyLogin,
    send: (call) =>
      statusOf(fetch(feedUrl(call.url, { limit: 1 }), { headers: bearer(call.token) })),
  },
  'GET /sync/live': {
    // A poke carries only a cursor, so every role may listen.
    expect: anyLogin,
    send: (call) => upgradeStatus(call, '/sync/live'),
  },
  'POST /field/cases': {
    expect: fieldOnly,
    send: (call) => statusOf(postCase(call.url, call.token ?? '', newCase())),
  },
  'POST /intake/disputes': {
    expect: backOffice,
    send: async (call) =>
      postJson(call, '/intake/disputes', newDispute(await call.freshCase('open'))),
  },
  'POST /sync/mutations': {
    expect: anyLogin,
    entries: {
      clerk: ['applied', 'rejected:forbidden', 'rejected:forbidden'],
      team_lead: ['applied', 'applied', 'applied'],
      officer: ['rejected:forbidden', 'rejected:forbidden', 'rejected:forbidden'],
      admin: ['applied', 'applied', 'applied'],
    },
    send: sendMutations,
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
  'POST /audit/views': {
    // The consoles report what their clerks opened; field phones have no console.
    expect: backOffice,
    send: async (call) =>
      postJson(call, '/audit/views', {
        views: [
          {
            id: randomUUID(),
            caseId: await call.freshCase('open'),
            viewedAt: new Date().toISOString(),
          },
        ],
      }),
  },
  'GET /audit/views': {
    // Who looked at what is for the administration (the data-protection officer) alone.
    expect: { anonymous: 401, clerk: 403, team_lead: 403, officer: 403, admin: 'allowed' },
    send: (call) => statusOf(fetch(`${call.url}/audit/views`, { headers: bearer(call.token) })),
  },
};

const OPERATIONS = await registeredOperations();

describe('authorization matrix', () => {
  it('has a row for every registered route, and no row without a route', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(OPERATIONS);
  });
});

const CELLS = OPERATIONS.flatMap((operation) => CALLERS.map((caller) => ({ operation, caller })));

describe.each(await availableTargets())('authorization matrix on $name', (target) => {
  let t: TestServer;
  // Argon2 makes logins slow on purpose: one per role, reused by every cell of that role.
  const tokens = new Map<Caller, string>();
  let photo: Promise<OfficerPhoto> | null = null;
  let allHands: Promise<string> | null = null;

  async function makeOfficerPhoto(): Promise<OfficerPhoto> {
    const record = await t.server.createCase(newCase());
    const bytes = jpegBytes();
    const response = await uploadPhoto(t.server.url, tokens.get('officer'), bytes, {
      caseId: record.id,
    });
    expect(response.status).toBe(201);
    return { caseId: record.id, sha256: sha256Of(bytes) };
  }

  async function freshCase(status: 'open' | 'disputed'): Promise<string> {
    const record = await t.server.createCase(newCase());
    if (status === 'disputed') await t.server.setCaseStatus(record.id, 'disputed');
    return record.id;
  }

  async function findAllHandsChannel(): Promise<string> {
    const { changes } = await readWholeFeed(t.server.url, tokens.get('team_lead') ?? '');
    const channels = upsertsOf(changes, 'conversation').filter(
      (c) => c.kind === 'channel' && c.teamId === null,
    );
    expect(channels).toHaveLength(1);
    return channels[0]?.id ?? '';
  }
  const allHandsChannel = () => (allHands ??= findAllHandsChannel());

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
      freshCase,
      allHandsChannel,
    };
    const sent = await row.send(call);
    const { status, entries } =
      typeof sent === 'number' ? { status: sent, entries: undefined } : sent;
    const expected = row.expect[caller];
    if (expected === 'allowed') {
      expect(status === 101 || (status >= 200 && status < 300), `status ${status}`).toBe(true);
    } else expect(status).toBe(expected);
    expect(entries).toEqual(status === 200 ? row.entries?.[caller] : undefined);
  });

  it('covers the cases issue #3 names', async () => {
    // The table says so...
    expect(MATRIX['POST /field/cases']?.expect.clerk).toBe(403);
    expect(MATRIX['POST /intake/disputes']?.expect.officer).toBe(403);
    expect(MATRIX['GET /sync/feed']?.expect.officer).toBe('allowed');
    const mutations = MATRIX['POST /sync/mutations']?.entries;
    expect(mutations?.officer?.[0]).toBe('rejected:forbidden');
    expect(mutations?.clerk?.[1]).toBe('rejected:forbidden');
    const open = OPERATIONS.filter((operation) => MATRIX[operation]?.expect.anonymous !== 401);
    expect(open).toEqual([
      'GET /health',
      'GET /openapi.json',
      'POST /auth/login',
      'POST /auth/refresh',
    ]);

    // ...and the server does so. An officer never reads another officer's case: not its photo,
    // not the case or the photo in their feed.
    const url = t.server.url;
    const officer = tokens.get('officer') ?? '';
    const clerk = tokens.get('clerk') ?? '';
    const other = (await login(url, 'officer.bauer', DEMO_PASSWORD)).accessToken;
    const foreign = await t.server.createCase(newCase(), 'officer-02');
    const bytes = jpegBytes();
    expect((await uploadPhoto(url, other, bytes, { caseId: foreign.id })).status).toBe(201);
    const sha256 = sha256Of(bytes);
    const getPhoto = (token: string) =>
      fetch(`${url}/photos/${sha256}`, { headers: bearer(token) });
    const refused = await getPhoto(officer);
    expect(refused.status).toBe(403);
    expect((await apiError(refused)).code).toBe('forbidden');
    expect(await statusOf(getPhoto(other))).toBe(200);
    expect(await statusOf(getPhoto(clerk))).toBe(200);

    const own = await t.server.createCase(newCase(), 'officer-01');
    const foreignRows = [`case:${foreign.id}`, `photo:${sha256}`];
    const officerFeed = await readWholeFeed(url, officer);
    const officerCases = upsertsOf(officerFeed.changes, 'case');
    expect(officerCases.map((record) => record.id)).toContain(own.id);
    expect(officerCases.every((record) => record.officerId === 'officer-01')).toBe(true);
    expect(officerFeed.changes.map(rowKey).filter((key) => foreignRows.includes(key))).toEqual([]);
    // The rows exist: their own officer gets both.
    const otherFeed = await readWholeFeed(url, other);
    expect(otherFeed.changes.map(rowKey).filter((key) => foreignRows.includes(key))).toEqual(
      foreignRows,
    );

    // A clerk may read the all-hands channel but not post to it; the refusal is an entry of a
    // 200, and the message reaches nobody.
    const conversationId = await allHandsChannel();
    const post = (token: string, id: string) =>
      fetch(`${url}/sync/mutations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify({
          mutations: [{ id, kind: 'message', conversationId, body: 'Alle zum Marienplatz.' }],
        }),
      });
    const refusedId = randomUUID();
    for (let attempt = 0; attempt < 2; attempt++) {
      // A retry of the same id gets the same answer.
      const response = await post(clerk, refusedId);
      expect(response.status).toBe(200);
      const { results } = mutationBatchResponseSchema.parse(await response.json());
      expect(results).toMatchObject([{ id: refusedId, status: 'rejected', code: 'forbidden' }]);
    }
    // The team lead's post to the same channel reaches every member, so the feeds below would
    // show the clerk's message had it been stored.
    const acceptedId = randomUUID();
    const accepted = await post(tokens.get('team_lead') ?? '', acceptedId);
    expect(mutationBatchResponseSchema.parse(await accepted.json()).results).toMatchObject([
      { id: acceptedId, status: 'applied' },
    ]);
    for (const [who, token] of [...tokens.entries(), ['officer.bauer', other] as const]) {
      const messages = upsertsOf((await readWholeFeed(url, token)).changes, 'message');
      const ids = messages.map((message) => message.id);
      expect(ids, who).toContain(acceptedId);
      expect(ids, who).not.toContain(refusedId);
    }
  });
});
