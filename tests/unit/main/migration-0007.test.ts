import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseToRow } from '../../../src/main/cases/rows';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { aCase } from './case-queue-fixtures';

describe('migration 0007: the deadline column', () => {
  it('fills heard_at and the deadline of the cases already there, and indexes the deadline', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 6));
    const heard = aCase({ observedAt: '2026-01-31T10:00:00.000Z' });
    const quiet = aCase({ observedAt: '2026-01-31T10:00:00.000Z' });
    for (const kase of [heard, quiet]) {
      const row = { ...caseToRow(kase), sync_gen: 0 };
      const names = Object.keys(row);
      db.prepare(
        `INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n)})`,
      ).run(row);
    }
    const dispute = db.prepare(
      `INSERT INTO disputes (id, case_id, received_at, channel, statement, recorded_by,
         recorded_at) VALUES (?, ?, ?, 'letter', 'x', 'c', 'x')`,
    );
    dispute.run('d2', heard.id, '2026-03-20T09:00:00.000Z');
    dispute.run('d1', heard.id, '2026-03-10T09:00:00.000Z');

    migrate(db, MIGRATIONS.slice(0, 7));
    expect(schemaVersion(db)).toBe(7);
    const read = db.prepare('SELECT heard_at, deadline FROM cases WHERE id = ?');
    expect(read.get(heard.id)).toEqual({
      heard_at: '2026-03-10T09:00:00.000Z',
      deadline: '2026-06-10',
    });
    // 31 January + 3 months: the last day of April.
    expect(read.get(quiet.id)).toEqual({ heard_at: null, deadline: '2026-04-30' });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status = 'disputed'
          AND deadline >= '2026-01-01' AND deadline < '2026-01-15' ORDER BY deadline`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('cases_status_deadline');
    db.close();
  });
});
