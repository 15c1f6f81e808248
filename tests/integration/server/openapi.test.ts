import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_SESSION_TTL_MS } from '../../../src/server/auth/sessions';
import { FeedHub } from '../../../src/server/feed/hub';
import { buildApp } from '../../../src/server/http/app';
import { registeredRoutes, type RegisteredRoute } from '../../../src/server/http/route-table';
import { OPENAPI_YAML_PATH } from '../../../src/server/http/routes/openapi';
import type { SqlClient } from '../../../src/server/store/client';
import { openStore } from '../../../src/server/store/open';
import { caseRecordSchema, caseStatusSchema, newCaseSchema } from '../../../src/shared/domain/case';
import { roleSchema, userSchema } from '../../../src/shared/domain/user';
import {
  apiErrorSchema,
  loginRequestSchema,
  refreshRequestSchema,
  loginResponseSchema,
} from '../../../src/shared/sync/auth';
import {
  feedChangeSchema,
  feedEndSchema,
  feedLineSchema,
  feedQuerySchema,
  livePokeSchema,
} from '../../../src/shared/sync/feed';
import { pgliteTarget } from './support/databases';
import { UNUSED_PHOTOS } from './support/photos';
import { startTestServer, type TestServer } from './support/server';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the parts of the document these tests walk; everything else passes through. */
const openApiShape = z.looseObject({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.record(z.string(), z.unknown())) }),
});
type OpenApiDocument = z.infer<typeof openApiShape>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function documentedOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => HTTP_METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

/** Fastify's `:id` (optionally with a regex) in OpenAPI's `{id}` syntax. */
function openApiPath(url: string): string {
  return url.replace(/:(\w+)(\([^)]*\))?/g, '{$1}');
}

function serverOperations(routes: readonly RegisteredRoute[]): string[] {
  const operations = new Set(routes.map((route) => `${route.method} ${openApiPath(route.url)}`));
  // Fastify adds a HEAD route for every GET route by itself; only a deliberate HEAD counts.
  for (const operation of [...operations]) {
    if (operation.startsWith('HEAD ') && operations.has(`GET ${operation.slice(5)}`)) {
      operations.delete(operation);
    }
  }
  return [...operations].sort();
}

/** Follows `$ref`s into `components.schemas`; sibling keywords (3.1 allows them) win. */
function resolve(doc: OpenApiDocument, schema: JsonObject): JsonObject {
  let current = schema;
  for (let hops = 0; typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    const name = ref.replace(/^#\/components\/schemas\//, '');
    const target = doc.components.schemas[name];
    if (!target || hops > 20) throw new Error(`Unresolvable $ref ${ref}`);
    const siblings = Object.fromEntries(Object.entries(current).filter(([key]) => key !== '$ref'));
    current = { ...target, ...siblings };
  }
  return current;
}

/**
 * Keywords that carry the contract. `pattern` is left out (zod's own regexes stand behind
 * `format`), and so is `additionalProperties`: zod strips unknown input keys, and the document
 * leaves responses open so fields can be added without breaking clients.
 */
const CONTRACT_KEYWORDS = [
  'type',
  'enum',
  'const',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'default',
] as const;

function sortedStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).sort() : [];
}

function alternatives(schema: JsonObject): unknown[] | undefined {
  const list = schema['oneOf'] ?? schema['anyOf'];
  return Array.isArray(list) ? list : undefined;
}

/** Where the documented schema and zod's JSON Schema disagree, as readable lines. */
function differences(
  doc: OpenApiDocument,
  documentedSchema: unknown,
  zodSchema: unknown,
  at: string,
): string[] {
  if (!isObject(documentedSchema) || !isObject(zodSchema)) return [`${at}: not a schema object`];
  const documented = resolve(doc, documentedSchema);
  const found: string[] = [];
  const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

  for (const keyword of CONTRACT_KEYWORDS) {
    if (!isDeepStrictEqual(documented[keyword], zodSchema[keyword])) {
      found.push(
        `${at}.${keyword}: documented ${show(documented[keyword])}, zod ${show(zodSchema[keyword])}`,
      );
    }
  }

  const documentedRequired = sortedStrings(documented['required']);
  const zodRequired = sortedStrings(zodSchema['required']);
  if (!isDeepStrictEqual(documentedRequired, zodRequired)) {
    found.push(`${at}.required: documented ${show(documentedRequired)}, zod ${show(zodRequired)}`);
  }

  const documentedProps = isObject(documented['properties']) ? documented['properties'] : {};
  const zodProps = isObject(zodSchema['properties']) ? zodSchema['properties'] : {};
  const names = new Set([...Object.keys(documentedProps), ...Object.keys(zodProps)]);
  for (const name of [...names].sort()) {
    if (!(name in documentedProps)) found.push(`${at}.${name}: in zod, not documented`);
    else if (!(name in zodProps)) found.push(`${at}.${name}: documented, not in zod`);
    else found.push(...differences(doc, documentedProps[name], zodProps[name], `${at}.${name}`));
  }

  const documentedAlternatives = alternatives(documented);
  const zodAlternatives = alternatives(zodSchema);
  if (documentedAlternatives?.length !== zodAlternatives?.length) {
    found.push(
      `${at}: documented ${documentedAlternatives?.length ?? 0} alternatives, zod ${zodAlternatives?.length ?? 0}`,
    );
  } else if (documentedAlternatives && zodAlternatives) {
    documentedAlternatives.forEach((alternative, i) => {
      found.push(...differences(doc, alternative, zodAlternatives[i], `${at}[${i}]`));
    });
  }
  return found;
}

