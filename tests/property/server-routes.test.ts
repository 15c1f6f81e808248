import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server';
import { PhotoStore } from '../../src/server/blobs/photo-store';
import { ensureOffenceCatalogue } from '../../src/server/cases/offences';
import { FeedHub } from '../../src/server/feed/hub';
import { buildApp } from '../../src/server/http/app';
import { registeredRoutes } from '../../src/server/http/route-table';
import type { SqlClient } from '../../src/server/store/client';
import { openStore } from '../../src/server/store/open';
import { seedDemoData } from '../../src/server/store/seed';
import { ROLES, type Role } from '../../src/shared/domain/user';
import { apiErrorSchema, loginResponseSchema } from '../../src/shared/sync/auth';
import { filesIn } from './support/files';
import { deepJsonText, junkInput, nastyString, prototypesClean } from './support/junk';
import { nearValid } from './support/examples';
import { documentedNames, serverTableChecksums } from './support/server-state';
import { params, RUNS } from './support/settings';
import { availableTargets } from '../integration/server/support/databases';
import { registeredOperations } from '../integration/server/support/routes';

/**
 * Every route the server registers, with random path parameters, query strings, headers, content
 * types and bodies, sent with a token of a role the route admits and without a valid token. No
 * answer may be a 5xx; every 4xx is the shared error shape `{ error: { code, message } }`; after a
 * refused request every table of the database (but the login lockout's, see server-state.ts)
 * and the photo folder are as before. Routes come from the server's own route table, so one
 * added later is probed without a change here.
 */

/** Small, so a photo over the limit needs no 15 MB body. */
const PHOTO_MAX_BYTES = 16 * 1024;
/** Above the server's 1 MiB limit for a JSON body. */
const OVER_BODY_LIMIT = 1024 * 1024 + 1;

const OPERATIONS = await registeredOperations();
const NAMES = await documentedNames();

type TokenChoice =
  { kind: 'role'; role: Role } | { kind: 'none' } | { kind: 'forged'; token: string };

interface RouteRequest {
  params: string[];
  query: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
  /** Each run from its own address, so a limit per address does not end the run early. */
  remoteAddress: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'image/jpeg',
  'image/png',
  'image/gif',
];

/** Percent-encoded; a lone surrogate (not encodable) goes as U+FFFD, as a browser sends it. */
function encoded(text: string): string {
  return encodeURIComponent(
    text.replace(/[\ud800-\udfff]/g, (char, index: number, all: string) => {
      const pair =
        /[\ud800-\udbff][\udc00-\udfff]/.test(all.slice(index, index + 2)) ||
        /[\ud800-\udbff][\udc00-\udfff]/.test(all.slice(index - 1, index + 1));
      return pair ? char : '\ufffd';
    }),
  );
}

const headerText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

/** A path parameter: encoded junk, or raw text a router must cope with (bad escapes, dots). */
const pathParam: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((text) => encoded(text.slice(0, 300))),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.constantFrom('%', '%zz', '%00', '..', '%2e%2e%2f%2e%2e', '..%5c..%5c', 'a%2Fb', '%F0%9F', ''),
);

const queryString: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...NAMES.query, '__proto__', 'constructor'),
          fc.string({ maxLength: 8 }),
        ),
        fc.oneof(
          nastyString.map((text) => text.slice(0, 2_000)),
          fc.integer().map(String),
        ),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs.map(([key, value]) => `${encoded(key)}=${encoded(value)}`).join('&')),
  fc.constantFrom('a=%zz', '&&=&', 'cursor=1&cursor=2', 'limit[]=1', 'x=%00', '=', '%'),
);

const body: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer }> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 1 },
  {
    arbitrary: fc.record({
      // Mostly declared as JSON, or the parser's 415 is all a JSON route ever says.
      contentType: fc.oneof(
        {
          arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
          weight: 4,
        },
        { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 1 },
      ),
      payload: fc.oneof(
        {
          arbitrary: junkInput(NAMES.bodyKeys).map((value) => JSON.stringify(value) ?? ''),
          weight: 5,
        },
        { arbitrary: deepJsonText, weight: 1 },
      ),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      contentType: fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText),
      payload: fc.oneof(
        nastyString.map((text) => text.slice(0, 50_000)),
        fc.uint8Array({ maxLength: 4_096 }).map((bytes) => Buffer.from(bytes)),
        fc
          .uint8Array({ maxLength: 4_096 })
          .map((bytes) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), bytes])),
      ),
    }),
    weight: 3,
  },
  {
    arbitrary: fc
      .constantFrom('application/json', 'text/plain', 'image/jpeg')
      .map((contentType) => ({
        contentType,
        payload: JSON.stringify({ padding: 'x'.repeat(OVER_BODY_LIMIT) }),
      })),
    weight: 1,
  },
);

