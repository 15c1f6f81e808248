import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  beginBulkLoad,
  finishBulkLoad,
  isBulkLoading,
  mergeSearch,
} from '../../../src/main/db/bulk-load';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { countCases, createPageApplier } from '../../../src/main/sync/apply';
import type { CaseRecord } from '../../../src/shared/domain/case';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { makeCase } from '../../support/cases';

let cursor = 0;
const caseLine = (data: CaseRecord): FeedChange => ({
  kind: 'change',
  cursor: ++cursor,
  entity: 'case',
  op: 'upsert',
  data,
});
const disputeLine = (caseId: string, statement: string, receivedAt: string): FeedChange => ({
  kind: 'change',
  cursor: ++cursor,
  entity: 'dispute',
  op: 'upsert',
  data: {
    id: randomUUID(),
    caseId,
    receivedAt,
    channel: 'letter',
    statement,
    recordedBy: 'clerk-1',
    recordedAt: receivedAt,
  },
});

/**
 * A feed with what the derived data depends on: cases, a dispute that comes before its case and
 * one after, and a case changed again later in the feed (as when it changes during the sync).
 */
function feed(): FeedChange[][] {
  const early = makeCase({ plate: 'M-QX 4711', status: 'disputed', street: 'Leopoldstraße' });
  const late = makeCase({ plate: 'B-ZZ 99', status: 'disputed', street: 'Ungererstraße' });
  const changed = makeCase({ plate: 'RO-K 12', version: 1 });
  const pages: FeedChange[][] = [
    [disputeLine(early.id, 'Das Schild war verdeckt.', '2026-10-02T08:00:00.000Z')],
    [caseLine(early), caseLine(late), caseLine(changed)],
    Array.from({ length: 200 }, (_, i) => caseLine(makeCase({ plate: `M-BL ${1000 + i}` }))),
    [disputeLine(late.id, 'Ich war nur kurz beim Bäcker.', '2026-10-05T09:30:00.000Z')],
    [caseLine({ ...changed, plate: 'RO-K 13', status: 'closed', version: 2 })],
  ];
  return pages;
}

function applyAll(db: Db, pages: FeedChange[][]): void {
  const apply = createPageApplier(db);
  for (const page of pages) apply(page, page.at(-1)?.cursor ?? 0, '2026-11-01T00:00:00.000Z');
}

/** The schema without the planner's statistics, which only the bulk load gathers. */
const schema = (db: Db) =>
  db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_stat%' ORDER BY name`,
    )
    .all();
/** Indexes of cases the planner has statistics for, and the cases they counted. */
const statistics = (db: Db) =>
  db
    .prepare(
      `SELECT idx, CAST(stat AS INTEGER) AS counted FROM sqlite_stat1
        WHERE tbl = 'cases' ORDER BY idx`,
    )
    .all();
const cases = (db: Db) =>
  db.prepare('SELECT id, plate, status, heard_at, deadline FROM cases ORDER BY id').all();
const search = (db: Db, text: string) =>
  db
    .prepare(
      `SELECT c.plate FROM case_search s JOIN cases c ON c.rowid = s.rowid
        WHERE case_search MATCH ? ORDER BY c.plate`,
    )
    .pluck()
    .all(`"${text}"`);
const counts = (db: Db) =>
  db.prepare('SELECT status, n FROM case_counts WHERE n > 0 ORDER BY status').all();

