import fc from 'fast-check';
import { z } from 'zod';
import { junkValue, POLLUTING_KEYS, withOwnKey } from './junk';

/**
 * A valid example for an input schema, derived from the schema itself (through its JSON Schema,
 * zod's documented export) so a call added to the contract gets one without anyone writing it.
 * What JSON Schema cannot say (refinements such as "a conversationId or a toUserId") makes the
 * derived example fail; such calls name an example of their own in the table of the test.
 */

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let uuidCounter = 0;
/** Distinct, version 4, and recognisable in a database dump. */
function exampleUuid(): string {
  uuidCounter += 1;
  return `00000000-0000-4000-8000-${uuidCounter.toString(16).padStart(12, '0')}`;
}

function exampleString(schema: Json): string {
  switch (schema['format']) {
    case 'uuid':
      return exampleUuid();
    case 'date':
      return '2026-03-14';
    case 'date-time':
      return '2026-03-14T09:30:00.000Z';
    case 'email':
      return 'probe@example.org';
  }
  if (typeof schema['pattern'] === 'string') {
    const [text] = fc.sample(fc.stringMatching(new RegExp(schema['pattern'])), {
      numRuns: 1,
      seed: 1,
    });
    if (text !== undefined) return text;
  }
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 1;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 64;
  return 'probe'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, 5)));
}

function exampleNumber(schema: Json, integer: boolean): number {
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
  const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined;
  let value = min ?? 1;
  if (max !== undefined && value > max) value = max;
  return integer ? Math.ceil(value) : value;
}

/**
 * An example of `schema`; `full` fills every optional property too (more fields to break),
 * otherwise only the required ones.
 */
function exampleOf(
  schema: unknown,
  full: boolean,
  resolve: (ref: string) => unknown = () => null,
  depth = 0,
): unknown {
  // A schema that refers to itself would never end.
  if (!isJson(schema) || depth > 16) return null;
  if (typeof schema['$ref'] === 'string')
    return exampleOf(resolve(schema['$ref']), full, resolve, depth + 1);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const concrete = options.find((option) => !(isJson(option) && option['type'] === 'null'));
      return exampleOf(concrete ?? options[0], full, resolve, depth + 1);
    }
  }
  const type = Array.isArray(schema['type'])
    ? (schema['type'].find((t) => t !== 'null') as unknown)
    : schema['type'];
  switch (type) {
    case 'string':
      return exampleString(schema);
    case 'integer':
      return exampleNumber(schema, true);
    case 'number':
      return exampleNumber(schema, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = typeof schema['minItems'] === 'number' ? Math.max(schema['minItems'], 1) : 1;
      const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : count;
      return Array.from({ length: Math.min(count, max) }, () =>
        exampleOf(schema['items'], full, resolve, depth + 1),
      );
    }
    case 'object': {
      const properties = isJson(schema['properties']) ? schema['properties'] : {};
      const required = Array.isArray(schema['required']) ? schema['required'] : [];
      const example: Json = {};
      for (const [key, property] of Object.entries(properties)) {
        if (full || required.includes(key))
          example[key] = exampleOf(property, full, resolve, depth + 1);
      }
      return example;
    }
    default:
      return null;
  }
}

/** Valid examples of `schema` as far as its JSON Schema tells: every field filled, then the least. */
export function derivedExamples(schema: z.ZodType): unknown[] {
  let jsonSchema: unknown;
  try {
    jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return [];
  }
  return [exampleOf(jsonSchema, true), exampleOf(jsonSchema, false)].filter(
    (example) => schema.safeParse(example).success,
  );
}

/**
 * An example of a JSON Schema that may point into `document` (`#/components/schemas/…`), as an
 * OpenAPI description's request bodies do; every property filled. Unchecked: nothing but the
 * server can say whether it is valid.
 */
export function exampleOfJsonSchema(schema: unknown, document: unknown): unknown {
  const resolve = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (isJson(node) ? node[part] : undefined), document);
  return exampleOf(schema, true, resolve);
}

/** The property names a schema's top level knows (for junk that uses the right keys). */
export function knownKeys(schema: z.ZodType): string[] {
  try {
    const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    return isJson(jsonSchema.properties) ? Object.keys(jsonSchema.properties) : [];
  } catch {
    return [];
  }
}

// -------------------------------------------------------------------------------------------
// Near-valid input: a valid example with exactly one thing broken

type Path = (string | number)[];

/** Every place in `value` one could break: each property and array element, at any depth. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const inner: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => inner.push(...pathsOf(item, [...path, index])));
  } else if (isJson(value)) {
    for (const [key, item] of Object.entries(value)) inner.push(...pathsOf(item, [...path, key]));
  }
  return [path, ...inner];
}

type Breakage =
  | { kind: 'replace'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'extra'; key: string; value: unknown };

/** A copy of `value` with the breakage applied at `path`; the example itself stays intact. */
function broken(value: unknown, path: Path, breakage: Breakage): unknown {
  const [head, ...rest] = path;
  if (head === undefined) {
    if (breakage.kind === 'replace') return breakage.value;
    if (breakage.kind === 'delete') return undefined;
    if (isJson(value)) return withOwnKey(value, breakage.key, breakage.value);
    if (Array.isArray(value)) return [...value, breakage.value];
    return { value, [breakage.key]: breakage.value };
  }
  if (Array.isArray(value) && typeof head === 'number') {
    if (rest.length === 0 && breakage.kind === 'delete') return value.filter((_, i) => i !== head);
    return value.map((item, i) => (i === head ? broken(item, rest, breakage) : item));
  }
  if (isJson(value) && typeof head === 'string') {
    if (rest.length === 0 && breakage.kind === 'delete') {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== head));
    }
    return withOwnKey(value, head, broken(value[head], rest, breakage));
  }
  return value;
}

const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  { arbitrary: junkValue.map((value): Breakage => ({ kind: 'replace', value })), weight: 6 },
  { arbitrary: fc.constant<Breakage>({ kind: 'delete' }), weight: 2 },
  {
    arbitrary: fc
      .record({
        key: fc.oneof(
          fc.string({ minLength: 1, maxLength: 10 }),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
          fc.constantFrom(...POLLUTING_KEYS, 'a\u0000b'),
        ),
        value: junkValue,
      })
      .map(({ key, value }): Breakage => ({ kind: 'extra', key, value })),
    weight: 2,
  },
);

/** Near-valid inputs: one of `examples` with one field replaced, removed, or one key too many. */
export function nearValid(examples: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .constantFrom(...examples)
    .chain((example) =>
      fc
        .tuple(fc.constantFrom(...pathsOf(example)), breakage)
        .map(([path, how]) => broken(example, path, how)),
    );
}
