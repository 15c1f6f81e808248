import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CasePhoto, PhotoVariant } from '../../../src/shared/contract/photo-calls';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { PhotoPaths } from '../../../src/main/photos/paths';
import { PhotoService, type PhotoServiceOptions } from '../../../src/main/photos/service';
import { makeThumbnail } from '../../../src/main/photos/thumbnail';
import {
  fakeJpeg,
  insertCase,
  insertPhoto,
  realJpeg,
  removePhoto,
  sha256Of,
  startPhotoServer,
} from './photo-fixtures';

type PhotoServer = Awaited<ReturnType<typeof startPhotoServer>>;

let dir: string;
let cacheDir: string;
let db: Db;
let server: PhotoServer;
const services: PhotoService[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kvue-photo-queue-'));
  cacheDir = join(dir, 'cache');
  db = openDatabase(join(dir, 'console.sqlite'));
  server = await startPhotoServer();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const noThumbnails: PhotoServiceOptions['makeThumbnail'] = async () => {
  throw new Error('no thumbnails in this test');
};

async function startService(overrides: Partial<PhotoServiceOptions> = {}): Promise<PhotoService> {
  const service = new PhotoService({
    db,
    session: server.session(),
    dir: cacheDir,
    concurrency: 1,
    maxAttempts: 3,
    retryDelayMs: () => 10,
    offlineDelayMs: () => 10,
    changeThrottleMs: 5,
    onChanged: () => undefined,
    makeThumbnail: noThumbnails,
    ...overrides,
  });
  services.push(service);
  await service.start();
  return service;
}

/** Registers bytes at the fake server and the photo row in the console's database. */
function serve(caseId: string, bytes: Buffer) {
  const record = insertPhoto(db, caseId, bytes);
  server.photos.set(record.sha256, bytes);
  return record;
}

function photoOf(service: PhotoService, caseId: string, sha256: string): CasePhoto {
  const photo = service.forCase(caseId).photos.find((p) => p.sha256 === sha256);
  if (!photo) throw new Error(`no photo ${sha256}`);
  return photo;
}

async function until(check: () => void, timeout = 5000): Promise<void> {
  await vi.waitFor(check, { timeout, interval: 10 });
}

async function readServed(
  service: PhotoService,
  sha256: string,
  variant: PhotoVariant = 'original',
) {
  const file = await service.files.open({ sha256, variant });
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Whether the photo would be served; the file is closed again. */
async function isServed(service: PhotoService, sha256: string, variant: PhotoVariant = 'original') {
  const file = await service.files.open({ sha256, variant });
  await file?.close();
  return file !== null;
}

const paths = () => new PhotoPaths(cacheDir);

describe('photo queue', () => {
  it('downloads on demand, verifies the hash and stores the file under it', async () => {
    const kase = insertCase(db);
    const a = serve(kase.id, fakeJpeg(3000));
    const b = serve(kase.id, fakeJpeg(5000));
    const onChanged = vi.fn();
    const service = await startService({ onChanged });

    // Nothing is fetched before it is asked for.
    expect(server.requests).toEqual([]);
    const first = service.forCase(kase.id);
    expect(first.photos.map((p) => p.state).sort()).toEqual(['downloading', 'queued']);
    expect(first.photos.every((p) => !p.verified)).toBe(true);

    await until(() => {
      const photos = service.forCase(kase.id).photos;
      expect(photos.map((p) => [p.state, p.verified])).toEqual([
        ['stored', true],
        ['stored', true],
      ]);
    });
    for (const photo of [a, b]) {
      const onDisk = readFileSync(paths().original(photo.sha256));
      expect(sha256Of(onDisk)).toBe(photo.sha256);
      expect(await readServed(service, photo.sha256)).toEqual(onDisk);
    }
    expect(onChanged).toHaveBeenCalled();
    expect(service.status()).toMatchObject({ stored: 2, queued: 0, bytes: 8000 });
    // No leftovers of the downloads.
    expect(readdirSync(paths().tmpDir)).toEqual([]);
  });

  it('puts the case on screen first, ahead of requested and prefetched photos', async () => {
    const disputed = insertCase(db, { status: 'disputed' });
    const other = insertCase(db, { status: 'open' });
    const onScreen = insertCase(db, { status: 'open' });
    const p1 = serve(disputed.id, fakeJpeg(1000));
    const p2 = serve(disputed.id, fakeJpeg(1000));
    const o1 = serve(other.id, fakeJpeg(1000));
    const o2 = serve(other.id, fakeJpeg(1000));
    const s1 = serve(onScreen.id, fakeJpeg(1000));
    const s2 = serve(onScreen.id, fakeJpeg(1000));

    // The first prefetch is claimed at start; the rest wait for their turn.
    const service = await startService({ prefetch: 10 });
    service.forCase(other.id);
    service.prioritize(onScreen.id);
    await until(() => expect(service.status().stored).toBe(6));

    expect(server.requests).toEqual([
      p1.sha256,
      s1.sha256,
      s2.sha256,
      o1.sha256,
      o2.sha256,
      p2.sha256,
    ]);
  });

  it('keeps the background prefetch bounded, and stops it once the cache is half full', async () => {
    const disputed = insertCase(db, { status: 'disputed' });
    for (let i = 0; i < 5; i++) serve(disputed.id, fakeJpeg(1000));
    server.answerWith(() => 'hang');
    const service = await startService({ prefetch: 2, idleTimeoutMs: 60_000 });
    await until(() => expect(server.requests).toHaveLength(1));
    expect(service.status()).toMatchObject({ downloading: 1, queued: 1, stored: 0 });
    await service.stop();

    // Another run: 600 of 1000 bytes are taken by a photo asked for, so nothing is prefetched.
    db.prepare('DELETE FROM photo_cache').run();
    server.answerWith(() => undefined);
    const open = insertCase(db, { status: 'open' });
    const asked = serve(open.id, fakeJpeg(600));
    const onDemand = await startService({ capBytes: 1000 });
    onDemand.forCase(open.id);
    await until(() => expect(photoOf(onDemand, open.id, asked.sha256).state).toBe('stored'));
    await onDemand.stop();
    const requests = server.requests.length;

    const again = await startService({ prefetch: 2, capBytes: 1000 });
    again.onFeedChanged();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again.status()).toMatchObject({ queued: 0, downloading: 0, stored: 1 });
    expect(server.requests).toHaveLength(requests);
  });

  it('retries a photo the server does not have, then marks it failed with the reason', async () => {
    const kase = insertCase(db);
    const bytes = fakeJpeg(2000);
    const photo = insertPhoto(db, kase.id, bytes); // not on the server
    const service = await startService();
    service.forCase(kase.id);

    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('failed'));
    expect(photoOf(service, kase.id, photo.sha256)).toMatchObject({
      attempts: 3,
      verified: false,
      error: 'server answered 404',
    });
    expect(server.requests).toHaveLength(3);

    // Opening the case again tries afresh.
    server.photos.set(photo.sha256, bytes);
    expect(service.prioritize(kase.id).queued).toBe(1);
    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));
    expect(photoOf(service, kase.id, photo.sha256)).toMatchObject({ attempts: 0, error: null });
  });

  it('does not count attempts while the server is unreachable', async () => {
    const kase = insertCase(db);
    const photo = serve(kase.id, fakeJpeg(2000));
    server.answerWith((_sha, count) => (count <= 5 ? { status: 503 } : undefined));
    const service = await startService({ maxAttempts: 2 });
    service.forCase(kase.id);
    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));
    expect(server.requests).toHaveLength(6);
    expect(photoOf(service, kase.id, photo.sha256).attempts).toBe(0);
  });

  it('quarantines bytes that do not match the hash, never serves them, and fetches again', async () => {
    const kase = insertCase(db);
    const bytes = fakeJpeg(4000);
    const photo = serve(kase.id, bytes);
    const wrong = fakeJpeg(4000);
    const service = await startService({ maxAttempts: 5 });
    const meanwhile: Promise<unknown>[] = [];
    server.answerWith((_sha, count) => {
      if (count > 2) return undefined;
      // While the server sends wrong bytes, the console has nothing to show.
      meanwhile.push(isServed(service, photo.sha256));
      return { status: 200, body: wrong };
    });
    service.forCase(kase.id);

    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));
    expect(await Promise.all(meanwhile)).toEqual([false, false]);
    expect(server.requests).toHaveLength(3);
    expect(photoOf(service, kase.id, photo.sha256).attempts).toBe(2);
    expect(await readServed(service, photo.sha256)).toEqual(bytes);
    const quarantined = readdirSync(join(cacheDir, 'quarantine'));
    expect(quarantined).toHaveLength(2);
    for (const name of quarantined) {
      expect(name).toContain(photo.sha256);
      expect(readFileSync(join(cacheDir, 'quarantine', name))).toEqual(wrong);
    }
  });

  it('gives up on a hash that never matches: failed, nothing in the cache, nothing served', async () => {
    const kase = insertCase(db);
    const photo = serve(kase.id, fakeJpeg(4000));
    // Too many bytes, then too few, then the right length with other content.
    const answers = [fakeJpeg(6000), fakeJpeg(100), fakeJpeg(4000)];
    server.answerWith((_sha, count) => ({ status: 200, body: answers[count - 1] ?? fakeJpeg() }));
    const service = await startService({ quarantine: { maxFiles: 2, maxBytes: 1_000_000 } });
    service.forCase(kase.id);

    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('failed'));
    expect(photoOf(service, kase.id, photo.sha256).error).toMatch(/^Hash mismatch/);
    expect(existsSync(paths().original(photo.sha256))).toBe(false);
    expect(await isServed(service, photo.sha256, 'original')).toBe(false);
    // The quarantine is capped; and an over-long answer was cut at the announced size.
    const quarantined = readdirSync(join(cacheDir, 'quarantine'));
    expect(quarantined).toHaveLength(2);
    for (const name of quarantined) {
      expect(readFileSync(join(cacheDir, 'quarantine', name)).length).toBeLessThanOrEqual(4000);
    }
  });

  it('evicts the least recently used photos above the cap, never those of the case on screen', async () => {
    const older = insertCase(db);
    const onScreen = insertCase(db);
    const a1 = serve(older.id, fakeJpeg(1000));
    const a2 = serve(older.id, fakeJpeg(1000));
    const b1 = serve(onScreen.id, fakeJpeg(1000));
    const b2 = serve(onScreen.id, fakeJpeg(1000));
    const service = await startService({ capBytes: 3000 });

    service.forCase(older.id);
    await until(() => expect(service.status().stored).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // a1 is looked at again, so a2 is the least recently used.
    expect(await readServed(service, a1.sha256)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));

    service.prioritize(onScreen.id);
    await until(() => {
      expect(existsSync(paths().original(b2.sha256))).toBe(true);
      expect(existsSync(paths().original(a2.sha256))).toBe(false);
    });
    expect(service.status()).toMatchObject({ stored: 3, bytes: 3000 });
    expect(await isServed(service, a2.sha256, 'original')).toBe(false);
    expect(existsSync(paths().original(a1.sha256))).toBe(true);
    expect(existsSync(paths().original(b1.sha256))).toBe(true);

    // A cap smaller than the case on screen still keeps all of its photos.
    await service.stop();
    const small = await startService({ capBytes: 1000 });
    small.prioritize(onScreen.id);
    const c1 = serve(onScreen.id, fakeJpeg(1000));
    small.onFeedChanged();
    await until(() => expect(existsSync(paths().original(c1.sha256))).toBe(true));
    await until(() => expect(existsSync(paths().original(a1.sha256))).toBe(false));
    for (const photo of [b1, b2, c1]) {
      expect(await isServed(small, photo.sha256, 'original')).toBe(true);
    }
  });

  it('makes each thumbnail once: 320 px wide JPEG, kept across restarts', async () => {
    const kase = insertCase(db);
    const photo = serve(kase.id, await realJpeg(1200, 900));
    const broken = serve(kase.id, fakeJpeg(3000));
    const thumbnailer = vi.fn(makeThumbnail);
    const service = await startService({ makeThumbnail: thumbnailer });
    service.forCase(kase.id);

    await until(() => {
      const photos = service.forCase(kase.id).photos;
      expect(photos.map((p) => [p.sha256, p.state, p.thumbnail])).toEqual([
        [photo.sha256, 'stored', true],
        [broken.sha256, 'stored', false],
      ]);
    });
    await until(() => expect(thumbnailer).toHaveBeenCalledTimes(2));
    const thumb = await readServed(service, photo.sha256, 'thumb');
    expect(thumb).not.toBeNull();
    const meta = await sharp(thumb ?? Buffer.alloc(0)).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    // An image sharp cannot read has no thumbnail, but the photo itself is still served.
    expect(await isServed(service, broken.sha256, 'thumb')).toBe(false);
    expect(await readServed(service, broken.sha256)).not.toBeNull();
    expect(service.status().bytes).toBe(photo.sizeBytes + broken.sizeBytes + (thumb?.length ?? 0));

    await service.stop();
    const again = await startService({ makeThumbnail: thumbnailer });
    again.forCase(kase.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(thumbnailer).toHaveBeenCalledTimes(2);
    expect(server.requests).toHaveLength(2);
    expect(await readServed(again, photo.sha256, 'thumb')).toEqual(thumb);
  });

  it('stops serving a cached file whose size changed, and fetches it again', async () => {
    const kase = insertCase(db);
    const bytes = fakeJpeg(3000);
    const photo = serve(kase.id, bytes);
    const service = await startService();
    service.forCase(kase.id);
    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));

    truncateSync(paths().original(photo.sha256), 100);
    expect(await isServed(service, photo.sha256, 'original')).toBe(false);
    await until(() => expect(server.requests).toHaveLength(2));
    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));
    expect(await readServed(service, photo.sha256)).toEqual(bytes);
  });

  it('deletes a stored photo the feed no longer lists', async () => {
    const kase = insertCase(db);
    const photo = serve(kase.id, fakeJpeg(3000));
    const service = await startService();
    service.forCase(kase.id);
    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));

    removePhoto(db, photo.sha256);
    service.onFeedChanged();
    expect(await isServed(service, photo.sha256, 'original')).toBe(false);
    await until(() => expect(existsSync(paths().original(photo.sha256))).toBe(false));
    expect(service.status().stored).toBe(0);
  });

  it('leaves an interrupted download queued and finishes it after a restart', async () => {
    const kase = insertCase(db);
    const photo = serve(kase.id, fakeJpeg(3000));
    server.answerWith((_sha, count) => (count === 1 ? 'hang' : undefined));
    const service = await startService();
    service.forCase(kase.id);
    await until(() => expect(server.requests).toHaveLength(1));
    await service.stop();
    expect(photoOf(service, kase.id, photo.sha256).state).toBe('queued');
    expect(readdirSync(paths().tmpDir)).toEqual([]);

    const again = await startService();
    again.forCase(kase.id);
    await until(() => expect(photoOf(again, kase.id, photo.sha256).state).toBe('stored'));
    expect(photoOf(again, kase.id, photo.sha256).attempts).toBe(0);
  });

  it('gives up on a stalled download after the idle timeout and tries again', async () => {
    const kase = insertCase(db);
    const photo = serve(kase.id, fakeJpeg(3000));
    server.answerWith((_sha, count) => (count === 1 ? 'hang' : undefined));
    const service = await startService({ idleTimeoutMs: 100 });
    service.forCase(kase.id);
    await until(() => expect(photoOf(service, kase.id, photo.sha256).state).toBe('stored'));
    expect(server.requests).toHaveLength(2);
  });
});
