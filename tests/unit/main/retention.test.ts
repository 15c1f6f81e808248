import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { PhotoPaths } from '../../../src/main/photos/paths';
import { applyRetention, REMOVED } from '../../../src/main/privacy/retention';
import { insertCase } from './outbox-support';
import { fakeJpeg, insertPhoto } from './photo-fixtures';

const NOW = new Date('2026-11-28T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function addStatement(db: Db, caseId: string, statement: string) {
  db.prepare(
    `INSERT INTO disputes (id, case_id, received_at, channel, statement, recorded_by, recorded_at)
     VALUES (?, ?, ?, 'letter', ?, 'demo-clerk', ?)`,
  ).run(`d-${caseId}`, caseId, daysAgo(90), statement, daysAgo(90));
}

function caseRow(db: Db, id: string) {
  return db
    .prepare(
      'SELECT plate, vehicle_make, house_number, file_number, status, fine_cents FROM cases WHERE id = ?',
    )
    .get(id) as Record<string, unknown>;
}

describe('retention of personal data on the console', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    const dir = mkdtempSync(join(tmpdir(), 'kvue-retention-'));
    dirs.push(dir);
    const db = openDatabase(':memory:');
    const paths = new PhotoPaths(join(dir, 'photos'));
    /** A cached photo with its thumbnail on disk, as the photo service leaves them. */
    const cachedPhoto = (caseId: string, seed: number) => {
      const photo = insertPhoto(db, caseId, fakeJpeg(2000 + seed));
      for (const file of [paths.original(photo.sha256), paths.thumb(photo.sha256)]) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, 'bytes');
      }
      db.prepare(
        `INSERT INTO photo_cache (sha256, state, next_attempt_at, bytes, verified_at, requested_at,
           last_used_at) VALUES (?, 'stored', ?, 5, ?, ?, ?)`,
      ).run(
        photo.sha256,
        NOW.toISOString(),
        NOW.toISOString(),
        NOW.toISOString(),
        NOW.toISOString(),
      );
      return photo.sha256;
    };
    return { db, paths, cachedPhoto, photoDir: paths.dir };
  }

  it('removes plate, vehicle, statements and photos of cases closed longer than the period', async () => {
    const { db, paths, cachedPhoto, photoDir } = setup();
    const old = insertCase(db, { status: 'withdrawn', plate: 'M-XY 4711', updatedAt: daysAgo(31) });
    const recent = insertCase(db, {
      status: 'withdrawn',
      plate: 'M-XY 4712',
      updatedAt: daysAgo(5),
    });
    const open = insertCase(db, {
      status: 'disputed',
      plate: 'M-XY 4713',
      updatedAt: daysAgo(200),
    });
    addStatement(db, old.id, 'Ich stand dort nur kurz, um meiner Mutter zu helfen.');
    addStatement(db, open.id, 'Das Schild war verdeckt.');
    const oldPhoto = cachedPhoto(old.id, 1);
    const openPhoto = cachedPhoto(open.id, 2);

    const result = await applyRetention(db, { days: 30, photoDir, now: NOW });
    expect(result).toEqual({ cases: 1, photos: 1 });

    expect(caseRow(db, old.id)).toEqual({
      plate: REMOVED,
      vehicle_make: REMOVED,
      house_number: '',
      file_number: old.fileNumber,
      status: 'withdrawn',
      fine_cents: old.fineCents,
    });
    expect(db.prepare('SELECT statement FROM disputes WHERE case_id = ?').get(old.id)).toEqual({
      statement: REMOVED,
    });
    expect(db.prepare('SELECT count(*) AS n FROM photos WHERE case_id = ?').get(old.id)).toEqual({
      n: 0,
    });
    expect(existsSync(paths.original(oldPhoto))).toBe(false);
    expect(existsSync(paths.thumb(oldPhoto))).toBe(false);
    // The plate and the statement cannot be found by search any more.
    expect(
      db
        .prepare(
          `SELECT count(*) AS n FROM case_search WHERE case_search MATCH '"4711" OR "Mutter"'`,
        )
        .get(),
    ).toEqual({ n: 0 });

    // Untouched: a case closed recently, and an open one however old.
    expect(caseRow(db, recent.id)['plate']).toBe('M-XY 4712');
    expect(caseRow(db, open.id)['plate']).toBe('M-XY 4713');
    expect(existsSync(paths.original(openPhoto))).toBe(true);

    // A second run finds nothing more to do.
    expect(await applyRetention(db, { days: 30, photoDir, now: NOW })).toEqual({
      cases: 0,
      photos: 0,
    });
  });

  it('waits while the clerk’s work on the case is still on its way', async () => {
    const { db, photoDir } = setup();
    const kase = insertCase(db, { status: 'decided', updatedAt: daysAgo(60) });
    db.prepare(
      `INSERT INTO outbox (id, kind, mutation, state, case_id, created_at, updated_at)
       VALUES ('o1', 'decision', '{}', 'pending', ?, ?, ?)`,
    ).run(kase.id, daysAgo(60), daysAgo(60));
    expect(await applyRetention(db, { days: 30, photoDir, now: NOW })).toEqual({
      cases: 0,
      photos: 0,
    });
    db.prepare(`UPDATE outbox SET state = 'applied'`).run();
    expect(await applyRetention(db, { days: 30, photoDir, now: NOW })).toEqual({
      cases: 1,
      photos: 0,
    });
  });

  it('removes again what a resync brought back', async () => {
    const { db, photoDir } = setup();
    const kase = insertCase(db, { status: 'closed', plate: 'M-RS 1', updatedAt: daysAgo(40) });
    await applyRetention(db, { days: 30, photoDir, now: NOW });
    db.prepare(`UPDATE cases SET plate = 'M-RS 1' WHERE id = ?`).run(kase.id);
    expect(await applyRetention(db, { days: 30, photoDir, now: NOW })).toEqual({
      cases: 1,
      photos: 0,
    });
    expect(caseRow(db, kase.id)['plate']).toBe(REMOVED);
  });
});
