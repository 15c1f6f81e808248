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
import { caseEventKindSchema, caseEventRecordSchema } from '../../../src/shared/domain/case-event';
import { claimRecordSchema } from '../../../src/shared/domain/claim';
import {
  conversationKindSchema,
  conversationRecordSchema,
  memberRecordSchema,
  memberRoleSchema,
  messageRecordSchema,
  prioritySchema,
  receiptRecordSchema,
  receiptStateSchema,
} from '../../../src/shared/domain/conversation';
import {
  decisionKindSchema,
  decisionReasonSchema,
  decisionRecordSchema,
} from '../../../src/shared/domain/decision';
import {
  offenceRecordSchema,
  personRecordSchema,
  teamRecordSchema,
} from '../../../src/shared/domain/directory';
import {
  disputeChannelSchema,
  disputeRecordSchema,
  newDisputeSchema,
} from '../../../src/shared/domain/dispute';
import { photoRecordSchema, photoUploadQuerySchema } from '../../../src/shared/domain/photo';
import {
  dispatchRecordSchema,
  dispatchStatusSchema,
  dispatchTargetsSchema,
} from '../../../src/shared/domain/dispatch';
import { roleSchema, userSchema } from '../../../src/shared/domain/user';
import {
  apiErrorSchema,
  loginRequestSchema,
  refreshRequestSchema,
  loginResponseSchema,
} from '../../../src/shared/sync/auth';
import {
  FEED_ENTITIES,
  FEED_ENTITY_SCHEMAS,
  feedChangeSchema,
  feedEndSchema,
  feedLineSchema,
  feedQuerySchema,
  livePokeSchema,
} from '../../../src/shared/sync/feed';
import {
  claimMutationSchema,
  conversationMutationSchema,
  decisionMutationSchema,
  dispatchCancelMutationSchema,
  dispatchMutationSchema,
  messageMutationSchema,
  mutationBatchResponseSchema,
  mutationBatchSchema,
  mutationResultSchema,
  mutationSchema,
  receiptMutationSchema,
} from '../../../src/shared/sync/mutations';
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
 * leaves responses open so fields can be added without breaking clients. Array items are compared
 * by recursion, like properties.
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
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'default',
] as const;

function sortedStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).sort() : [];
}

/**
 * `oneOf` (the document; zod for discriminated unions) and `anyOf` (zod for plain unions) are
 * compared alike, branch by branch in order.
 */
function alternatives(schema: JsonObject): unknown[] | undefined {
  const list = schema['oneOf'] ?? schema['anyOf'];
  return Array.isArray(list) ? list : undefined;
}

type Resolver = (schema: JsonObject) => JsonObject;

function isNullSchema(schema: unknown, resolver: Resolver): boolean {
  return isObject(schema) && resolver(schema)['type'] === 'null';
}

/**
 * "S or null" has two spellings: zod's `.nullable()` gives `anyOf: [S, {type: 'null'}]`, while
 * the document may also write `type: [T, 'null']` (OpenAPI 3.1). Both become S plus a flag, so
 * either spelling agrees with the other.
 */
function withoutNull(schema: JsonObject, resolver: Resolver): [JsonObject, boolean] {
  const resolved = resolver(schema);
  const list = alternatives(resolved);
  if (list?.length === 2 && list.some((branch) => isNullSchema(branch, resolver))) {
    const rest = list.find((branch) => !isNullSchema(branch, resolver));
    if (isObject(rest)) {
      const siblings = Object.fromEntries(
        Object.entries(resolved).filter(([key]) => key !== 'oneOf' && key !== 'anyOf'),
      );
      return [{ ...resolver(rest), ...siblings }, true];
    }
  }
  const type = resolved['type'];
  if (Array.isArray(type) && type.includes('null')) {
    const others = type.filter((entry) => entry !== 'null');
    return [{ ...resolved, type: others.length === 1 ? others[0] : others }, true];
  }
  return [resolved, false];
}

