import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { migration0004 } from '../../../src/main/db/migrations/0004-outbox';
import { insertCase } from './outbox-support';

describe('migration 0004 (outbox)', () => {
  it('adds the outbox and the console user to a database at version 3, keeping its rows', () => {
    const db = new Database(':memory:');
    const upTo3 = MIGRATIONS.filter((m) => m.version < 4);
    migrate(db, upTo3);
    const kase = insertCase(db);
    expect(MIGRATIONS[migration0004.version - 1]).toBe(migration0004);
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name`)
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['outbox', 'console_user', 'cases_keep_pending_decision']),
    );
    expect(db.prepare('SELECT id FROM cases').all()).toEqual([{ id: kase.id }]);
    db.close();
  });

  it('refuses unknown states and a second entry with the same id', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    const insert = db.prepare(
      `INSERT INTO outbox (id, kind, mutation, state, created_at, updated_at)
       VALUES (?, 'claim', '{}', ?, '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z')`,
    );
    const id = randomUUID();
    insert.run(id, 'pending');
    expect(() => insert.run(id, 'pending')).toThrow(/UNIQUE/);
    expect(() => insert.run(randomUUID(), 'lost')).toThrow(/CHECK/);
    db.close();
  });

  it('lets a pending decision survive a replay of its base version, and nothing else', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    const kase = insertCase(db, { version: 3, status: 'disputed', fineCents: 2500 });
    const other = insertCase(db, { version: 3, status: 'disputed' });
    db.prepare(
      `INSERT INTO outbox (id, kind, mutation, state, case_id, base_version, case_status,
         case_fine_cents, created_at, updated_at)
       VALUES (?, 'decision', '{}', 'pending', ?, 3, 'decided', 1500, 'x', 'x')`,
    ).run(randomUUID(), kase.id);
    const replay = db.prepare(
      `UPDATE cases SET status = 'disputed', fine_cents = 2500, version = ? WHERE id = ?`,
    );
    replay.run(3, kase.id);
    replay.run(3, other.id);
    const row = (id: string) =>
      db.prepare('SELECT status, fine_cents AS fine, version FROM cases WHERE id = ?').get(id);
    expect(row(kase.id)).toEqual({ status: 'decided', fine: 1500, version: 3 });
    expect(row(other.id)).toEqual({ status: 'disputed', fine: 2500, version: 3 });
    replay.run(4, kase.id);
    expect(row(kase.id)).toEqual({ status: 'disputed', fine: 2500, version: 4 });
    db.close();
  });
});
