import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate, schemaVersion, SchemaTooNewError } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

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
