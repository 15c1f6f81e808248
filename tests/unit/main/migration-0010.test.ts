import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseToRow } from '../../../src/main/cases/rows';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { aCase } from './case-queue-fixtures';

const columns = (db: Database.Database, index: string) =>
  db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).pluck().all(index) as string[];
const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');

describe('migration 0010: the officer and offence filters within a status', () => {
  it('rebuilds both indexes with the status second, keeping the cases', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 9));
    const kase = aCase({ officerId: 'officer-7', offenceCode: '112407' });
    const row = { ...caseToRow(kase), sync_gen: 0 };
    const names = Object.keys(row);
    db.prepare(`INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n)})`).run(
      row,
    );

    migrate(db, MIGRATIONS.slice(0, 10));
    expect(schemaVersion(db)).toBe(10);
    expect(columns(db, 'cases_officer')).toEqual(['officer_id', 'status', 'observed_at', 'id']);
    expect(columns(db, 'cases_offence')).toEqual(['offence_code', 'status', 'observed_at', 'id']);
    expect(db.prepare('SELECT id FROM cases').pluck().all()).toEqual([kase.id]);
    // A view's status and an officer: seeks on both, no case looked up only to be dropped.
    expect(
      plan(
        db,
        `SELECT id FROM cases WHERE officer_id = 'officer-7'
          AND status IN ('disputed', 'awaiting_statement') ORDER BY observed_at DESC`,
      ),
    ).toMatch(/cases_officer \(officer_id=\? AND status=\?\)/);
    db.close();
  });
});
