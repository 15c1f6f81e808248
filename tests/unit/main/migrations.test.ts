import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate, schemaVersion, SchemaTooNewError } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { FEED_TABLES } from '../../../src/main/db/feed-tables';
import { caseToRow } from '../../../src/main/cases/rows';
import { FEED_ENTITIES } from '../../../src/shared/sync/feed';
import { makeCase } from '../../support/cases';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

const primaryKey = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[])
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);

/** Each explicit index of a table as its comma-joined columns. */
const indexedBy = (db: Database.Database, table: string) =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
      )
      .all(table) as { name: string }[]
  ).map(({ name }) =>
    (db.prepare(`PRAGMA index_info(${name})`).all() as { name: string }[])
      .map((c) => c.name)
      .join(','),
  );

/** Feed entities whose table a later migration added, with that migration's version. */
const LATER_TABLES: Partial<Record<string, number>> = { dispatch: 12 };
/** Columns later migrations added to the tables of 0002 (0012: a message's dispatch). */
const LATER_COLUMNS: Partial<Record<string, readonly string[]>> = {
  messages: ['dispatch_id', 'reminded_at'],
};

describe('console database migrations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('numbers migrations consecutively from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('0001 creates the sync checkpoint at cursor 0 and the cases table', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT cursor, last_synced_at FROM sync_state').all()).toEqual([
      { cursor: 0, last_synced_at: null },
    ]);
    expect(columns(db, 'cases')).toEqual(
      expect.arrayContaining(['id', 'file_number', 'plate', 'observed_at', 'status', 'version']),
    );
    db.close();
  });

  it('0002 adds a table per feed entity and resets the cursor of an existing database', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const kase = makeCase();
    // A console that synced cases only, and whose cursor passed every other entity's rows.
    const row = caseToRow(kase);
    const names = Object.keys(row);
    db.prepare(
      `INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`,
    ).run(row);
    db.prepare('UPDATE sync_state SET cursor = 42, last_synced_at = ?').run(
      '2026-11-27T10:00:00.000Z',
    );

    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    // The feed is read again from the start; what was stored stays until the replay passes it.
    expect(db.prepare('SELECT cursor, last_synced_at FROM sync_state').all()).toEqual([
      { cursor: 0, last_synced_at: '2026-11-27T10:00:00.000Z' },
    ]);
    expect(db.prepare('SELECT id FROM cases').all()).toEqual([{ id: kase.id }]);

    for (const entity of FEED_ENTITIES.filter((e) => !(e in LATER_TABLES))) {
      const spec = FEED_TABLES[entity];
      const later = LATER_COLUMNS[spec.table] ?? [];
      expect(columns(db, spec.table), spec.table).toEqual(
        spec.columns.filter((c) => !later.includes(c)),
      );
      expect(primaryKey(db, spec.table), spec.table).toEqual([...spec.key]);
    }
    for (const table of ['photos', 'disputes', 'decisions', 'case_events']) {
      expect(
        indexedBy(db, table).some((cols) => cols.startsWith('case_id,')),
        table,
      ).toBe(true);
    }
    expect(indexedBy(db, 'members')).toContain('user_id,conversation_id');
    // The reads the console will make use an index, and need no sorting step.
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(
      plan('SELECT * FROM messages WHERE conversation_id = ? ORDER BY sent_at DESC, id DESC'),
    ).toMatch(/USING INDEX messages_conversation(?!.*TEMP B-TREE)/);
    expect(plan('SELECT * FROM messages WHERE case_id = ? ORDER BY sent_at')).toMatch(
      /USING INDEX messages_case(?!.*TEMP B-TREE)/,
    );
    expect(plan('SELECT * FROM receipts WHERE message_id = ?')).toMatch(/USING INDEX/);
    expect(plan('SELECT * FROM case_events WHERE case_id = ? ORDER BY at, id')).toMatch(
      /USING INDEX case_events_case(?!.*TEMP B-TREE)/,
    );
    db.close();
  });

  it('ends with a table per feed entity holding its columns and key, and sync_gen', () => {
    const db = new Database(':memory:');
    migrate(db);
    for (const entity of FEED_ENTITIES) {
      const spec = FEED_TABLES[entity];
      // Cases also carry what the console derives (search, deadline); the rest only the feed's.
      expect(columns(db, spec.table), spec.table).toEqual(
        expect.arrayContaining([...spec.columns, 'sync_gen']),
      );
      expect(primaryKey(db, spec.table), spec.table).toEqual([...spec.key]);
    }
    for (const entity of ['message', 'dispatch'] as const) {
      const { table, columns: mapped } = FEED_TABLES[entity];
      expect(columns(db, table).filter((c) => c !== 'sync_gen')).toEqual([...mapped]);
    }
    db.close();
  });

  it('opens a file in WAL mode with foreign keys on, and reopening changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvue-db-'));
    dirs.push(dir);
    const path = join(dir, 'console.sqlite');
    const first = openDatabase(path);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    first.prepare('UPDATE sync_state SET cursor = 42').run();
    first.close();

    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    expect(again.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: 42 });
    again.close();
  });

  it('0005 marks every synced row as the first generation and keeps cursor and rows', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    const row = caseToRow(makeCase());
    const names = Object.keys(row);
    db.prepare(
      `INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`,
    ).run(row);
    db.prepare('UPDATE sync_state SET cursor = 42').run();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(db.prepare('SELECT id, sync_gen FROM cases').all()).toEqual([
      { id: row.id, sync_gen: 0 },
    ]);
    expect(db.prepare('SELECT cursor, epoch, generation, resyncing FROM sync_state').get()).toEqual(
      { cursor: 42, epoch: null, generation: 0, resyncing: 0 },
    );
    for (const entity of FEED_ENTITIES.filter((e) => !(e in LATER_TABLES))) {
      expect(columns(db, FEED_TABLES[entity].table)).toContain('sync_gen');
    }
    db.close();
  });

  it('refuses a database written by a newer console, leaving it untouched', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
    db.close();
  });

  it('rolls back a failing migration together with its version bump', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE x (a); SELEC oops;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
    db.close();
  });
});