describe('OpenAPI description', () => {
  let t: TestServer;
  let served: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestServer(pgliteTarget, 0);
    // No token on purpose: the description is public.
    const response = await fetch(`${t.server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    served = openApiShape.parse(await response.json());
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves docs/api/openapi.yaml as JSON', async () => {
    const yaml: unknown = parse(await readFile(OPENAPI_YAML_PATH, 'utf8'));
    expect(served).toEqual(yaml);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  describe('routes', () => {
    let db: SqlClient;
    let app: FastifyInstance;

    beforeAll(async () => {
      // startServer keeps its Fastify instance private, so the route table comes from an app
      // built the same way.
      db = await openStore({});
      app = await buildApp({
        db,
        hub: new FeedHub(),
        sessionTtlMs: DEFAULT_SESSION_TTL_MS,
        photos: UNUSED_PHOTOS,
      });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('sees the routes the server registers', () => {
      expect(serverOperations(registeredRoutes(app))).toContain('GET /health');
    });

    it('documents every route the server registers', () => {
      const documented = new Set(documentedOperations(served));
      const undocumented = serverOperations(registeredRoutes(app)).filter(
        (operation) => !documented.has(operation),
      );
      expect(undocumented).toEqual([]);
    });

    it('documents no operation the server lacks', () => {
      const registered = new Set(serverOperations(registeredRoutes(app)));
      const stale = documentedOperations(served).filter((operation) => !registered.has(operation));
      expect(stale).toEqual([]);
    });
  });

  describe('schemas agree with the zod schemas in src/shared', () => {
    const pairs: [string, z.ZodType][] = [
      ['CaseRecord', caseRecordSchema],
      ['NewCase', newCaseSchema],
      ['CaseStatus', caseStatusSchema],
      ['LoginRequest', loginRequestSchema],
      ['RefreshRequest', refreshRequestSchema],
      ['LoginResponse', loginResponseSchema],
      ['User', userSchema],
      ['Role', roleSchema],
      ['ApiError', apiErrorSchema],
      ['FeedChange', feedChangeSchema],
      ['FeedEnd', feedEndSchema],
      ['FeedLine', feedLineSchema],
      ['LivePoke', livePokeSchema],
    ];

    it.each(pairs)('%s', (name, schema) => {
      const documented = served.components.schemas[name];
      expect(documented, `components.schemas.${name}`).toBeDefined();
      const found = differences(served, documented, z.toJSONSchema(schema), name);
      expect(found, found.join('\n')).toEqual([]);
    });

    it('notices a field that zod has and the document lacks', () => {
      const grown = caseRecordSchema.extend({ photoCount: z.number().int() });
      const found = differences(
        served,
        served.components.schemas['CaseRecord'],
        z.toJSONSchema(grown),
        'CaseRecord',
      );
      expect(found).toContain('CaseRecord.photoCount: in zod, not documented');
      expect(found.some((line) => line.startsWith('CaseRecord.required:'))).toBe(true);
    });

    it('feed query parameters', () => {
      const operation = served.paths['/sync/feed']?.['get'];
      const parameters = isObject(operation) ? operation['parameters'] : undefined;
      expect(Array.isArray(parameters)).toBe(true);
      const documented: JsonObject = {};
      for (const parameter of Array.isArray(parameters) ? parameters : []) {
        if (
          isObject(parameter) &&
          parameter['in'] === 'query' &&
          typeof parameter['name'] === 'string'
        ) {
          documented[parameter['name']] = parameter['schema'];
        }
      }
      // Query strings are input: compare with what the schema accepts, defaults included.
      const zodQuery = z.toJSONSchema(feedQuerySchema, { io: 'input' });
      const found = differences(
        served,
        { type: 'object', properties: documented },
        zodQuery,
        'query',
      );
      expect(found, found.join('\n')).toEqual([]);
    });
  });
});