/** zod's JSON Schema inlines everything; a `$ref` there would be a construct this cannot follow. */
function zodResolver(schema: JsonObject): JsonObject {
  if ('$ref' in schema) throw new Error(`zod schema uses $ref ${String(schema['$ref'])}`);
  return schema;
}

/** Where the documented schema and zod's JSON Schema disagree, as readable lines. */
function differences(
  doc: OpenApiDocument,
  documentedSchema: unknown,
  zodSchema: unknown,
  at: string,
): string[] {
  if (!isObject(documentedSchema) || !isObject(zodSchema)) return [`${at}: not a schema object`];
  const [documented, documentedNullable] = withoutNull(documentedSchema, (schema) =>
    resolve(doc, schema),
  );
  const [zodded, zodNullable] = withoutNull(zodSchema, zodResolver);
  const found: string[] = [];
  const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

  if (documentedNullable !== zodNullable) {
    found.push(
      `${at}: documented ${documentedNullable ? '' : 'not '}nullable, zod ${zodNullable ? '' : 'not '}nullable`,
    );
  }
  for (const keyword of CONTRACT_KEYWORDS) {
    if (!isDeepStrictEqual(documented[keyword], zodded[keyword])) {
      found.push(
        `${at}.${keyword}: documented ${show(documented[keyword])}, zod ${show(zodded[keyword])}`,
      );
    }
  }

  const documentedRequired = sortedStrings(documented['required']);
  const zodRequired = sortedStrings(zodded['required']);
  if (!isDeepStrictEqual(documentedRequired, zodRequired)) {
    found.push(`${at}.required: documented ${show(documentedRequired)}, zod ${show(zodRequired)}`);
  }

  const documentedProps = isObject(documented['properties']) ? documented['properties'] : {};
  const zodProps = isObject(zodded['properties']) ? zodded['properties'] : {};
  const names = new Set([...Object.keys(documentedProps), ...Object.keys(zodProps)]);
  for (const name of [...names].sort()) {
    if (!(name in documentedProps)) found.push(`${at}.${name}: in zod, not documented`);
    else if (!(name in zodProps)) found.push(`${at}.${name}: documented, not in zod`);
    else found.push(...differences(doc, documentedProps[name], zodProps[name], `${at}.${name}`));
  }

  if (documented['items'] !== undefined || zodded['items'] !== undefined) {
    if (documented['items'] === undefined) found.push(`${at}[]: items in zod, not documented`);
    else if (zodded['items'] === undefined) found.push(`${at}[]: items documented, not in zod`);
    else found.push(...differences(doc, documented['items'], zodded['items'], `${at}[]`));
  }

  const documentedAlternatives = alternatives(documented);
  const zodAlternatives = alternatives(zodded);
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

/** The values a branch allows for `property`: its `const` or its `enum`. */
function discriminatorValues(doc: OpenApiDocument, branch: unknown, property: string): string[] {
  if (!isObject(branch)) return [];
  const properties = resolve(doc, branch)['properties'];
  const schema = isObject(properties) ? properties[property] : undefined;
  if (!isObject(schema)) return [];
  const resolved = resolve(doc, schema);
  if (typeof resolved['const'] === 'string') return [resolved['const']];
  return sortedStrings(resolved['enum']);
}

/**
 * Checks the document's own `discriminator`s, which zod has no counterpart for: every mapped
 * value must be a value of the branch it points at, and every branch value must be mapped.
 */
function discriminatorProblems(doc: OpenApiDocument): string[] {
  const found: string[] = [];
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const discriminator = schema['discriminator'];
    const branches = alternatives(schema);
    if (!isObject(discriminator)) continue;
    const property = discriminator['propertyName'];
    const mapping = isObject(discriminator['mapping']) ? discriminator['mapping'] : {};
    if (typeof property !== 'string' || !branches) {
      found.push(`${name}: discriminator without propertyName or oneOf`);
      continue;
    }
    const refs = branches.map((branch) => (isObject(branch) ? branch['$ref'] : undefined));
    for (const [value, target] of Object.entries(mapping)) {
      const index = refs.indexOf(target);
      if (index < 0) found.push(`${name}: mapping ${value} points outside the oneOf`);
      else if (!collectValues(doc, branches[index], property).includes(value)) {
        found.push(`${name}: mapping ${value} points at a branch without that ${property}`);
      }
    }
    branches.forEach((branch, index) => {
      for (const value of collectValues(doc, branch, property)) {
        if (mapping[value] !== refs[index]) found.push(`${name}: ${property} ${value} not mapped`);
      }
    });
  }
  return found;
}

