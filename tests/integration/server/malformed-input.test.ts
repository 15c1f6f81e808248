import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoLogin } from '../../../src/server/index';
import { OPENAPI_YAML_PATH } from '../../../src/server/http/routes/openapi';
import { apiErrorSchema } from '../../../src/shared/sync/auth';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { mutationBatchResponseSchema } from '../../../src/shared/sync/mutations';
import { login, newCase, readWholeFeed } from './support/client';
import { availableTargets } from './support/databases';
import { jpegBytes, pngBytes, sha256Of } from './support/photos';
import { startTestServer, type TestServer } from './support/server';
import { registeredOperations } from './support/routes';

/**
 * Malformed input to every route that takes any: each probe sends one broken request with a
 * valid token of a role the route admits and expects a 4xx in the shared error shape, naming the
 * offending field where there is one, with nothing stored (both feeds and the photo folder stay
 * as they were). A route with input but without probes fails `covers every route with input`.
 */

/** Small, so a too-large photo needs no 15 MB body. */
const PHOTO_MAX_BYTES = 16 * 1024;
/** Above the server's 1 MiB body limit for JSON. */
const OVER_BODY_LIMIT = 1024 * 1024 + 1;
/** Fastify's default `maxParamLength`: a longer path parameter is refused by the router. */
const MAX_PARAM_LENGTH = 100;
/** PostgreSQL cannot store U+0000 in text; the server must refuse it, not fail on it. */
const NUL = '\u0000';
/** A timestamp zod's ISO check accepts but PostgreSQL does not: there is no year 0. */
const YEAR_ZERO = '0000-01-01T00:00:00Z';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

interface Ctx {
  url: string;
  clerk: string;
  officer: string;
  admin: string;
  /** An open case of the demo officer (officer.huber, officer-01). */
  officerCase: string;
  /** A direct conversation of the demo clerk and the demo officer. */
  conversationId: string;
}

interface Expected {
  status: number;
  code: string;
  /** The field the error must name; without it the error must name none. */
  field?: string;
}

interface Probe {
  /** What is wrong with the request. */
  name: string;
  send(ctx: Ctx): Promise<Response>;
  expect: Expected;
}

interface SendOptions {
  token?: string | undefined;
  query?: Record<string, string | string[]>;
  contentType?: string;
  body?: string | Uint8Array;
}

