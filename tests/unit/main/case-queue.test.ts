import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls } from '../../../src/shared/contract';
import { QUEUE_TOTAL_CAP, type QueueFilter } from '../../../src/shared/contract/case-calls';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { buildWhere } from '../../../src/main/cases/queue-filter';
import { aCase, caseCalls, Feed, ME, NOW, type CaseCall } from './case-queue-fixtures';
import { seedQueue } from './case-queue-data';

type Seeded = ReturnType<typeof seedQueue>;
type Key = keyof Seeded['cases'];

describe('cases.queue', () => {
  let db: Db;
  let call: CaseCall;
  let seeded: Seeded;
  beforeEach(() => {
    db = openDatabase(':memory:');
    seeded = seedQueue(db);
    call = caseCalls(db);
  });
  afterEach(() => db.close());

  const keyOf = (id: string): Key => {
    const entry = Object.entries(seeded.cases).find(([, c]) => c.id === id);
    if (!entry) throw new Error(`unknown case ${id}`);
    return entry[0] as Key;
  };
  /** The queue's rows as fixture letters, in queue order. */
  const letters = async (input: QueueFilter & Record<string, unknown>) =>
    (await call('cases.queue', { limit: 500, ...input })).rows.map((r) => keyOf(r.id));
  const sorted = async (input: QueueFilter) => (await letters(input)).sort();

  it.each([
    ['disputed', ['A', 'B', 'C', 'F', 'G']],
    ['all', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']],
    ['mine', ['A']],
    ['unassigned', ['C', 'F', 'G']],
    ['due_soon', ['D', 'G']],
    ['awaiting_statement', ['D']],
    ['conflicts', ['B']],
  ] as const)('view %s', async (view, expected) => {
    expect(await sorted({ view })).toEqual(expected);
  });

  it('defaults to the disputed view, newest first', async () => {
    expect(await letters({})).toEqual(['A', 'B', 'C', 'G', 'F']);
  });

  it('has an empty "mine" before the first login', async () => {
    const anonymous = caseCalls(db, null);
    expect((await anonymous('cases.queue', { view: 'mine' })).rows).toEqual([]);
  });

  it('fills each row: deadline, days left, claim, pending', async () => {
    const page = await call('cases.queue', { view: 'all', sort: { field: 'plate', dir: 'asc' } });
    const row = (k: Key) => page.rows.find((r) => r.id === seeded.cases[k].id);
    // A: offence 1 Nov, heard 5 Nov → 5 Feb 2027; B: 15 Oct → 15 Jan.
    expect(row('A')).toMatchObject({ deadline: '2027-02-05', daysLeft: 77, pending: true });
    expect(row('A')?.claim).toMatchObject({
      clerkId: 'clerk-me',
      clerkName: 'Erika Muster',
      mine: true,
    });
    expect(row('B')).toMatchObject({ deadline: '2027-01-15', pending: false });
    expect(row('B')?.claim).toMatchObject({ clerkName: 'Max Beispiel', mine: false });
    expect(row('C')?.claim).toBeNull();
    expect(row('D')).toMatchObject({ deadline: '2026-11-25', daysLeft: 5 });
    expect(row('F')).toMatchObject({ deadline: '2026-10-15', daysLeft: -36 });
    expect(row('G')).toMatchObject({ deadline: '2026-11-30', daysLeft: 10 });
    expect(page.total).toBeNull();
  });

  it.each<[string, QueueFilter, Key[]]>([
    ['status', { status: ['decided', 'open'] }, ['E', 'H']],
    ['district', { district: [1, 2] }, ['B', 'C']],
    ['officer', { officerId: 'officer-1' }, ['A']],
    ['offence', { offenceCode: '112402' }, ['A']],
    ['observed from', { observedFrom: '2026-10-15' }, ['A', 'B', 'H']],
    ['observed to (inclusive)', { observedTo: '2026-06-01' }, ['E', 'F']],
    ['observed range', { observedFrom: '2026-08-20', observedTo: '2026-09-10' }, ['C', 'D', 'G']],
    ['fine min', { fineMin: 5500 }, ['D', 'G']],
    ['fine max', { fineMax: 1500 }, ['C', 'F']],
    ['fine range', { fineMin: 2000, fineMax: 2500 }, ['A', 'E']],
    ['several at once', { status: ['disputed'], district: [9], fineMin: 5000 }, ['G']],
  ])('filter: %s', async (_, filter, expected) => {
    expect(await sorted({ view: 'all', ...filter })).toEqual(expected);
  });

  it('narrows a saved view with filters', async () => {
    expect(await sorted({ view: 'unassigned', fineMax: 2000 })).toEqual(['C', 'F']);
  });

  it.each<[string, string, Key[]]>([
    ['a plate fragment', 'M-AB', ['A', 'B', 'E']],
    ['the digits of a plate', '1234', ['A', 'E']],
    ['a lower-case plate fragment', 'b-xy', ['C']],
    ['a plate with its space', 'AB 56', ['B']],
    ['a street fragment', 'leopold', ['A']],
    ['street and house number', 'Sendlinger Straße 3', ['B']],
    ['a word with ß, inside words too', 'straße', ['A', 'B', 'C', 'D', 'E', 'F', 'H']],
    ['a word of a statement', 'verdeckt', ['A']],
    ['a name with an umlaut', 'Müller', ['A']],
    ['the umlaut left out', 'Muller', ['A']],
    ['two words, both required', 'Müller Leopold', ['A']],
    ['two words, one missing', 'Müller Sendlinger', []],
    ['one letter: a plate prefix', 'm', ['A', 'B', 'E']],
    ['two letters: a plate prefix', 'RO', ['G']],
  ])('search: %s', async (_, search, expected) => {
    expect(await sorted({ view: 'all', search })).toEqual(expected);
  });

  it('search: a file number, whole or its tail', async () => {
    const { fileNumber } = seeded.cases.D;
    expect(await sorted({ view: 'all', search: fileNumber })).toEqual(['D']);
    expect(await sorted({ view: 'all', search: fileNumber.slice(-6) })).toEqual(['D']);
  });

  it.each([
    '"',
    '""',
    '*',
    'M-AB*',
    'NEAR(',
    'NEAR(a b)',
    'AND',
    'OR NOT',
    'a"b',
    '(',
    ')',
    'plate:M',
    '^M',
    "'; DROP TABLE cases; --",
    '\\',
    '   ',
    '🚗🚗🚗',
  ])('search text %j is taken literally, never as syntax', async (search) => {
    await expect(call('cases.queue', { view: 'all', search })).resolves.toMatchObject({
      offset: 0,
    });
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(8);
  });

  it('finds a plate typed with a star literally only', async () => {
    expect(await sorted({ view: 'all', search: 'M-AB*' })).toEqual([]);
  });

  it.each([
    ['observedAt', 'asc', ['F', 'E', 'D', 'G', 'C', 'B', 'A', 'H']],
    ['fineCents', 'desc', ['G', 'D', 'B', 'H', 'A', 'E', 'F', 'C']],
    // E 1 Sep, F 15 Oct (heard 15 Jul), D 25 Nov, G 30 Nov, C 10 Dec, B 15 Jan, A 5 Feb (heard
    // 5 Nov), H 19 Feb.
    ['deadline', 'asc', ['E', 'F', 'D', 'G', 'C', 'B', 'A', 'H']],
  ] as const)('sorts by %s %s', async (field, dir, expected) => {
    expect(await letters({ view: 'all', sort: { field, dir } })).toEqual(expected);
  });

  it.each([
    'observedAt',
    'fileNumber',
    'plate',
    'fineCents',
    'district',
    'status',
    'deadline',
  ] as const)(
    'pages stably by %s: small pages add up to the whole list, ties broken by id',
    async (field) => {
      for (const dir of ['asc', 'desc'] as const) {
        const whole = await letters({ view: 'all', sort: { field, dir } });
        const paged: Key[] = [];
        for (let offset = 0; offset < 8; offset += 3) {
          paged.push(...(await letters({ view: 'all', sort: { field, dir }, offset, limit: 3 })));
        }
        expect(paged).toEqual(whole);
        expect(new Set(paged).size).toBe(8);
      }
    },
  );

  it('counts the filtered total when asked, or through cases.queueTotal', async () => {
    const filter = { view: 'all', search: 'M-AB', limit: 1 } as const;
    expect(await call('cases.queue', filter)).toMatchObject({ total: null, totalExact: null });
    const asked = await call('cases.queue', { ...filter, offset: 2, withTotal: true });
    expect(asked).toMatchObject({ total: 3, totalExact: true, offset: 2 });
    expect(asked.rows).toHaveLength(1);
    expect(await call('cases.queueTotal', { view: 'all', search: 'M-AB' })).toEqual({
      total: 3,
      totalExact: true,
    });
    expect(await call('cases.queueTotal', {})).toEqual({ total: 5, totalExact: true });
    expect(calls['cases.queueTotal'].input.safeParse({ limit: 3 }).success).toBe(false);
  });

  it.each<QueueFilter>([
    { view: 'all', search: 'straße' },
    { view: 'mine', search: 'Müller' },
    { view: 'all', search: 'M-AB 12' },
    { view: 'all', observedFrom: '2026-09-01', fineMin: 2000, fineMax: 5500 },
    { view: 'disputed', observedTo: '2026-10-15', search: 'M-AB' },
  ])('selects the same cases whether a range counts as broad and words as common: %j', (filter) => {
    const ctx = { now: NOW, me: ME };
    const parsed = calls['cases.queue'].input.parse(filter);
    const ids = (broad: boolean) => {
      const where = buildWhere(parsed, ctx, { isBroad: () => broad, searchAsCheck: broad });
      return db
        .prepare(`SELECT c.id FROM cases c WHERE ${where.sql} ORDER BY c.id`)
        .pluck()
        .all(...where.params);
    };
    expect(ids(true)).toEqual(ids(false));
    expect(ids(true).length).toBeGreaterThan(0);
  });

  it('pages the same with a broad range hidden from the planner or not', async () => {
    const filter = { view: 'all', observedFrom: '2026-01-01', fineMin: 1000, limit: 3 } as const;
    for (const field of ['plate', 'fineCents', 'observedAt'] as const) {
      const whole = await letters({ ...filter, limit: 500, sort: { field, dir: 'asc' } });
      const paged: Key[] = [];
      for (let offset = 0; offset < whole.length; offset += 3) {
        paged.push(...(await letters({ ...filter, offset, sort: { field, dir: 'asc' } })));
      }
      expect(paged).toEqual(whole);
    }
  });

  it('rejects bad input at the schema', () => {
    const schema = calls['cases.queue'].input;
    for (const bad of [
      { view: 'everything' },
      { limit: 501 },
      { limit: 0 },
      { offset: -1 },
      { sort: { field: 'officer_id', dir: 'asc' } },
      { sort: { field: 'plate', dir: 'up' } },
      { status: ['lost'] },
      { district: [26] },
      { observedFrom: '2026-13-01' },
      { observedTo: '20.11.2026' },
      { fineMin: -1 },
      { search: 'x'.repeat(201) },
      { unknown: 1 },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(schema.parse({})).toMatchObject({
      view: 'disputed',
      offset: 0,
      limit: 100,
      sort: { field: 'observedAt', dir: 'desc' },
    });
  });
});

describe('cases.queueCounts', () => {
  it('counts every saved view', async () => {
    const db = openDatabase(':memory:');
    seedQueue(db);
    const counts = await caseCalls(db)('cases.queueCounts', {});
    expect(counts).toEqual({
      counts: {
        disputed: 5,
        all: 8,
        mine: 1,
        unassigned: 3,
        due_soon: 2,
        awaiting_statement: 1,
        conflicts: 1,
      },
      capped: [],
    });
    db.close();
  });
});

describe('totals past the cap', () => {
  it('stop at QUEUE_TOTAL_CAP and say so', async () => {
    const db = openDatabase(':memory:');
    const feed = new Feed(db);
    feed.upsert(
      'case',
      ...Array.from({ length: QUEUE_TOTAL_CAP + 1 }, () => aCase({ status: 'disputed' })),
    );
    const call = caseCalls(db);
    expect(await call('cases.queueTotal', {})).toEqual({
      total: QUEUE_TOTAL_CAP,
      totalExact: false,
    });
    const counts = await call('cases.queueCounts', {});
    expect(counts.counts.disputed).toBe(QUEUE_TOTAL_CAP);
    expect(counts.capped).toEqual(['disputed', 'all', 'unassigned']);
    db.close();
  }, 30_000);
});
