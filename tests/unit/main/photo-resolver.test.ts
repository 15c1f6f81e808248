import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { PhotoCacheDb } from '../../../src/main/photos/cache-db';
import { parsePhotoTarget } from '../../../src/main/photos/hash';
import { PhotoPaths } from '../../../src/main/photos/paths';
import { createPhotoResolver, type PhotoFiles } from '../../../src/main/photos/resolver';
import { photoUrl } from '../../../src/shared/contract/photo-calls';
import { fakeJpeg, HOSTILE_TARGETS, insertPhoto, newCaseId, sha256Of } from './photo-fixtures';

const SHA = 'a'.repeat(64);

describe('photo target parsing', () => {
  it('accepts a lowercase hash, optionally /thumb and one trailing slash', () => {
    expect(parsePhotoTarget(SHA)).toEqual({ sha256: SHA, variant: 'original' });
    expect(parsePhotoTarget(`${SHA}/`)).toEqual({ sha256: SHA, variant: 'original' });
    expect(parsePhotoTarget(`${SHA}/thumb`)).toEqual({ sha256: SHA, variant: 'thumb' });
    expect(parsePhotoTarget(`${SHA}/thumb/`)).toEqual({ sha256: SHA, variant: 'thumb' });
  });

  it.each(HOSTILE_TARGETS)('refuses %j', (text) => {
    expect(parsePhotoTarget(text)).toBeNull();
  });

  it('builds the renderer URL per transport, and only from a hash', () => {
    expect(photoUrl(SHA, 'electron')).toBe(`kvue-photo://${SHA}`);
    expect(photoUrl(SHA, 'electron', 'thumb')).toBe(`kvue-photo://${SHA}/thumb`);
    expect(photoUrl(SHA, 'browser-host')).toBe(`/photo/${SHA}`);
    expect(photoUrl(SHA, 'browser-host', 'thumb')).toBe(`/photo/${SHA}/thumb`);
    expect(() => photoUrl('../secret', 'electron')).toThrow();
    expect(() => photoUrl(SHA.toUpperCase(), 'browser-host')).toThrow();
    // Every URL built parses back to the same photo.
    for (const variant of ['original', 'thumb'] as const) {
      const url = photoUrl(SHA, 'browser-host', variant);
      expect(parsePhotoTarget(url.slice('/photo/'.length))).toEqual({ sha256: SHA, variant });
    }
  });
});

describe('photo resolver', () => {
  let dir: string;
  let cacheDir: string;
  let db: Db;
  let paths: PhotoPaths;
  let files: PhotoFiles;
  const onDamaged = vi.fn();
  const onUsed = vi.fn();
  const caseId = newCaseId();
  const stored = fakeJpeg(3000);
  const queued = fakeJpeg(2000);
  const unlisted = fakeJpeg(1000);
  const storedSha = sha256Of(stored);

  function cacheRow(sha256: string, state: string, bytes: number | null) {
    db.prepare(
      `INSERT INTO photo_cache (sha256, state, bytes, verified_at, next_attempt_at, requested_at, last_used_at)
       VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run(sha256, state, bytes, state === 'stored' ? '2026-01-01T00:00:00.000Z' : null);
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kvue-photo-resolver-'));
    cacheDir = join(dir, 'cache');
    db = openDatabase(':memory:');
    paths = new PhotoPaths(cacheDir);
    files = createPhotoResolver({ cache: new PhotoCacheDb(db), paths, onUsed, onDamaged });

    insertPhoto(db, caseId, stored);
    cacheRow(storedSha, 'stored', stored.length);
    mkdirSync(paths.shardDir(storedSha), { recursive: true });
    writeFileSync(paths.original(storedSha), stored);

    // A file sits where a queued photo will go (a crash mid-way, say): still not served.
    const queuedSha = insertPhoto(db, caseId, queued).sha256;
    cacheRow(queuedSha, 'queued', null);
    mkdirSync(paths.shardDir(queuedSha), { recursive: true });
    writeFileSync(paths.original(queuedSha), queued);

    // Stored once, but the feed no longer lists it.
    const unlistedSha = sha256Of(unlisted);
    cacheRow(unlistedSha, 'stored', unlisted.length);
    mkdirSync(paths.shardDir(unlistedSha), { recursive: true });
    writeFileSync(paths.original(unlistedSha), unlisted);

    // Targets for a traversal, were one to get through.
    writeFileSync(join(dir, 'secret'), 'secret');
    writeFileSync(join(cacheDir, 'secret'), 'secret');
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function read(sha256: string, variant: 'original' | 'thumb' = 'original') {
    const file = await files.open({ sha256, variant });
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream()) chunks.push(chunk as Buffer);
    return { contentType: file.contentType, size: file.size, bytes: Buffer.concat(chunks) };
  }

  it('serves a stored, verified photo from the path named by its hash', async () => {
    const served = await read(storedSha);
    expect(served).toEqual({ contentType: 'image/jpeg', size: 3000, bytes: stored });
    expect(onUsed).toHaveBeenCalledWith(storedSha);
  });

  it('answers nothing for unknown, queued and unlisted photos, or a missing thumbnail', async () => {
    expect(await read('b'.repeat(64))).toBeNull();
    expect(await read(sha256Of(queued))).toBeNull();
    expect(await read(sha256Of(unlisted))).toBeNull();
    expect(await read(storedSha, 'thumb')).toBeNull();
    expect(onDamaged).not.toHaveBeenCalled();
  });

  it('refuses a file whose size is not the recorded one, and reports it', async () => {
    writeFileSync(paths.original(storedSha), Buffer.concat([stored, Buffer.from('tail')]));
    expect(await read(storedSha)).toBeNull();
    expect(onDamaged).toHaveBeenCalledWith(storedSha, 'original');
    writeFileSync(paths.original(storedSha), stored);
    expect(await read(storedSha)).not.toBeNull();
  });

  it('builds cache paths only from a strict hash', () => {
    expect(() => paths.original('../secret')).toThrow();
    expect(() => paths.thumb(SHA.toUpperCase())).toThrow();
    expect(paths.original(SHA)).toBe(join(cacheDir, 'aa', SHA));
  });
});
