import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { migration0003 } from '../../../src/main/db/migrations/0003-photo-cache';

const T = '2026-01-01T00:00:00.000Z';

function atPhotoCache() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 3));
  return db;
}

function insert(db: Database.Database, sha256: string, state: string, bytes: number | null) {
  db.prepare(
    `INSERT INTO photo_cache (sha256, state, bytes, verified_at, next_attempt_at, requested_at, last_used_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(sha256, state, bytes, bytes === null ? null : T, T, T, T);
}

describe('migration 0003 (photo cache)', () => {
  it('is version 3, right after the domain tables', () => {
    expect(migration0003.version).toBe(3);
    expect(MIGRATIONS[2]).toBe(migration0003);
    const db = atPhotoCache();
    expect(schemaVersion(db)).toBe(3);
    const columns = (db.prepare('PRAGMA table_info(photo_cache)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(
      expect.arrayContaining([
        'sha256',
        'state',
        'priority',
        'attempts',
        'next_attempt_at',
        'last_error',
        'bytes',
        'verified_at',
        'thumb',
        'last_used_at',
      ]),
    );
    db.close();
  });

  it('keeps only lowercase hex hashes and known states', () => {
    const db = atPhotoCache();
    insert(db, 'a'.repeat(64), 'queued', null);
    for (const bad of [
      'A'.repeat(64),
      'a'.repeat(63),
      `${'a'.repeat(62)}/x`,
      `..${'a'.repeat(62)}`,
    ]) {
      expect(() => insert(db, bad, 'queued', null), bad).toThrow(/CHECK/);
    }
    expect(() => insert(db, 'b'.repeat(64), 'served', null)).toThrow(/CHECK/);
    db.close();
  });

  it('does not let a photo be stored without its verified size', () => {
    const db = atPhotoCache();
    expect(() => insert(db, 'c'.repeat(64), 'stored', null)).toThrow(/CHECK/);
    insert(db, 'c'.repeat(64), 'stored', 1234);
    db.close();
  });
});