/** Values of `property` a branch allows, looking through a nested oneOf (e.g. FeedUpsert). */
function collectValues(doc: OpenApiDocument, branch: unknown, property: string): string[] {
  if (!isObject(branch)) return [];
  const nested = alternatives(resolve(doc, branch));
  if (nested) return [...new Set(nested.flatMap((inner) => collectValues(doc, inner, property)))];
  return discriminatorValues(doc, branch, property);
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
    /**
     * `io: 'input'` for request bodies: what the server accepts, so a field with a default is
     * optional there and its default documented. Responses use zod's output.
     */
    const pairs: { name: string; schema: z.ZodType; io?: 'input' }[] = [
      { name: 'CaseRecord', schema: caseRecordSchema },
      { name: 'NewCase', schema: newCaseSchema, io: 'input' },
      { name: 'CaseStatus', schema: caseStatusSchema },
      { name: 'PhotoRecord', schema: photoRecordSchema },
      { name: 'DisputeChannel', schema: disputeChannelSchema },
      { name: 'NewDispute', schema: newDisputeSchema, io: 'input' },
      { name: 'DisputeRecord', schema: disputeRecordSchema },
      { name: 'DecisionKind', schema: decisionKindSchema },
      { name: 'DecisionReason', schema: decisionReasonSchema },
      { name: 'DecisionRecord', schema: decisionRecordSchema },
      { name: 'CaseEventKind', schema: caseEventKindSchema },
      { name: 'CaseEventRecord', schema: caseEventRecordSchema },
      { name: 'ClaimRecord', schema: claimRecordSchema },
      { name: 'ConversationKind', schema: conversationKindSchema },
      { name: 'ConversationRecord', schema: conversationRecordSchema },
      { name: 'MemberRole', schema: memberRoleSchema },
      { name: 'MemberRecord', schema: memberRecordSchema },
      { name: 'Priority', schema: prioritySchema },
      { name: 'MessageRecord', schema: messageRecordSchema },
      { name: 'ReceiptState', schema: receiptStateSchema },
      { name: 'ReceiptRecord', schema: receiptRecordSchema },
      { name: 'TeamRecord', schema: teamRecordSchema },
      { name: 'PersonRecord', schema: personRecordSchema },
      { name: 'OffenceRecord', schema: offenceRecordSchema },
      { name: 'DispatchTargets', schema: dispatchTargetsSchema },
      { name: 'DispatchStatus', schema: dispatchStatusSchema },
      { name: 'DispatchRecord', schema: dispatchRecordSchema },
      { name: 'FeedEntity', schema: z.enum(FEED_ENTITIES) },
      { name: 'LoginRequest', schema: loginRequestSchema, io: 'input' },
      { name: 'RefreshRequest', schema: refreshRequestSchema, io: 'input' },
      { name: 'LoginResponse', schema: loginResponseSchema },
      { name: 'User', schema: userSchema },
      { name: 'Role', schema: roleSchema },
      { name: 'ApiError', schema: apiErrorSchema },
      { name: 'FeedChange', schema: feedChangeSchema },
      { name: 'FeedEnd', schema: feedEndSchema },
      { name: 'FeedLine', schema: feedLineSchema },
      { name: 'LivePoke', schema: livePokeSchema },
      { name: 'DecisionMutation', schema: decisionMutationSchema, io: 'input' },
      { name: 'ClaimMutation', schema: claimMutationSchema, io: 'input' },
      { name: 'ConversationMutation', schema: conversationMutationSchema, io: 'input' },
      { name: 'MessageMutation', schema: messageMutationSchema, io: 'input' },
      { name: 'ReceiptMutation', schema: receiptMutationSchema, io: 'input' },
      { name: 'DispatchMutation', schema: dispatchMutationSchema, io: 'input' },
      { name: 'DispatchCancelMutation', schema: dispatchCancelMutationSchema, io: 'input' },
      { name: 'Mutation', schema: mutationSchema, io: 'input' },
      { name: 'MutationBatch', schema: mutationBatchSchema, io: 'input' },
      { name: 'MutationResult', schema: mutationResultSchema },
      { name: 'MutationBatchResponse', schema: mutationBatchResponseSchema },
    ];

    it.each(pairs)('$name', ({ name, schema, io }) => {
      const documented = served.components.schemas[name];
      expect(documented, `components.schemas.${name}`).toBeDefined();
      const found = differences(served, documented, z.toJSONSchema(schema, { io }), name);
      expect(found, found.join('\n')).toEqual([]);
    });

    it('has a record schema for every feed entity, and FeedUpsert carries each of them', () => {
      const documentedUpserts = alternatives(served.components.schemas['FeedUpsert'] ?? {}) ?? [];
      const carried = documentedUpserts.map((branch) => {
        const resolved = isObject(branch) ? resolve(served, branch) : {};
        const properties = isObject(resolved['properties']) ? resolved['properties'] : {};
        const entity = isObject(properties['entity']) ? properties['entity']['const'] : undefined;
        const data = isObject(properties['data']) ? properties['data'] : {};
        return [entity, data] as const;
      });
      expect(carried.map(([entity]) => entity)).toEqual(FEED_ENTITIES);
      for (const [entity, data] of carried) {
        const schema = FEED_ENTITY_SCHEMAS[entity as keyof typeof FEED_ENTITY_SCHEMAS];
        const found = differences(served, data, z.toJSONSchema(schema), `${String(entity)}.data`);
        expect(found, found.join('\n')).toEqual([]);
      }
    });

    it('discriminators map each value to the branch that has it', () => {
      expect(discriminatorProblems(served)).toEqual([]);
    });

    it('the nullable spellings agree with each other and with zod', () => {
      const nullableUuid = z.toJSONSchema(z.uuid().nullable());
      const asTypeList = { type: ['string', 'null'], format: 'uuid' };
      const asOneOf = { oneOf: [{ $ref: '#/components/schemas/Uuid' }, { type: 'null' }] };
      expect(differences(served, asTypeList, nullableUuid, 'id')).toEqual([]);
      expect(differences(served, asOneOf, nullableUuid, 'id')).toEqual([]);
      expect(differences(served, { type: 'string', format: 'uuid' }, nullableUuid, 'id')).toEqual([
        'id: documented not nullable, zod nullable',
      ]);
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

    it('photo upload query parameters', () => {
      const operation = served.paths['/field/photos/{sha256}']?.['put'];
      const parameters = isObject(operation) ? operation['parameters'] : undefined;
      const documented: JsonObject = {};
      const required: string[] = [];
      for (const parameter of Array.isArray(parameters) ? parameters : []) {
        if (
          isObject(parameter) &&
          parameter['in'] === 'query' &&
          typeof parameter['name'] === 'string'
        ) {
          documented[parameter['name']] = parameter['schema'];
          if (parameter['required'] === true) required.push(parameter['name']);
        }
      }
      // The lat/lon pairing is a refinement, which JSON Schema from zod does not carry.
      const zodQuery = z.toJSONSchema(photoUploadQuerySchema, { io: 'input' });
      const found = differences(
        served,
        { type: 'object', properties: documented, required },
        zodQuery,
        'query',
      );
      expect(found, found.join('\n')).toEqual([]);
    });
  });
});
