import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casesListInputSchema } from '../../../src/shared/contract';
import type { CaseRecord } from '../../../src/shared/domain/case';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { listCases } from '../../../src/main/cases/list';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { caseToRow } from '../../../src/main/cases/rows';
import { countCases, createPageApplier } from '../../../src/main/sync/apply';
import { makeCase } from '../../support/cases';

const upsert = (cursor: number, data: CaseRecord): FeedChange => ({
  kind: 'change',
  cursor,
  entity: 'case',
  op: 'upsert',
  data,
});

/** What the counts must equal: count(*) per status. */
const counted = (db: Db) =>
  Object.fromEntries(
    (
      db.prepare('SELECT status, count(*) AS n FROM cases GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((row) => [row.status, row.n]),
  );
const kept = (db: Db) =>
  Object.fromEntries(
    (
      db.prepare('SELECT status, n FROM case_counts WHERE n > 0').all() as {
        status: string;
        n: number;
      }[]
    ).map((row) => [row.status, row.n]),
  );

describe('case counts kept by triggers', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('follow inserts, replays, status changes and deletes from the feed', () => {
    const apply = createPageApplier(db);
    const a = makeCase({ status: 'disputed', version: 1 });
    const b = makeCase({ status: 'open', version: 1 });
    const c = makeCase({ status: 'open', version: 1 });
    apply([upsert(1, a), upsert(2, b), upsert(3, c)], 3, 'now');
    expect(kept(db)).toEqual({ disputed: 1, open: 2 });
    // A replay of the same version, an older one, and a decision moving a case on.
    apply([upsert(4, b), upsert(5, { ...a, version: 0, status: 'closed' })], 5, 'now');
    apply([upsert(6, { ...a, version: 2, status: 'withdrawn' })], 6, 'now');
    expect(kept(db)).toEqual({ withdrawn: 1, open: 2 });
    db.prepare('DELETE FROM cases WHERE id = ?').run(c.id);
    expect(kept(db)).toEqual(counted(db));
    expect(countCases(db)).toBe(2);
  });

  it('give the list its totals, per status filter', () => {
    const apply = createPageApplier(db);
    apply(
      [
        upsert(1, makeCase({ status: 'disputed' })),
        upsert(2, makeCase({ status: 'disputed' })),
        upsert(3, makeCase({ status: 'open' })),
      ],
      3,
      'now',
    );
    const page = (status?: ('disputed' | 'open' | 'closed')[]) =>
      listCases(
        db,
        casesListInputSchema.parse({ offset: 0, limit: 10, ...(status ? { status } : {}) }),
      );
    expect(page().total).toBe(3);
    expect(page(['disputed']).total).toBe(2);
    expect(page(['disputed', 'open']).total).toBe(3);
    expect(page(['closed'])).toMatchObject({ total: 0, rows: [] });
  });

  it('start from the cases already there when the migration runs', () => {
    const raw = new Database(':memory:');
    migrate(raw, MIGRATIONS.slice(0, 7));
    for (const status of ['open', 'open', 'decided'] as const) {
      const row = caseToRow(makeCase({ status }));
      const names = Object.keys(row);
      raw
        .prepare(
          `INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`,
        )
        .run(row);
    }
    migrate(raw, MIGRATIONS.slice(0, 8));
    expect(kept(raw as Db)).toEqual({ open: 2, decided: 1 });
    raw.close();
  });
});
