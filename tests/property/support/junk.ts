import fc from 'fast-check';

/**
 * Values nobody should send, shared by the contract and the server properties: wrong types,
 * extremes, text the database or a parser might choke on, deep nesting and keys that would
 * pollute prototypes if merged carelessly.
 */

/** Keys that turn a careless `Object.assign` or `obj[key] = …` into prototype pollution. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Marks a polluted Object.prototype: a property no code of ours defines. */
export const POLLUTION_MARK = 'kvuePolluted';

/** An object with an own `key` (as JSON.parse makes it), never a prototype change here. */
export function withOwnKey(base: Record<string, unknown>, key: string, value: unknown) {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** `{ "__proto__": { "kvuePolluted": true } }` and its siblings, as a JSON body would bring them. */
export const pollutingObject: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    key: fc.constantFrom(...POLLUTING_KEYS),
    rest: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  })
  .map(({ key, rest }) =>
    withOwnKey(rest, key, { [POLLUTION_MARK]: true, prototype: { [POLLUTION_MARK]: true } }),
  );

/** Text that is valid JSON but hard on what stores or matches it. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u0041',
    '%00',
    '../../etc/passwd',
    '..\\..\\windows\\win.ini',
    "' OR 1=1 --",
    '"; DROP TABLE cases; --',
    '*',
    'NEAR(',
    '"unbalanced',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    '0000-01-01T00:00:00Z',
    '2026-02-30',
    '9'.repeat(400),
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
);

/** Numbers at and beyond every edge a schema might draw. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER - 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    2 ** 31,
    2 ** 63,
  ),
);

/**
 * `[[[…]]]` or `{"a":{"a":…}}` this deep: a recursive walker without a bound overflows its stack.
 * As values a few thousand levels at most, or JSON.stringify in the test overflows first; deeper
 * still as text, see `deepJsonText`.
 */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export const deepValue: fc.Arbitrary<unknown> = fc
  .record({
    depth: fc.constantFrom(50, 500, 1_500),
    kind: fc.constantFrom<'array' | 'object'>('array', 'object'),
  })
  .map(({ depth, kind }) => deeplyNested(depth, kind));

/** One value of any kind the contract's transports can carry (structured clone, not only JSON). */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: nastyString, weight: 3 },
  { arbitrary: nastyNumber, weight: 2 },
  { arbitrary: fc.constantFrom(undefined, null, true, false, [], {}), weight: 2 },
  { arbitrary: pollutingObject, weight: 1 },
  { arbitrary: deepValue, weight: 1 },
  {
    arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 1_000, maxLength: 3_000 }),
    weight: 1,
  },
);

/** Keys a schema might look for next to random ones. */
function keyOf(knownKeys: readonly string[]): fc.Arbitrary<string> {
  const known = knownKeys.length > 0 ? [fc.constantFrom(...knownKeys)] : [];
  return fc.oneof(
    ...known,
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    // A key PostgreSQL's jsonb cannot store, should any object reach it unfiltered.
    fc.constantFrom(...POLLUTING_KEYS, 'a\u0000b', '\u0000'),
  );
}

/** An object of random keys (some of them the ones the receiver knows) with junk values. */
export function junkObject(
  knownKeys: readonly string[] = [],
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .array(fc.tuple(keyOf(knownKeys), junkValue), { maxLength: 6 })
    .map((entries) =>
      entries.reduce<Record<string, unknown>>(
        (object, [key, value]) => withOwnKey(object, key, value),
        {},
      ),
    );
}

/** Any input at all for something that expects an object with `knownKeys`. */
export function junkInput(knownKeys: readonly string[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: junkValue, weight: 1 },
    { arbitrary: junkObject(knownKeys), weight: 2 },
  );
}

/** Object.prototype and Array.prototype have no own enumerable keys; pollution adds one. */
export function prototypesClean(): boolean {
  return (
    Object.keys(Object.prototype).length === 0 &&
    Object.keys(Array.prototype).length === 0 &&
    !(POLLUTION_MARK in {})
  );
}

/** JSON text nested far deeper than any value could be built: for parsers, not for schemas. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .record({ depth: fc.constantFrom(10_000, 100_000), open: fc.constantFrom('[', '{"a":') })
  .map(({ depth, open }) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);