function routeRequest(paramCount: number): fc.Arbitrary<RouteRequest> {
  return fc
    .record({
      params: fc.array(pathParam, { minLength: paramCount, maxLength: paramCount }),
      query: fc.option(queryString, { nil: '' }),
      documented: fc.dictionary(fc.constantFrom(...NAMES.headers, 'accept', 'origin'), headerText, {
        maxKeys: 2,
      }),
      body,
      address: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)),
    })
    .map(({ params: values, query, documented, body: { contentType, payload }, address }) => ({
      params: values,
      query,
      headers: {
        ...documented,
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
      },
      payload,
      remoteAddress: `10.${address.join('.')}`,
    }));
}

/** `/photos/:sha256` with the values in place of its parameters (any `(regex)` suffix too). */
function pathOf(url: string, values: readonly string[]): string {
  let index = 0;
  return url.replace(/:\w+(\([^)]*\))?/g, () => values[index++] ?? '');
}

describe.each(await availableTargets())(
  'every server route, with bad input, on $name',
  (target) => {
    let db: SqlClient;
    let app: FastifyInstance;
    let root: string;
    let photoDir: string;
    let dropDatabase: (() => Promise<void>) | undefined;
    const tokens = new Map<Role, string>();
    const admitted = new Map<string, Role[]>();
    /** The stored state as of the last request; refused requests must leave it so. */
    let current: Awaited<ReturnType<typeof snapshot>>;

    async function snapshot() {
      return { tables: await serverTableChecksums(db), photoFiles: await filesIn(photoDir) };
    }

    let logins = 0;

    async function tokenOf(role: Role): Promise<string> {
      const known = tokens.get(role);
      if (known) return known;
      const user = DEMO_USERS.find((candidate) => candidate.role === role);
      if (!user) throw new Error(`no demo user with role ${role}`);
      logins += 1;
      const response = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: user.username, password: DEMO_PASSWORD },
        // Each of the suite's own logins from an address of its own (TEST-NET-2), so a limit of
        // logins per address never refuses them.
        remoteAddress: `198.51.${Math.floor(logins / 250) % 250}.${(logins % 250) + 1}`,
      });
      expect(response.statusCode, `login ${user.username}: ${response.body}`).toBe(200);
      const token = loginResponseSchema.parse(response.json()).accessToken;
      tokens.set(role, token);
      // The login stored a session: that is this suite's doing, not the next request's.
      current = await snapshot();
      return token;
    }

    async function send(operation: string, token: TokenChoice, request: RouteRequest) {
      const [method = 'GET', url = '/'] = operation.split(' ');
      const query = request.query === '' ? '' : `?${request.query}`;
      const headers: Record<string, string> = { ...request.headers };
      if (token.kind === 'role') headers['authorization'] = `Bearer ${await tokenOf(token.role)}`;
      if (token.kind === 'forged') headers['authorization'] = token.token;
      const options: InjectOptions = {
        method: method as InjectOptions['method'],
        url: `${pathOf(url, request.params)}${query}`,
        headers,
        remoteAddress: request.remoteAddress,
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      };
      return app.inject(options);
    }

    /** One run: never a 5xx, every refusal in the error shape and without a trace in the store. */
    async function probe(operation: string, token: TokenChoice, request: RouteRequest) {
      if (token.kind === 'role') await tokenOf(token.role);
      const response = await send(operation, token, request);
      const status = response.statusCode;
      const what = `${operation} answered ${status}: ${response.body.slice(0, 300)}`;
      expect(status, what).toBeLessThan(500);
      expect(prototypesClean(), 'Object.prototype polluted').toBe(true);
      const after = await snapshot();
      if (status < 400) {
        // Accepted: it may store, and a successful POST /auth/logout ends the login it came with.
        if (token.kind === 'role' && !operation.startsWith('GET ')) tokens.delete(token.role);
        current = after;
        return;
      }
      expect(response.headers['content-type'], what).toMatch(/^application\/json/);
      const { error } = apiErrorSchema.parse(JSON.parse(response.body));
      expect(error.code, what).toMatch(/^[a-z_]+$/);
      expect(error.message.trim(), what).not.toBe('');
      expect(after, `${operation} refused the request but changed stored data`).toEqual(current);
    }

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'kvue-property-server-'));
      photoDir = join(root, 'photos');
      const database = await target.create();
      dropDatabase = database.drop;
      db = await openStore(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {});
      // As startServer assembles it, with the app at hand for inject and the database for the sums.
      await ensureOffenceCatalogue(db);
      const hub = new FeedHub();
      await seedDemoData(db, hub, { cases: 8, officers: 4 });
      app = await buildApp({
        db,
        hub,
        sessionTtlMs: 60 * 60_000,
        photos: new PhotoStore(photoDir),
        photoMaxBytes: PHOTO_MAX_BYTES,
      });
      await app.ready();
      // Which roles each route admits, asked of the route itself: anything but 403 is admitted.
      for (const operation of OPERATIONS) {
        const roles: Role[] = [];
        for (const role of ROLES) {
          const empty = {
            params: [],
            query: '',
            headers: {},
            payload: undefined,
            remoteAddress: '10.0.0.1',
          };
          const response = await send(operation, { kind: 'role', role }, empty);
          if (response.statusCode !== 403) roles.push(role);
          if (response.statusCode < 400 && !operation.startsWith('GET ')) tokens.delete(role);
        }
        admitted.set(operation, roles);
      }
      current = await snapshot();
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await db?.close();
      await dropDatabase?.();
      if (root) await rm(root, { recursive: true, force: true });
    });

    it('probes the routes the server registers', () => {
      expect(OPERATIONS.length).toBeGreaterThan(0);
      // The app assembled here serves what the server's own does (HEAD twins of GETs aside).
      const here = new Set(registeredRoutes(app).map((route) => `${route.method} ${route.url}`));
      expect([...here].filter((operation) => !operation.startsWith('HEAD ')).sort()).toEqual(
        OPERATIONS.filter((operation) => !operation.startsWith('HEAD ')),
      );
      for (const operation of OPERATIONS)
        expect(admitted.get(operation)?.length, operation).toBeGreaterThan(0);
    });

    describe.each(OPERATIONS)('%s', (operation) => {
      const paramCount = (operation.match(/:\w+/g) ?? []).length;

      it('with a token of a role it admits: no 5xx, clear 4xx, nothing stored when refused', async () => {
        current = await snapshot();
        const roles = admitted.get(operation) ?? [];
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...roles), routeRequest(paramCount), (role, request) =>
            probe(operation, { kind: 'role', role }, request),
          ),
          params(`server token ${target.name} ${operation}`),
        );
      });

      it('without a valid token: no 5xx, clear 4xx, nothing stored when refused', async () => {
        current = await snapshot();
        const token: fc.Arbitrary<TokenChoice> = fc.oneof(
          fc.constant<TokenChoice>({ kind: 'none' }),
          fc
            .oneof(
              headerText,
              headerText.map((text) => `Bearer ${text}`),
              fc.constant(`Bearer ${'t'.repeat(8_000)}`),
            )
            .map((forged): TokenChoice => ({ kind: 'forged', token: forged })),
        );
        await fc.assert(
          fc.asyncProperty(token, routeRequest(paramCount), (choice, request) =>
            probe(operation, choice, request),
          ),
          params(`server no token ${target.name} ${operation}`, Math.ceil(RUNS / 2)),
        );
      });
    });

    describe.each(
      [...NAMES.jsonBodies.keys()].filter((operation) => OPERATIONS.includes(operation)),
    )('%s, documented body', (operation) => {
      it('with one field of the documented body broken: no 5xx, clear 4xx, nothing stored when refused', async () => {
        current = await snapshot();
        const roles = admitted.get(operation) ?? [];
        const example = NAMES.jsonBodies.get(operation);
        const request = (payload: unknown, address: number): RouteRequest => ({
          params: [],
          query: '',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? '',
          remoteAddress: `10.9.${Math.floor(address / 256)}.${address % 256}`,
        });
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...roles),
            nearValid([example]),
            fc.nat(65_535),
            (role, payload, address) =>
              probe(operation, { kind: 'role', role }, request(payload, address)),
          ),
          params(`server near-valid ${target.name} ${operation}`),
        );
      });
    });

    it('still answers ordinary requests afterwards', async () => {
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      const feed = await app.inject({
        method: 'GET',
        url: '/sync/feed?cursor=0&limit=10',
        headers: { authorization: `Bearer ${await tokenOf('clerk')}` },
      });
      expect(feed.statusCode, feed.body.slice(0, 300)).toBe(200);
    });
  },
);
