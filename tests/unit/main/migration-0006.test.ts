import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseToRow } from '../../../src/main/cases/rows';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { aCase, aDispute, Feed } from './case-queue-fixtures';

/** Case ids whose search document matches an FTS5 query. */
const found = (db: Db, query: string) =>
  (
    db
      .prepare(
        `SELECT c.id FROM case_search s JOIN cases c ON c.rowid = s.rowid
          WHERE case_search MATCH ? ORDER BY c.id`,
      )
      .all(query) as { id: string }[]
  ).map((r) => r.id);

describe('migration 0006: case search', () => {
  let db: Db;
  let feed: Feed;
  beforeEach(() => {
    db = openDatabase(':memory:');
    feed = new Feed(db);
  });
  afterEach(() => db.close());

  it('runs on an SQLite with FTS5 and the trigram tokenizer', () => {
    const version = db.prepare('SELECT sqlite_version() AS v').pluck().get() as string;
    const [major, minor] = version.split('.').map(Number) as [number, number];
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(3045); // remove_diacritics for trigram
    expect(db.prepare(`PRAGMA compile_options`).pluck().all()).toContain('ENABLE_FTS5');
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(6);
  });

  it('indexes the cases and statements already there when it runs', () => {
    const old = new Database(':memory:');
    migrate(old, MIGRATIONS.slice(0, 5));
    const kase = aCase({ plate: 'M-QQ 77' });
    const row = { ...caseToRow(kase), sync_gen: 0 };
    const names = Object.keys(row);
    old
      .prepare(`INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n)})`)
      .run(row);
    old
      .prepare(
        `INSERT INTO disputes (id, case_id, received_at, channel, statement, recorded_by,
           recorded_at) VALUES ('d1', ?, 'x', 'letter', 'Der Automat war defekt', 'c', 'x')`,
      )
      .run(kase.id);
    migrate(old, MIGRATIONS);
    expect(found(old, '"QQ 7"')).toEqual([kase.id]);
    expect(found(old, '"automat"')).toEqual([kase.id]);
    old.close();
  });

  it('follows case upserts through the sync: insert, update of a searched column, delete', () => {
    const kase = aCase({ plate: 'M-AB 1234', street: 'Leopoldstraße', houseNumber: '12' });
    const other = aCase({ plate: 'B-XY 99', street: 'Sendlinger Straße', houseNumber: '3' });
    feed.upsert('case', kase, other);
    expect(found(db, '"M-AB"')).toEqual([kase.id]);
    expect(found(db, '"poldstr"')).toEqual([kase.id]);
    expect(found(db, '"straße 12"')).toEqual([kase.id]);
    expect(found(db, `"${kase.fileNumber.slice(-5)}"`)).toEqual([kase.id]);

    // The sync's ON CONFLICT DO UPDATE: the new plate is found, the old one no longer.
    feed.upsert('case', { ...kase, plate: 'M-CD 5678', version: 2 });
    expect(found(db, '"M-AB"')).toEqual([]);
    expect(found(db, '"M-CD"')).toEqual([kase.id]);
    // A status-only change leaves the document alone (and the trigger does not fire).
    feed.upsert('case', { ...kase, plate: 'M-CD 5678', status: 'decided', version: 3 });
    expect(found(db, '"M-CD"')).toEqual([kase.id]);

    feed.remove('case', kase.id);
    expect(found(db, '"M-CD"')).toEqual([]);
    expect(found(db, '"B-XY"')).toEqual([other.id]);
  });

  it('follows disputes: added, changed, removed, and arriving before their case', () => {
    const kase = aCase();
    const early = aDispute(kase.id, { statement: 'Herr Müller hat das Schild verdeckt.' });
    // The feed is ordered by cursor, not dependency: the dispute may come first.
    feed.upsert('dispute', early);
    expect(found(db, '"Müller"')).toEqual([]);
    feed.upsert('case', kase);
    expect(found(db, '"Müller"')).toEqual([kase.id]);
    expect(found(db, '"Muller"')).toEqual([kase.id]);

    const second = aDispute(kase.id, { statement: 'Ergänzung: Lieferverkehr.' });
    feed.upsert('dispute', second);
    expect(found(db, '"Lieferverkehr"')).toEqual([kase.id]);
    expect(found(db, '"Müller"')).toEqual([kase.id]);

    feed.upsert('dispute', { ...early, statement: 'Zurückgezogen.' });
    expect(found(db, '"Müller"')).toEqual([]);
    expect(found(db, '"zogen"')).toEqual([kase.id]);

    feed.remove('dispute', second.id);
    expect(found(db, '"Lieferverkehr"')).toEqual([]);
  });

  it('adds the indexes the queue walks', () => {
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'`)
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'cases_status_file_number',
        'cases_status_plate',
        'cases_status_fine_cents',
        'cases_status_district',
        'cases_officer',
        'cases_offence',
      ]),
    );
  });
});
