import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casesListInputSchema } from '../../../src/shared/contract';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { listCases } from '../../../src/main/cases/list';
import { countCases, createPageApplier, readCheckpoint } from '../../../src/main/sync/apply';
import { makeCase } from '../../support/cases';

describe('applying feed pages', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('stores the page and its cursor together', () => {
    const apply = createPageApplier(db);
    const a = makeCase({ plate: 'M-XY 1' });
    const b = makeCase({ plate: 'M-XY 2' });
    apply(
      [
        { kind: 'change', cursor: 1, entity: 'case', op: 'upsert', data: a },
        { kind: 'change', cursor: 2, entity: 'case', op: 'upsert', data: b },
      ],
      2,
      '2026-11-27T10:00:00.000Z',
    );
    expect(countCases(db)).toBe(2);
    expect(readCheckpoint(db)).toMatchObject({
      cursor: 2,
      lastSyncedAt: '2026-11-27T10:00:00.000Z',
    });
  });

  it('applies nothing, not even the cursor, when a row in the page fails', () => {
    const apply = createPageApplier(db);
    const good = makeCase();
    const bad = { ...makeCase(), plate: null as unknown as string };
    expect(() =>
      apply(
        [
          { kind: 'change', cursor: 1, entity: 'case', op: 'upsert', data: good },
          { kind: 'change', cursor: 2, entity: 'case', op: 'upsert', data: bad },
        ],
        2,
        '2026-11-27T10:00:00.000Z',
      ),
    ).toThrow();
    expect(countCases(db)).toBe(0);
    expect(readCheckpoint(db).cursor).toBe(0);
  });

  it('keeps the newer version when an older page is replayed, and applies deletes', () => {
    const apply = createPageApplier(db);
    const v1 = makeCase({ status: 'open', version: 1 });
    const v2 = { ...v1, status: 'disputed' as const, version: 2 };
    apply([{ kind: 'change', cursor: 5, entity: 'case', op: 'upsert', data: v2 }], 5, 'x');
    apply([{ kind: 'change', cursor: 3, entity: 'case', op: 'upsert', data: v1 }], 3, 'x');
    expect(db.prepare('SELECT status, version FROM cases').get()).toEqual({
      status: 'disputed',
      version: 2,
    });
    expect(readCheckpoint(db).cursor).toBe(5);

    apply([{ kind: 'change', cursor: 6, entity: 'case', op: 'delete', id: v1.id }], 6, 'x');
    expect(countCases(db)).toBe(0);
  });

  it('lists cases sorted, filtered and paged, with a stable total', () => {
    const apply = createPageApplier(db);
    const changes = Array.from({ length: 30 }, (_, i) =>
      makeCase({
        plate: `M-T ${i}`,
        fineCents: 1000 + i,
        status: i % 3 === 0 ? 'disputed' : 'open',
        // Mixed offsets: the list must sort by the instant, not the text.
        observedAt: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString().replace('Z', '+00:00'),
      }),
    ).map((data, i) => ({
      kind: 'change' as const,
      cursor: i + 1,
      entity: 'case' as const,
      op: 'upsert' as const,
      data,
    }));
    apply(changes, 30, 'x');

    const page = listCases(
      db,
      casesListInputSchema.parse({
        offset: 5,
        limit: 5,
        sort: { field: 'fineCents', dir: 'desc' },
      }),
    );
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.fineCents)).toEqual([1024, 1023, 1022, 1021, 1020]);

    const disputed = listCases(
      db,
      casesListInputSchema.parse({ offset: 0, limit: 50, status: ['disputed'] }),
    );
    expect(disputed.total).toBe(10);
    expect(disputed.rows.every((r) => r.status === 'disputed')).toBe(true);
    expect(disputed.rows[0]?.plate).toBe('M-T 27');
  });
});
