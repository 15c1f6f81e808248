import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CasePhoto } from '../../../src/shared/contract/photo-calls';
import type { NewCase } from '../../../src/shared/domain/case';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import { DEMO_PASSWORD, demoLogin, startServer } from '../../../src/server';
import { ILLUSTRATIVE_OFFENCES } from '../../../src/server/cases/offence-catalogue';
import { login } from '../server/support/client';
import { sha256Of, uploadPhoto } from '../server/support/photos';

type Server = Awaited<ReturnType<typeof startServer>>;

const newCase = (): NewCase => ({
  id: randomUUID(),
  plate: 'M-PH 1',
  vehicleMake: 'Audi',
  vehicleColor: 'Blau',
  offenceCode: ILLUSTRATIVE_OFFENCES[1]?.code ?? 'P102',
  street: 'Marienplatz',
  houseNumber: '1',
  district: 1,
  lat: 48.137,
  lon: 11.575,
  observedAt: new Date(Date.now() - 60_000).toISOString(),
});

/** A real JPEG (sharp can make a thumbnail of it), different every call. */
async function photoJpeg(): Promise<Buffer> {
  const noise = await sharp(randomBytes(32 * 32 * 3), {
    raw: { width: 32, height: 32, channels: 3 },
  })
    .png()
    .toBuffer();
  return sharp({
    create: { width: 1024, height: 768, channels: 3, background: { r: 200, g: 60, b: 30 } },
  })
    .composite([{ input: noise, left: 10, top: 10 }])
    .jpeg()
    .toBuffer();
}

describe('case photos from the real server to the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-photos-it-'));
  const serverPhotoDir = join(dir, 'server-photos');
  const cacheDir = join(dir, 'console-photos');
  const rendererDir = join(dir, 'renderer');
  let server: Server;
  let app: MainApp;
  let host: BrowserHost;
  let officerToken: string;
  let cookie = '';

  beforeAll(async () => {
    server = await startServer({ seed: true, photoDir: serverPhotoDir });
    officerToken = (await login(server.url, 'officer.huber', DEMO_PASSWORD)).accessToken;
    app = await startMainApp({
      dbPath: join(dir, 'console.sqlite'),
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
      photoDir: cacheDir,
    });
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    host = await startBrowserHost({ app, rendererDir });
  });
  afterAll(async () => {
    await host?.close();
    await app?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A call as the renderer's bridge makes it; the answer also carries the photo cookie. */
  async function call<T>(name: string, input: unknown): Promise<T> {
    const response = await fetch(`${host.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const result = (await response.json()) as { ok: boolean; value: T };
    expect(result.ok).toBe(true);
    return result.value;
  }

  /** What an <img src="/photo/…"> gets: same origin, the cookie, no token. */
  const image = (path: string) =>
    fetch(`${host.origin}${path}`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });

  async function photosOf(caseId: string): Promise<CasePhoto[]> {
    return (await call<{ photos: CasePhoto[] }>('photos.forCase', { caseId })).photos;
  }

  async function uploadToNewCase(bytes: Buffer): Promise<{ caseId: string; sha256: string }> {
    const kase = await server.createCase(newCase(), 'officer-01');
    const upload = await uploadPhoto(server.url, officerToken, bytes, { caseId: kase.id });
    expect(upload.status).toBe(201);
    return { caseId: kase.id, sha256: sha256Of(bytes) };
  }

  it('syncs the metadata, downloads on priority, and serves the verified bytes by hash', async () => {
    const bytes = await photoJpeg();
    const { caseId, sha256 } = await uploadToNewCase(bytes);

    // The feed brings the metadata; nothing is downloaded before the case is asked for.
    await vi.waitFor(async () => expect(await photosOf(caseId)).toHaveLength(1), {
      timeout: 20_000,
      interval: 100,
    });
    await call('photos.prioritize', { caseId });
    await vi.waitFor(
      async () => {
        const [photo] = await photosOf(caseId);
        expect(photo).toMatchObject({ sha256, state: 'stored', verified: true, thumbnail: true });
      },
      { timeout: 20_000, interval: 100 },
    );

    const served = await image(`/photo/${sha256}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);

    const thumb = await image(`/photo/${sha256}/thumb`);
    expect(thumb.status).toBe(200);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });

    // Content-addressed in the cache folder, hashed to its name.
    const cached = readFileSync(join(cacheDir, sha256.slice(0, 2), sha256));
    expect(sha256Of(cached)).toBe(sha256);

    // Without the cookie (another page, a guessed URL) there is nothing.
    expect((await fetch(`${host.origin}/photo/${sha256}`)).status).toBe(401);
    for (const path of [
      `/photo/${sha256.toUpperCase()}`,
      `/photo/${sha256.slice(1)}`,
      `/photo/${sha256}0`,
      `/photo/..%2f..%2f${sha256}`,
      `/photo/${'0'.repeat(64)}`,
    ]) {
      expect((await image(path)).status, path).toBe(404);
    }
    const status = await call<{ stored: number }>('photos.cacheStatus', {});
    expect(status.stored).toBeGreaterThanOrEqual(1);
  });

  it('never serves bytes that do not match the hash, and recovers when the server is fixed', async () => {
    const bytes = await photoJpeg();
    const { caseId, sha256 } = await uploadToNewCase(bytes);
    // The server's stored file goes bad: same length, other bytes.
    const serverFile = join(serverPhotoDir, sha256.slice(0, 2), sha256.slice(2));
    expect(existsSync(serverFile)).toBe(true);
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0x42, 2000, 2100);
    writeFileSync(serverFile, corrupt);

    await vi.waitFor(async () => expect(await photosOf(caseId)).toHaveLength(1), {
      timeout: 20_000,
      interval: 100,
    });
    await call('photos.prioritize', { caseId });
    const quarantine = join(cacheDir, 'quarantine');
    await vi.waitFor(
      () => expect(readdirSync(quarantine).filter((f) => f.includes(sha256))).not.toHaveLength(0),
      { timeout: 20_000, interval: 50 },
    );
    const [photo] = await photosOf(caseId);
    expect(photo?.state).not.toBe('stored');
    expect(photo?.verified).toBe(false);
    expect(photo?.error).toMatch(/^Hash mismatch/);
    expect((await image(`/photo/${sha256}`)).status).toBe(404);
    expect((await image(`/photo/${sha256}/thumb`)).status).toBe(404);
    expect(existsSync(join(cacheDir, sha256.slice(0, 2), sha256))).toBe(false);

    // The server gets its file back: the next attempt stores and serves the right bytes.
    writeFileSync(serverFile, bytes);
    await call('photos.prioritize', { caseId });
    await vi.waitFor(
      async () => expect((await photosOf(caseId))[0]).toMatchObject({ state: 'stored' }),
      { timeout: 30_000, interval: 100 },
    );
    const served = await image(`/photo/${sha256}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
  });
});