function send(ctx: Ctx, method: string, path: string, options: SendOptions = {}) {
  const url = new URL(path, ctx.url);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(key, one);
  }
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  return fetch(url, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

const JSON_TYPE = 'application/json';

/** A JSON body that is valid JSON but wrong in content. */
function jsonProbe(
  name: string,
  path: string,
  token: (ctx: Ctx) => string | undefined,
  body: (ctx: Ctx) => unknown,
  expected: Expected,
): Probe {
  return {
    name,
    send: (ctx) =>
      send(ctx, 'POST', path, {
        token: token(ctx),
        contentType: JSON_TYPE,
        body: JSON.stringify(body(ctx)),
      }),
    expect: expected,
  };
}

/** Bodies that are broken before any schema looks at them, the same for every JSON route. */
function brokenBodies(
  path: string,
  token: (ctx: Ctx) => string | undefined,
  valid: (ctx: Ctx) => unknown,
): Probe[] {
  const raw = (name: string, contentType: string, body: string, expected: Expected): Probe => ({
    name,
    send: (ctx) => send(ctx, 'POST', path, { token: token(ctx), contentType, body }),
    expect: expected,
  });
  const invalid: Expected = { status: 400, code: 'invalid_input' };
  return [
    raw('invalid JSON', JSON_TYPE, '{"id": ', { status: 400, code: 'bad_request' }),
    raw('empty JSON body', JSON_TYPE, '', { status: 400, code: 'bad_request' }),
    raw('JSON array', JSON_TYPE, '[]', invalid),
    raw('JSON string', JSON_TYPE, '"x"', invalid),
    raw('JSON null', JSON_TYPE, 'null', invalid),
    raw('JSON number', JSON_TYPE, '42', invalid),
    raw('text/plain body', 'text/plain', 'id=1', invalid),
    raw('form body', 'application/x-www-form-urlencoded', 'id=1', {
      status: 415,
      code: 'bad_request',
    }),
    raw('XML body', 'application/xml', '<case/>', { status: 415, code: 'bad_request' }),
    {
      name: 'valid body as text/plain',
      send: (ctx) =>
        send(ctx, 'POST', path, {
          token: token(ctx),
          contentType: 'text/plain',
          body: JSON.stringify(valid(ctx)),
        }),
      expect: invalid,
    },
    {
      name: 'body over 1 MiB',
      send: (ctx) => {
        const padded = { ...(valid(ctx) as object), padding: 'x'.repeat(OVER_BODY_LIMIT) };
        return send(ctx, 'POST', path, {
          token: token(ctx),
          contentType: JSON_TYPE,
          body: JSON.stringify(padded),
        });
      },
      expect: { status: 413, code: 'payload_too_large' },
    },
  ];
}

const clerkToken = (ctx: Ctx) => ctx.clerk;
const officerToken = (ctx: Ctx) => ctx.officer;
const noToken = () => undefined;

// ---------------------------------------------------------------------------------------------
// Valid inputs, each probe breaks one thing

function validLogin() {
  return demoLogin('clerk');
}

function validCase() {
  return newCase();
}

function validDispute(ctx: Ctx) {
  return {
    id: randomUUID(),
    caseId: ctx.officerCase,
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    channel: 'letter',
    statement: 'Ich habe nur kurz angehalten, um eine Lieferung abzugeben.',
  };
}

function validMessage(ctx: Ctx) {
  return {
    id: randomUUID(),
    kind: 'message',
    conversationId: ctx.conversationId,
    body: 'Bitte um Rückmeldung zum Fall.',
  };
}

function validBatch(ctx: Ctx) {
  return { mutations: [validMessage(ctx)] };
}

// ---------------------------------------------------------------------------------------------
// Per route

const invalidInput = (field?: string): Expected => ({
  status: 400,
  code: 'invalid_input',
  ...(field === undefined ? {} : { field }),
});

function loginProbes(): Probe[] {
  const probe = (name: string, body: unknown, expected: Expected) =>
    jsonProbe(name, '/auth/login', noToken, () => body, expected);
  const { username, password } = validLogin();
  return [
    ...brokenBodies('/auth/login', noToken, validLogin),
    probe('username missing', { password }, invalidInput('username')),
    probe('password missing', { username }, invalidInput('password')),
    probe('username a number', { username: 42, password }, invalidInput('username')),
    probe('password an object', { username, password: { $ne: '' } }, invalidInput('password')),
    probe('username blank', { username: '   ', password }, invalidInput('username')),
    probe(
      'username 65 characters',
      { username: 'u'.repeat(65), password },
      invalidInput('username'),
    ),
    probe(
      'password 257 characters',
      { username, password: 'p'.repeat(257) },
      invalidInput('password'),
    ),
    probe(
      'username with U+0000',
      { username: `demo${NUL}clerk`, password },
      invalidInput('username'),
    ),
  ];
}

function refreshProbes(): Probe[] {
  const probe = (name: string, body: unknown, expected: Expected) =>
    jsonProbe(name, '/auth/refresh', noToken, () => body, expected);
  return [
    ...brokenBodies('/auth/refresh', noToken, () => ({ refreshToken: 'r'.repeat(60) })),
    probe('refreshToken missing', {}, invalidInput('refreshToken')),
    probe('refreshToken a number', { refreshToken: 42 }, invalidInput('refreshToken')),
    probe('refreshToken empty', { refreshToken: '' }, invalidInput('refreshToken')),
    probe(
      'refreshToken 513 characters',
      { refreshToken: 'r'.repeat(513) },
      invalidInput('refreshToken'),
    ),
    probe(
      'refreshToken with U+0000',
      { refreshToken: `abc${NUL}def`.repeat(8) },
      invalidInput('refreshToken'),
    ),
  ];
}

function feedProbes(): Probe[] {
  const probe = (name: string, query: Record<string, string | string[]>, field: string): Probe => ({
    name,
    send: (ctx) => send(ctx, 'GET', '/sync/feed', { token: ctx.officer, query }),
    expect: invalidInput(field),
  });
  return [
    probe('cursor negative', { cursor: '-1' }, 'cursor'),
    probe('cursor not a number', { cursor: 'abc' }, 'cursor'),
    probe('cursor a fraction', { cursor: '1.5' }, 'cursor'),
    probe('cursor beyond 2^53 - 1', { cursor: '9007199254740992' }, 'cursor'),
    probe('cursor 400 digits', { cursor: '9'.repeat(400) }, 'cursor'),
    probe('cursor twice', { cursor: ['1', '2'] }, 'cursor'),
    probe('limit 0', { limit: '0' }, 'limit'),
    probe('limit above 5000', { limit: '5001' }, 'limit'),
    probe('limit not a number', { limit: 'all' }, 'limit'),
    probe('limit blank', { limit: ' ' }, 'limit'),
    probe('limit a fraction', { limit: '2.5' }, 'limit'),
    probe('epoch empty', { cursor: '5', epoch: '' }, 'epoch'),
    probe('epoch with a path', { cursor: '5', epoch: '../x' }, 'epoch'),
    probe('epoch 65 characters', { cursor: '5', epoch: 'e'.repeat(65) }, 'epoch'),
    probe('epoch with U+0000', { cursor: '5', epoch: `ab${NUL}cd` }, 'epoch'),
    probe('epoch twice', { cursor: '5', epoch: ['a', 'b'] }, 'epoch'),
  ];
}

function liveProbes(): Probe[] {
  const unauthorized: Expected = { status: 401, code: 'unauthorized' };
  const byQuery = (name: string, token: string | string[]): Probe => ({
    name,
    send: (ctx) => send(ctx, 'GET', '/sync/live', { query: { token } }),
    expect: unauthorized,
  });
  return [
    byQuery('token not a token', 'not-a-token'),
    byQuery('token empty', ''),
    byQuery('token 8000 characters', 't'.repeat(8000)),
    byQuery('token with U+0000', `abc${NUL}def`),
    byQuery('token twice', ['a'.repeat(40), 'b'.repeat(40)]),
    {
      name: 'valid token, junk query, no upgrade',
      send: (ctx) =>
        send(ctx, 'GET', '/sync/live', { query: { token: ctx.officer, cursor: '-1', x: '[]' } }),
      expect: { status: 426, code: 'upgrade_required' },
    },
  ];
}

function fieldCaseProbes(): Probe[] {
  const probe = (name: string, override: Record<string, unknown>, expected: Expected) =>
    jsonProbe(
      name,
      '/field/cases',
      officerToken,
      () => ({ ...validCase(), ...override }),
      expected,
    );
  const without = (field: string): Probe =>
    jsonProbe(
      `${field} missing`,
      '/field/cases',
      officerToken,
      () => Object.fromEntries(Object.entries(validCase()).filter(([key]) => key !== field)),
      invalidInput(field),
    );
  return [
    ...brokenBodies('/field/cases', officerToken, validCase),
    without('id'),
    without('plate'),
    without('offenceCode'),
    without('observedAt'),
    probe('id not a uuid', { id: 'case-1' }, invalidInput('id')),
    probe(
      'id a uuid without version',
      { id: '00000000-0000-0000-0000-000000000001' },
      invalidInput('id'),
    ),
    probe('plate a number', { plate: 2026 }, invalidInput('plate')),
    probe('plate empty', { plate: '' }, invalidInput('plate')),
    probe('plate 17 characters', { plate: 'M-'.padEnd(17, 'X') }, invalidInput('plate')),
    probe('street 121 characters', { street: 's'.repeat(121) }, invalidInput('street')),
    probe(
      'vehicleMake 100 000 characters',
      { vehicleMake: 'v'.repeat(100_000) },
      invalidInput('vehicleMake'),
    ),
    probe('district a string', { district: '12' }, invalidInput('district')),
    probe('district 0', { district: 0 }, invalidInput('district')),
    probe('district 26', { district: 26 }, invalidInput('district')),
    probe('district a fraction', { district: 1.5 }, invalidInput('district')),
    probe('lat 91', { lat: 91 }, invalidInput('lat')),
    probe('lon -181', { lon: -181 }, invalidInput('lon')),
    probe('lat null', { lat: null }, invalidInput('lat')),
    probe(
      'observedAt without offset',
      { observedAt: '2026-03-14T09:30:00' },
      invalidInput('observedAt'),
    ),
    probe('observedAt not a date', { observedAt: 'yesterday' }, invalidInput('observedAt')),
    probe(
      'observedAt 30 February',
      { observedAt: '2026-02-30T09:30:00Z' },
      invalidInput('observedAt'),
    ),
    probe(
      'offenceCode not in the catalogue',
      { offenceCode: 'X999' },
      {
        status: 400,
        code: 'unknown_offence',
        field: 'offenceCode',
      },
    ),
    probe('offenceCode with U+0000', { offenceCode: `P1${NUL}1` }, invalidInput('offenceCode')),
    probe('plate with U+0000', { plate: `M-${NUL}1` }, invalidInput('plate')),
    probe('observedAt in year 0000', { observedAt: YEAR_ZERO }, invalidInput('observedAt')),
  ];
}

function disputeProbes(): Probe[] {
  const probe = (
    name: string,
    override: (ctx: Ctx) => Record<string, unknown>,
    expected: Expected,
  ) =>
    jsonProbe(
      name,
      '/intake/disputes',
      clerkToken,
      (ctx) => ({ ...validDispute(ctx), ...override(ctx) }),
      expected,
    );
  const without = (field: string): Probe =>
    jsonProbe(
      `${field} missing`,
      '/intake/disputes',
      clerkToken,
      (ctx) =>
        Object.fromEntries(Object.entries(validDispute(ctx)).filter(([key]) => key !== field)),
      invalidInput(field),
    );
  return [
    ...brokenBodies('/intake/disputes', clerkToken, validDispute),
    without('id'),
    without('caseId'),
    without('receivedAt'),
    without('channel'),
    without('statement'),
    probe('id not a uuid', () => ({ id: 'dispute-1' }), invalidInput('id')),
    probe('caseId a number', () => ({ caseId: 42 }), invalidInput('caseId')),
    probe('caseId not a uuid', () => ({ caseId: 'VW-2026-0000001' }), invalidInput('caseId')),
    probe('channel unknown', () => ({ channel: 'fax' }), invalidInput('channel')),
    probe('channel an array', () => ({ channel: ['letter'] }), invalidInput('channel')),
    probe('statement empty', () => ({ statement: '' }), invalidInput('statement')),
    probe('statement blank', () => ({ statement: ' \n\t ' }), invalidInput('statement')),
    probe(
      'statement 10 001 characters',
      () => ({ statement: 's'.repeat(10_001) }),
      invalidInput('statement'),
    ),
    probe(
      'receivedAt without offset',
      () => ({ receivedAt: '2026-03-14T09:30:00' }),
      invalidInput('receivedAt'),
    ),
    probe('receivedAt a number', () => ({ receivedAt: Date.now() }), invalidInput('receivedAt')),
    probe('caseId of no case', () => ({ caseId: UNKNOWN_UUID }), {
      status: 404,
      code: 'not_found',
      field: 'caseId',
    }),
    probe(
      'statement with U+0000',
      () => ({ statement: `Ich war${NUL} nicht da` }),
      invalidInput('statement'),
    ),
    probe('receivedAt in year 0000', () => ({ receivedAt: YEAR_ZERO }), invalidInput('receivedAt')),
  ];
}

function mutationEnvelopeProbes(): Probe[] {
  const probe = (name: string, body: (ctx: Ctx) => unknown, field?: string) =>
    jsonProbe(name, '/sync/mutations', clerkToken, body, invalidInput(field));
  return [
    ...brokenBodies('/sync/mutations', clerkToken, validBatch),
    probe('mutations missing', () => ({}), 'mutations'),
    probe('mutations empty', () => ({ mutations: [] }), 'mutations'),
    probe('mutations a string', () => ({ mutations: 'x' }), 'mutations'),
    probe('mutations an object', (ctx) => ({ mutations: validMessage(ctx) }), 'mutations'),
    probe(
      '101 mutations',
      (ctx) => ({ mutations: Array.from({ length: 101 }, () => validMessage(ctx)) }),
      'mutations',
    ),
    probe('an entry null', (ctx) => ({ mutations: [validMessage(ctx), null] }), 'mutations.1'),
    probe('an entry an array', (ctx) => ({ mutations: [validMessage(ctx), []] }), 'mutations.1'),
    probe(
      'an entry a string',
      (ctx) => ({ mutations: ['message', validMessage(ctx)] }),
      'mutations.0',
    ),
  ];
}

/** Path `sha256` values that are not 64 lowercase hex digits. */
const BAD_HASHES: [string, string][] = [
  ['upper case', 'A'.repeat(64)],
  ['63 digits', 'a'.repeat(63)],
  ['65 digits', 'a'.repeat(65)],
  ['not hex', 'g'.repeat(64)],
  ['a path', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['with a space', `${'a'.repeat(63)}%20`],
  ['a uuid', UNKNOWN_UUID],
];

function photoUploadProbes(): Probe[] {
  const upload = (
    name: string,
    options: {
      hash?: string;
      query?: (ctx: Ctx) => Record<string, string | string[]>;
      contentType?: string;
      bytes?: Buffer;
    },
    expected: Expected,
  ): Probe => ({
    name,
    send: (ctx) => {
      const bytes = options.bytes ?? jpegBytes();
      const query = options.query?.(ctx) ?? {
        caseId: ctx.officerCase,
        takenAt: new Date(Date.now() - 30_000).toISOString(),
      };
      return send(ctx, 'PUT', `/field/photos/${options.hash ?? sha256Of(bytes)}`, {
        token: ctx.officer,
        query,
        contentType: options.contentType ?? 'image/jpeg',
        body: new Uint8Array(bytes),
      });
    },
    expect: expected,
  });
  const takenAt = () => new Date(Date.now() - 30_000).toISOString();
  const meta = (extra: Record<string, string | string[]>) => (ctx: Ctx) => ({
    caseId: ctx.officerCase,
    takenAt: takenAt(),
    ...extra,
  });
  return [
    ...BAD_HASHES.map(([what, hash]) => upload(`sha256 ${what}`, { hash }, invalidInput('sha256'))),
    upload(
      `sha256 of ${MAX_PARAM_LENGTH + 1} characters`,
      { hash: 'a'.repeat(MAX_PARAM_LENGTH + 1) },
      { status: 414, code: 'bad_request' },
    ),
    upload('caseId missing', { query: () => ({ takenAt: takenAt() }) }, invalidInput('caseId')),
    upload('caseId not a uuid', { query: meta({ caseId: 'case-1' }) }, invalidInput('caseId')),
    upload(
      'caseId twice',
      { query: (ctx) => ({ caseId: [ctx.officerCase, ctx.officerCase], takenAt: takenAt() }) },
      invalidInput('caseId'),
    ),
    upload(
      'caseId of no case',
      { query: meta({ caseId: UNKNOWN_UUID }) },
      {
        status: 404,
        code: 'case_not_found',
        field: 'caseId',
      },
    ),
    upload(
      'takenAt missing',
      { query: (ctx) => ({ caseId: ctx.officerCase }) },
      invalidInput('takenAt'),
    ),
    upload(
      'takenAt not a date',
      { query: meta({ takenAt: 'yesterday' }) },
      invalidInput('takenAt'),
    ),
    upload(
      'takenAt 5000 characters',
      { query: meta({ takenAt: '2'.repeat(5000) }) },
      invalidInput('takenAt'),
    ),
    upload('lat 91', { query: meta({ lat: '91', lon: '11' }) }, invalidInput('lat')),
    upload('lon -181', { query: meta({ lat: '48', lon: '-181' }) }, invalidInput('lon')),
    upload('lat not a number', { query: meta({ lat: 'north', lon: '11' }) }, invalidInput('lat')),
    upload('lat Infinity', { query: meta({ lat: 'Infinity', lon: '11' }) }, invalidInput('lat')),
    upload('lat without lon', { query: meta({ lat: '48.1' }) }, invalidInput('lon')),
    upload(
      'JSON instead of an image',
      { contentType: JSON_TYPE, bytes: Buffer.from('{"photo":1}') },
      {
        status: 415,
        code: 'unsupported_media_type',
      },
    ),
    upload(
      'text/plain instead of an image',
      { contentType: 'text/plain', bytes: Buffer.from('photo') },
      {
        status: 415,
        code: 'unsupported_media_type',
      },
    ),
    upload('image/gif', { contentType: 'image/gif' }, { status: 415, code: 'bad_request' }),
    upload(
      'PNG bytes declared as JPEG',
      { bytes: pngBytes() },
      {
        status: 415,
        code: 'unsupported_media_type',
      },
    ),
    upload(
      'bytes that hash to another sha256',
      { hash: sha256Of(jpegBytes()) },
      {
        status: 400,
        code: 'hash_mismatch',
      },
    ),
    upload(
      'larger than the limit',
      { bytes: jpegBytes(PHOTO_MAX_BYTES + 1) },
      {
        status: 413,
        code: 'too_large',
      },
    ),
    upload(
      'takenAt in year 0000',
      { query: meta({ takenAt: YEAR_ZERO }) },
      invalidInput('takenAt'),
    ),
  ];
}

function photoDownloadProbes(): Probe[] {
  const download = (name: string, hash: string, expected: Expected): Probe => ({
    name,
    send: (ctx) => send(ctx, 'GET', `/photos/${hash}`, { token: ctx.clerk }),
    expect: expected,
  });
  return [
    ...BAD_HASHES.map(([what, hash]) => download(`sha256 ${what}`, hash, invalidInput('sha256'))),
    download(`sha256 of ${MAX_PARAM_LENGTH + 1} characters`, 'a'.repeat(MAX_PARAM_LENGTH + 1), {
      status: 414,
      code: 'bad_request',
    }),
    download('sha256 of no photo', 'a'.repeat(64), { status: 404, code: 'photo_not_found' }),
  ];
}

function validView(ctx: Ctx) {
  return {
    id: randomUUID(),
    caseId: ctx.officerCase,
    viewedAt: new Date().toISOString(),
  };
}

function auditPostProbes(): Probe[] {
  const probe = (name: string, body: (ctx: Ctx) => unknown, expected: Expected) =>
    jsonProbe(name, '/audit/views', clerkToken, body, expected);
  const withView = (patch: Record<string, unknown>) => (ctx: Ctx) => ({
    views: [{ ...validView(ctx), ...patch }],
  });
  return [
    ...brokenBodies('/audit/views', clerkToken, (ctx) => ({ views: [validView(ctx)] })),
    probe('views missing', () => ({}), invalidInput('views')),
    probe('views empty', () => ({ views: [] }), invalidInput('views')),
    probe(
      'views over the batch limit',
      (ctx) => ({ views: Array.from({ length: 501 }, () => validView(ctx)) }),
      invalidInput('views'),
    ),
    probe('id not a UUID', withView({ id: 'x' }), invalidInput('views.0.id')),
    probe('caseId not a UUID', withView({ caseId: '../1' }), invalidInput('views.0.caseId')),
    probe(
      'photoSha256 upper case',
      withView({ photoSha256: 'A'.repeat(64) }),
      invalidInput('views.0.photoSha256'),
    ),
    probe(
      'viewedAt not a date',
      withView({ viewedAt: 'gestern' }),
      invalidInput('views.0.viewedAt'),
    ),
    probe(
      'viewedAt a day ahead',
      withView({ viewedAt: new Date(Date.now() + 86_400_000).toISOString() }),
      invalidInput('views.0.viewedAt'),
    ),
    probe('an extra field', withView({ userId: 'admin' }), invalidInput('views.0')),
  ];
}

function auditListProbes(): Probe[] {
  const probe = (name: string, query: Record<string, string>, field?: string): Probe => ({
    name,
    send: (ctx) => send(ctx, 'GET', '/audit/views', { token: ctx.admin, query }),
    expect: invalidInput(field),
  });
  return [
    probe('caseId not a UUID', { caseId: "1' OR '1'='1" }, 'caseId'),
    probe('limit 0', { limit: '0' }, 'limit'),
    probe('limit above the maximum', { limit: '1001' }, 'limit'),
    probe('from not a date', { from: 'heute' }, 'from'),
    // Refused as a whole: the schema is strict, and no one field is to blame.
    probe('an unknown parameter', { everything: 'true' }),
  ];
}

/**
 * THE table: every registered route that takes a body, query or path parameter, with its probes.
 */
const MALFORMED: Record<string, Probe[]> = {
  'POST /auth/login': loginProbes(),
  'POST /auth/refresh': refreshProbes(),
  'GET /sync/feed': feedProbes(),
  'GET /sync/live': liveProbes(),
  'POST /sync/mutations': mutationEnvelopeProbes(),
  'POST /field/cases': fieldCaseProbes(),
  'POST /intake/disputes': disputeProbes(),
  'PUT /field/photos/:sha256': photoUploadProbes(),
  'GET /photos/:sha256': photoDownloadProbes(),
  'POST /audit/views': auditPostProbes(),
  'GET /audit/views': auditListProbes(),
};

/** Registered routes without input, and why. */
const NO_INPUT: Record<string, string> = {
  'GET /health': 'no parameters',
  'GET /openapi.json': 'no parameters',
  'POST /auth/logout': 'the bearer token is its only input; it takes no body',
};

// ---------------------------------------------------------------------------------------------
// Malformed entries in an otherwise valid mutation batch

interface EntryProbe {
  name: string;
  entry(ctx: Ctx): Record<string, unknown>;
  /** The field the rejection must name. */
  field: string;
}

function entry(
  name: string,
  base: (ctx: Ctx) => Record<string, unknown>,
  override: Record<string, unknown>,
  field: string,
): EntryProbe {
  return {
    name,
    entry: (ctx) => ({ ...base(ctx), ...override }),
    field,
  };
}

const decisionBase = (ctx: Ctx) => ({
  id: randomUUID(),
  kind: 'decision',
  caseId: ctx.officerCase,
  baseVersion: 1,
  decision: 'uphold',
  reasonCode: 'offence_proven',
});
const claimBase = (ctx: Ctx) => ({ id: randomUUID(), kind: 'claim', caseId: ctx.officerCase });
const conversationBase = () => ({
  id: randomUUID(),
  kind: 'conversation',
  conversationId: randomUUID(),
  type: 'direct',
  memberIds: ['officer-02'],
});
const receiptBase = () => ({
  id: randomUUID(),
  kind: 'receipt',
  messageId: randomUUID(),
  state: 'read',
});

const MALFORMED_ENTRIES: EntryProbe[] = [
  entry('message: id not a uuid', validMessage, { id: 'message-1' }, 'id'),
  entry(
    'message: conversationId not a uuid',
    validMessage,
    { conversationId: 'general' },
    'conversationId',
  ),
  entry('message: body empty', validMessage, { body: '' }, 'body'),
  entry('message: body blank', validMessage, { body: '   ' }, 'body'),
  entry('message: body 4001 characters', validMessage, { body: 'b'.repeat(4001) }, 'body'),
  entry(
    'message: photo hash upper case',
    validMessage,
    { photoSha256s: ['A'.repeat(64)] },
    'photoSha256s.0',
  ),
  entry(
    'message: 11 photos',
    validMessage,
    { photoSha256s: Array.from({ length: 11 }, (_, i) => String(i).padStart(64, '0')) },
    'photoSha256s',
  ),
  entry('message: replyToId not a uuid', validMessage, { replyToId: 'last' }, 'replyToId'),
  entry('message: body a number', validMessage, { body: 42 }, 'body'),
  entry('message: body missing', validMessage, { body: undefined }, 'body'),
  entry('message: priority unknown', validMessage, { priority: 'asap' }, 'priority'),
  entry('message: ackRequested a string', validMessage, { ackRequested: 'yes' }, 'ackRequested'),
  entry('decision: baseVersion 0', decisionBase, { baseVersion: 0 }, 'baseVersion'),
  entry(
    'decision: reduce without newAmountCents',
    decisionBase,
    { decision: 'reduce' },
    'newAmountCents',
  ),
  entry(
    'decision: newAmountCents for uphold',
    decisionBase,
    { newAmountCents: 1000 },
    'newAmountCents',
  ),
  entry(
    'decision: newAmountCents negative',
    decisionBase,
    { decision: 'reduce', newAmountCents: -1 },
    'newAmountCents',
  ),
  entry(
    'decision: request_statement without text',
    decisionBase,
    { decision: 'request_statement' },
    'text',
  ),
  entry('decision: text 4001 characters', decisionBase, { text: 't'.repeat(4001) }, 'text'),
  entry('decision: decision unknown', decisionBase, { decision: 'pardon' }, 'decision'),
  entry('decision: baseVersion a string', decisionBase, { baseVersion: '1' }, 'baseVersion'),
  entry('claim: caseId not a uuid', claimBase, { caseId: 'VW-2026-0000001' }, 'caseId'),
  entry('claim: caseId a number', claimBase, { caseId: 5 }, 'caseId'),
  entry('claim: caseId missing', claimBase, { caseId: undefined }, 'caseId'),
  entry(
    'conversation: direct with two others',
    conversationBase,
    { memberIds: ['officer-02', 'officer-03'] },
    'memberIds',
  ),
  entry('conversation: group without title', conversationBase, { type: 'group' }, 'title'),
  entry('conversation: no members', conversationBase, { memberIds: [] }, 'memberIds'),
  entry(
    'conversation: member id 65 characters',
    conversationBase,
    { memberIds: ['m'.repeat(65)] },
    'memberIds.0',
  ),
  entry('conversation: type unknown', conversationBase, { type: 'broadcast' }, 'type'),
  entry('receipt: messageId not a uuid', receiptBase, { messageId: 'latest' }, 'messageId'),
  entry('receipt: state unknown', receiptBase, { state: 'seen' }, 'state'),
  entry('kind unknown', receiptBase, { kind: 'delete_case' }, 'kind'),
  entry('kind missing', receiptBase, { kind: undefined }, 'kind'),
  entry('message: body with U+0000', validMessage, { body: `Hallo${NUL}Welt` }, 'body'),
];

// ---------------------------------------------------------------------------------------------
// Which routes take input

/** Fastify's `:id` (optionally with a regex) in OpenAPI's `{id}` syntax, and back. */
function toOpenApiPath(url: string): string {
  return url.replace(/:(\w+)(\([^)]*\))?/g, '{$1}');
}

type JsonObject = Record<string, unknown>;
function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Operations whose OpenAPI description has a path or query parameter or a request body. */
async function documentedInputs(): Promise<Set<string>> {
  const doc: unknown = parse(await readFile(OPENAPI_YAML_PATH, 'utf8'));
  const paths = isObject(doc) && isObject(doc['paths']) ? doc['paths'] : {};
  const withInput = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const parameters = Array.isArray(operation['parameters']) ? operation['parameters'] : [];
      const takesParameters = parameters.some(
        (parameter) =>
          isObject(parameter) &&
          // A $ref parameter is one of components.parameters, all of them path parameters.
          (typeof parameter['$ref'] === 'string' ||
            parameter['in'] === 'path' ||
            parameter['in'] === 'query'),
      );
      if (takesParameters || operation['requestBody'] !== undefined) {
        withInput.add(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return withInput;
}

const OPERATIONS = await registeredOperations();
const DOCUMENTED_INPUTS = await documentedInputs();

describe('malformed-input table', () => {
  it('covers every route with input, and lists no route the server lacks', () => {
    expect([...Object.keys(MALFORMED), ...Object.keys(NO_INPUT)].sort()).toEqual(OPERATIONS);
  });

  it('has probes for every route with a path parameter or a documented input', () => {
    const needProbes = OPERATIONS.filter(
      (operation) => operation.includes('/:') || DOCUMENTED_INPUTS.has(toOpenApiPath(operation)),
    );
    expect(needProbes.filter((operation) => !MALFORMED[operation]?.length)).toEqual([]);
    expect(Object.keys(NO_INPUT).filter((operation) => needProbes.includes(operation))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Against a running server

interface Snapshot {
  clerk: { changes: FeedChange[]; cursor: number };
  officer: { changes: FeedChange[]; cursor: number };
  photoFiles: string[];
}

/** Every file below `dir`, as relative paths: what the photo store really kept. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((file) => file.isFile())
    .map((file) => join(file.parentPath, file.name).slice(dir.length + 1))
    .sort();
}

/** The message ids of `message` upserts among `changes`. */
function messageIds(changes: readonly FeedChange[]): string[] {
  return changes.flatMap((change) =>
    change.op === 'upsert' && change.entity === 'message' ? [change.data.id] : [],
  );
}

const ALL_PROBES = Object.entries(MALFORMED).flatMap(([operation, probes]) =>
  probes.map((probe) => ({ operation, probe })),
);

describe.each(await availableTargets())('malformed input on $name', (target) => {
  let t: TestServer;
  let root: string;
  let photoDir: string;
  let ctx: Ctx;

  async function snapshot(): Promise<Snapshot> {
    const [clerk, officer] = await Promise.all([
      readWholeFeed(ctx.url, ctx.clerk),
      readWholeFeed(ctx.url, ctx.officer),
    ]);
    return {
      clerk: { changes: clerk.changes, cursor: clerk.cursor },
      officer: { changes: officer.changes, cursor: officer.cursor },
      photoFiles: await filesIn(photoDir),
    };
  }

  /** Sends a mutation batch as the clerk; the answer must be a 200 with one result per entry. */
  async function pushMutations(mutations: unknown[]) {
    const response = await send(ctx, 'POST', '/sync/mutations', {
      token: ctx.clerk,
      contentType: JSON_TYPE,
      body: JSON.stringify({ mutations }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const body = mutationBatchResponseSchema.parse(JSON.parse(text));
    expect(body.results).toHaveLength(mutations.length);
    return body;
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kvue-malformed-'));
    photoDir = join(root, 'photos');
    t = await startTestServer(target, 6, { photoDir, photoMaxBytes: PHOTO_MAX_BYTES });
    const clerk = (await login(t.server.url, demoLogin('clerk').username, DEMO_PASSWORD))
      .accessToken;
    const officer = (await login(t.server.url, demoLogin('officer').username, DEMO_PASSWORD))
      .accessToken;
    const officerCase = (await t.server.createCase(newCase())).id;
    const admin = (await login(t.server.url, demoLogin('admin').username, DEMO_PASSWORD))
      .accessToken;
    ctx = { url: t.server.url, clerk, officer, admin, officerCase, conversationId: '' };

    // The clerk's direct conversation with the demo officer, for the valid sibling messages.
    const conversationId = randomUUID();
    const opened = await pushMutations([
      {
        id: randomUUID(),
        kind: 'conversation',
        conversationId,
        type: 'direct',
        memberIds: ['officer-01'],
      },
    ]);
    const result = opened.results[0];
    expect(result?.status).toBe('applied');
    const record = result?.status === 'applied' ? result.record : null;
    ctx.conversationId = (record?.data as { id: string }).id;

    // A photo in the store, so "nothing stored" is checked against a non-empty folder.
    const bytes = jpegBytes();
    const stored = await send(ctx, 'PUT', `/field/photos/${sha256Of(bytes)}`, {
      token: officer,
      query: { caseId: officerCase, takenAt: new Date(Date.now() - 60_000).toISOString() },
      contentType: 'image/jpeg',
      body: new Uint8Array(bytes),
    });
    expect(stored.status).toBe(201);
  });
  afterAll(async () => {
    await t?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  describe.each(Object.keys(MALFORMED))('%s', (operation) => {
    for (const { probe } of ALL_PROBES.filter((p) => p.operation === operation)) {
      it(probe.name, async () => {
        const before = await snapshot();
        const response = await probe.send(ctx);
        const text = await response.text();
        expect(response.status, text).toBeGreaterThanOrEqual(400);
        expect(response.status, text).toBeLessThan(500);
        expect(response.headers.get('content-type'), text).toMatch(/^application\/json/);
        const { error } = apiErrorSchema.parse(JSON.parse(text));
        expect({ status: response.status, ...error, message: undefined }).toEqual({
          status: probe.expect.status,
          code: probe.expect.code,
          message: undefined,
          ...(probe.expect.field === undefined ? {} : { field: probe.expect.field }),
        });
        expect(await snapshot()).toEqual(before);
      });
    }
  });

  describe('POST /sync/mutations: a malformed entry next to a valid one', () => {
    for (const probe of MALFORMED_ENTRIES) {
      it(probe.name, async () => {
        const before = await snapshot();
        const bad = probe.entry(ctx);
        const sibling = validMessage(ctx);
        const { results } = await pushMutations([bad, sibling]);
        const badId =
          typeof bad['id'] === 'string' && /^[0-9a-f-]{36}$/.test(bad['id']) ? bad['id'] : null;
        expect(results[0]).toEqual({
          id: badId,
          status: 'rejected',
          code: 'invalid_input',
          reason: expect.any(String),
          field: probe.field,
        });
        expect(results[1]).toMatchObject({ id: sibling.id, status: 'applied', repeated: false });

        // The sibling's message is the only thing that changed, in both members' feeds.
        const after = await snapshot();
        expect(after.photoFiles).toEqual(before.photoFiles);
        for (const who of ['clerk', 'officer'] as const) {
          expect(after[who].changes.slice(0, before[who].changes.length)).toEqual(
            before[who].changes,
          );
          const added = after[who].changes.slice(before[who].changes.length);
          expect(added.map((change) => [change.entity, change.op])).toEqual([
            ['message', 'upsert'],
          ]);
          expect(messageIds(added)).toEqual([sibling.id]);
        }
      });
    }

    it('answers each entry in order, valid ones around a malformed one applied', async () => {
      const first = validMessage(ctx);
      const last = validMessage(ctx);
      const { results } = await pushMutations([first, { ...validMessage(ctx), body: '' }, last]);
      expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
      expect(results[1]).toMatchObject({ code: 'invalid_input', field: 'body' });
    });

    it('does not use up the id of a malformed entry', async () => {
      const message = validMessage(ctx);
      const rejected = await pushMutations([{ ...message, body: '' }]);
      expect(rejected.results[0]).toMatchObject({ id: message.id, status: 'rejected' });
      const applied = await pushMutations([message]);
      expect(applied.results[0]).toMatchObject({
        id: message.id,
        status: 'applied',
        repeated: false,
      });
    });

    it('refuses a batch of only malformed entries without storing anything', async () => {
      const before = await snapshot();
      const { results } = await pushMutations([
        { ...validMessage(ctx), body: '' },
        { ...decisionBase(ctx), baseVersion: 0 },
        { ...conversationBase(), memberIds: [] },
      ]);
      expect(
        results.map((result) => [result.status, 'code' in result ? result.code : null]),
      ).toEqual([
        ['rejected', 'invalid_input'],
        ['rejected', 'invalid_input'],
        ['rejected', 'invalid_input'],
      ]);
      expect(await snapshot()).toEqual(before);
    });
  });

  // Last, since these store things: the inputs the probes break are themselves accepted, so
  // each probe is refused for what it breaks and not for something else.
  describe('the valid inputs the probes start from', () => {
    it('are accepted', async () => {
      const json = (path: string, token: string | undefined, body: unknown) =>
        send(ctx, 'POST', path, { token, contentType: JSON_TYPE, body: JSON.stringify(body) });
      expect((await json('/auth/login', undefined, validLogin())).status).toBe(200);
      expect((await json('/field/cases', ctx.officer, validCase())).status).toBe(201);
      expect((await json('/intake/disputes', ctx.clerk, validDispute(ctx))).status).toBe(201);
      const { results } = await pushMutations([
        validMessage(ctx),
        conversationBase(),
        receiptBase(),
        claimBase(ctx),
        decisionBase(ctx),
      ]);
      expect(results[0]).toMatchObject({ status: 'applied' });
      expect(results[1]).toMatchObject({ status: 'applied' });
      // The others are well-formed but point at things that do not allow them (no such message,
      // a case nobody disputed): refused for that, never for their shape.
      for (const result of results) {
        const refusedForShape = result.status === 'rejected' && result.code === 'invalid_input';
        expect(refusedForShape, JSON.stringify(result)).toBe(false);
      }
      const feed = await send(ctx, 'GET', '/sync/feed', {
        token: ctx.officer,
        query: { cursor: '0', limit: '10' },
      });
      expect(feed.status).toBe(200);
      await feed.arrayBuffer();
    });
  });
});
