import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/shared/domain/case';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { buildWhere } from '../../../src/main/cases/queue-filter';
import { planSearch } from '../../../src/main/cases/search';
import { WALK_BUDGET, walkSearch } from '../../../src/main/cases/search-walk';
import { aCase, caseCalls, Feed, ME, NOW, type CaseCall } from './case-queue-fixtures';

/**
 * 8,000 cases: "Hauptstraße" is common (5,250, past what is cheap to list), "Ringweg" the
 * rest. By file number the first 2,400 cases are all on the Ringweg, so a walk in that order
 * meets no match for longer than its budget; by observation time the streets alternate.
 */
const TOTAL = 8000;
const RING = 2400;
const STATUSES = ['disputed', 'closed', 'awaiting_statement', 'open'] as const;

function seed(db: Db): CaseRecord[] {
  const feed = new Feed(db);
  const all: CaseRecord[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const onRing = i < RING || i % 16 === 0;
    all.push(
      aCase({
        fileNumber: `VW-2026-${String(i).padStart(7, '0')}`,
        street: onRing ? 'Ringweg' : 'Hauptstraße',
        observedAt: new Date(Date.UTC(2026, 9, 1) + ((i * 7919) % TOTAL) * 60_000).toISOString(),
        // Only a few cases await a statement: that view ends long before any budget.
        status: i % 400 === 3 ? 'awaiting_statement' : STATUSES[i % 2 === 0 ? 0 : 1],
      }),
    );
  }
  for (let at = 0; at < all.length; at += 1000) feed.upsert('case', ...all.slice(at, at + 1000));
  return all;
}

describe('queue pages searched for a common word', () => {
  let db: Db;
  let call: CaseCall;
  let all: CaseRecord[];
  beforeAll(() => {
    db = openDatabase(':memory:');
    all = seed(db);
    call = caseCalls(db);
  });
  afterAll(() => db.close());

  const onHaupt = (c: CaseRecord) => c.street === 'Hauptstraße';
  const ids = (cases: CaseRecord[]) => cases.map((c) => c.id);
  const byFile = (a: CaseRecord, b: CaseRecord) => a.fileNumber.localeCompare(b.fileNumber);
  const byObservedDesc = (a: CaseRecord, b: CaseRecord) =>
    b.observedAt.localeCompare(a.observedAt) || b.id.localeCompare(a.id);

  const page = async (input: Record<string, unknown>) =>
    (await call('cases.queue', { search: 'haupt', ...input })).rows.map((r) => r.id);

  it.each([
    ['all, newest first', {}, () => true, byObservedDesc, 0],
    [
      'disputed, newest first, page 3',
      { view: 'disputed' },
      (c: CaseRecord) => c.status === 'disputed',
      byObservedDesc,
      200,
    ],
    [
      'disputed by file number (the walk gives up; the view is checked against the matches)',
      { view: 'disputed', sort: { field: 'fileNumber', dir: 'asc' } },
      (c: CaseRecord) => c.status === 'disputed',
      byFile,
      0,
    ],
    [
      'all by file number (matches only after the budget)',
      { sort: { field: 'fileNumber', dir: 'asc' } },
      () => true,
      byFile,
      0,
    ],
    [
      'awaiting a statement (a short view)',
      { view: 'awaiting_statement' },
      (c: CaseRecord) => c.status === 'awaiting_statement',
      byObservedDesc,
      0,
    ],
  ] as const)(
    '%s: exactly the matching cases in order',
    async (_, input, inView, order, offset) => {
      const expected = ids(all.filter((c) => inView(c) && onHaupt(c)).sort(order)).slice(
        offset,
        offset + 100,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await page({ view: 'all', ...input, offset, limit: 100 })).toEqual(expected);
    },
  );

  const walk = (sort: string, need: number) => {
    const filter = { view: 'all' as const, search: 'haupt' };
    const where = buildWhere(filter, { now: NOW, me: ME }, { withoutSearch: true });
    const search = planSearch(filter.search);
    if (search.kind !== 'fts') throw new Error('expected a word search');
    return walkSearch(db, where, sort, search.query, need);
  };

  it('walks where matches are dense, checking each case (never every match at once)', () => {
    const found = walk('c.observed_at DESC, c.id DESC', 100);
    const expected = all.filter(onHaupt).sort(byObservedDesc).slice(0, 100);
    const rowids = db
      .prepare('SELECT rowid FROM cases WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(ids(expected)));
    expect(found).toHaveLength(100);
    expect(new Set(found)).toEqual(new Set(rowids));
  });

  it('gives up when the walked order holds no match within the budget', () => {
    expect(RING).toBeGreaterThan(WALK_BUDGET);
    expect(walk('c.file_number ASC, c.id ASC', 100)).toBeNull();
  });
});