describe('the bulk load of an initial sync', () => {
  let dir: string;
  let reference: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kvue-bulk-'));
    reference = openDatabase(':memory:');
  });
  afterEach(() => {
    reference.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parks the derived indexes and triggers of cases, keeping the default list order', () => {
    const db = openDatabase(':memory:');
    const parked = beginBulkLoad(db);
    const names = (db.prepare(`SELECT name FROM sqlite_master`).pluck().all() as string[]).sort();
    expect(parked).toBeGreaterThan(10);
    expect(isBulkLoading(db)).toBe(true);
    expect(names).toContain('cases_observed_at');
    expect(names).toContain('case_counts_insert');
    expect(names).toContain('cases_keep_pending_decision');
    expect(names).toContain('case_search_dispute_insert');
    expect(names).not.toContain('cases_status_deadline');
    expect(names).not.toContain('case_search_case_insert');
    expect(names).not.toContain('case_heard_case_insert');
    db.close();
  });

  it('ends with the same schema, rows, counts and search as a load with everything live', () => {
    const pages = feed();
    applyAll(reference, pages);
    const db = openDatabase(':memory:');
    beginBulkLoad(db);
    applyAll(db, pages);
    // The list and its counts answer during the load.
    expect(countCases(db)).toBe(203);
    finishBulkLoad(db);

    expect(isBulkLoading(db)).toBe(false);
    expect(schema(db)).toEqual(schema(reference));
    expect(cases(db)).toEqual(cases(reference));
    expect(counts(db)).toEqual(counts(reference));
    // The planner knows the sizes: every index of cases counted in full.
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'`)
      .pluck()
      .all();
    expect(statistics(db)).toEqual(
      [...(indexes as string[])].sort().map((idx) => ({ idx, counted: 203 })),
    );
    for (const text of ['QX 47', 'Bäcker', 'verdeckt', 'RO-K 13', 'Ungerer', 'M-BL 10']) {
      expect(search(db, text), text).toEqual(search(reference, text));
    }
    expect(search(db, 'verdeckt')).toEqual(['M-QX 4711']);
    expect(search(db, 'RO-K 12')).toEqual([]);
    // The dispute came before its case: the deadline counts from its receipt all the same.
    const early = db.prepare(`SELECT heard_at FROM cases WHERE plate = 'M-QX 4711'`).pluck().get();
    expect(early).toBe('2026-10-02T08:00:00.000Z');
    db.close();
  });

  // 13 indexes, the triggers, the search refill, its merge, then the statistics.
  it.each([1, 5, 13, 14, 15, 16])(
    'resumes after a crash at step %i of building, with nothing lost or doubled',
    (crashAt) => {
      const pages = feed();
      applyAll(reference, pages);
      const path = join(dir, `crash-${crashAt}.sqlite`);
      const db = openDatabase(path);
      beginBulkLoad(db);
      applyAll(db, pages);
      let steps = 0;
      expect(() =>
        finishBulkLoad(db, () => {
          if (++steps === crashAt) throw new Error('power cut');
        }),
      ).toThrow('power cut');
      db.close();

      const again = openDatabase(path);
      expect(isBulkLoading(again)).toBe(true);
      finishBulkLoad(again);
      expect(isBulkLoading(again)).toBe(false);
      expect(schema(again)).toEqual(schema(reference));
      expect(search(again, 'verdeckt')).toEqual(['M-QX 4711']);
      expect(search(again, 'M-BL 1')).toHaveLength(200);
      again.close();
    },
  );

  it('merges the search index left in many segments into one, finding the same cases', () => {
    const db = openDatabase(':memory:');
    // One segment per committed page: the index a refill in chunks or a live sync leaves.
    applyAll(db, feed());
    applyAll(db, [
      Array.from({ length: 50 }, (_, i) => caseLine(makeCase({ plate: `M-BL ${i}` }))),
    ]);
    const before = ['verdeckt', 'M-BL 1', 'Bäcker'].map((text) => search(db, text));
    expect(mergeSearch(db)).toBeGreaterThan(1);
    // Merged: one more step finds nothing to do.
    expect(mergeSearch(db)).toBe(1);
    expect(['verdeckt', 'M-BL 1', 'Bäcker'].map((text) => search(db, text))).toEqual(before);
    expect(before[1]).toHaveLength(211);
    db.close();
  });

  it('builds what is parked before a newer migration runs', () => {
    const path = join(dir, 'upgrade.sqlite');
    const db = openDatabase(path);
    beginBulkLoad(db);
    applyAll(db, feed());
    db.close();

    const raw = openDatabase(path);
    // A later version that changes a parked index: it must exist when the migration runs.
    const next = {
      version: MIGRATIONS.length + 1,
      name: 'plate-nocase',
      sql: `DROP INDEX cases_plate; CREATE INDEX cases_plate ON cases (plate COLLATE NOCASE, id);`,
    };
    expect(migrate(raw, [...MIGRATIONS, next])).toBe(MIGRATIONS.length + 1);
    expect(isBulkLoading(raw)).toBe(false);
    expect(search(raw, 'Bäcker')).toEqual(['B-ZZ 99']);
    raw.close();
  });
});
