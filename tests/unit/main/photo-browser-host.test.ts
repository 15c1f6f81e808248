import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContractImpl } from '../../../src/shared/contract';
import type { MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import type { OpenedPhoto, PhotoFiles } from '../../../src/main/photos';
import type { PhotoTarget } from '../../../src/main/photos/hash';
import { HOSTILE_TARGETS } from './photo-fixtures';

const SHA = 'ab'.repeat(32);
const PHOTO = Buffer.from('ÿØÿà…the photo…');
const THUMB = Buffer.from('ÿØÿà…thumb…');

interface Answer {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** Raw HTTP: the path goes out exactly as written, and the Host header can be forged. */
function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host /photo/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-host-photo-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>KVÜ</title>');
  writeFileSync(join(dir, 'secret'), 'secret');
  const open = vi.fn(async ({ sha256, variant }: PhotoTarget): Promise<OpenedPhoto | null> => {
    if (sha256 !== SHA) return null;
    const bytes = variant === 'thumb' ? THUMB : PHOTO;
    return {
      contentType: variant === 'thumb' ? 'image/jpeg' : 'image/png',
      size: bytes.length,
      stream: () => Readable.from([bytes]),
      close: async () => undefined,
    };
  });
  const photos: PhotoFiles = { open };
  const app: MainApp = {
    impl: {
      'sync.status': async () => ({
        state: 'idle',
        cursor: 0,
        lastSyncedAt: null,
        caseCount: 0,
        error: null,
      }),
    } as Partial<ContractImpl> as ContractImpl,
    photos,
    onEvent: () => () => undefined,
    close: async () => undefined,
  };
  let host: BrowserHost;
  let cookie: string;

  beforeAll(async () => {
    host = await startBrowserHost({ app, rendererDir: dir });
    const call = await raw(host.port, '/api/call/sync.status', {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(call.status).toBe(200);
    const setCookie = call.headers['set-cookie']?.[0] ?? '';
    cookie = setCookie.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    open.mockClear();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    raw(host.port, path, { headers: { cookie, ...headers } });

  it('sets a per-launch photo cookie only for calls with the launch token', async () => {
    expect(cookie).toMatch(new RegExp(`^kvue_photo_${host.port}=[\\w-]{40,}$`));
    const call = await raw(host.port, '/api/call/sync.status', {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    const attributes = call.headers['set-cookie']?.[0] ?? '';
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/photo');
    // The cookie is not the launch token.
    expect(attributes).not.toContain(host.token);

    const refused = await raw(host.port, '/api/call/sync.status', {
      method: 'POST',
      headers: { authorization: 'Bearer wrong' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });

  it('serves a stored photo and its thumbnail by hash', async () => {
    const photo = await get(`/photo/${SHA}`);
    expect(photo.status).toBe(200);
    expect(photo.body).toEqual(PHOTO);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['content-length']).toBe(String(PHOTO.length));
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(String(photo.headers['content-security-policy'])).toContain("img-src 'self'");

    const thumb = await get(`/photo/${SHA}/thumb`, { 'sec-fetch-site': 'same-origin' });
    expect(thumb.status).toBe(200);
    expect(thumb.body).toEqual(THUMB);
    expect(open).toHaveBeenLastCalledWith({ sha256: SHA, variant: 'thumb' });

    const head = await raw(host.port, `/photo/${SHA}`, { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('accepts the launch token as a bearer header instead of the cookie', async () => {
    const photo = await raw(host.port, `/photo/${SHA}`, {
      headers: { authorization: `Bearer ${host.token}` },
    });
    expect(photo.status).toBe(200);
  });

  it('refuses requests without the cookie, with a wrong one, or from another site', async () => {
    const attempts: Record<string, string>[] = [
      { cookie: '' },
      { cookie: `kvue_photo_${host.port}=wrong` },
      { cookie: `kvue_photo_1=${cookie.split('=')[1] ?? ''}` },
      { cookie: '', authorization: 'Bearer wrong' },
    ];
    for (const headers of attempts) {
      expect((await get(`/photo/${SHA}`, headers)).status, JSON.stringify(headers)).toBe(401);
    }
    for (const site of ['cross-site', 'same-site']) {
      expect((await get(`/photo/${SHA}`, { 'sec-fetch-site': site })).status, site).toBe(403);
    }
    const foreignHost = await get(`/photo/${SHA}`, { host: 'evil.example' });
    expect(foreignHost.status).toBe(403);
    expect(open).not.toHaveBeenCalled();
  });

  it('accepts only GET and HEAD', async () => {
    const post = await raw(host.port, `/photo/${SHA}`, { method: 'POST', headers: { cookie } });
    expect(post.status).toBe(405);
    expect(open).not.toHaveBeenCalled();
  });

  it('answers 404 for unknown hashes', async () => {
    expect((await get(`/photo/${'c'.repeat(64)}`)).status).toBe(404);
    expect(open).toHaveBeenCalledTimes(1);
  });

  // Node's client refuses to send spaces, control and non-ASCII characters; the Electron handler's
  // test covers those.
  const sendable = HOSTILE_TARGETS.filter((target) => /^[\x21-\x7e]*$/.test(target));

  it.each(sendable)('answers 404 for /photo/%s without looking anything up', async (target) => {
    const answer = await get(`/photo/${target}`);
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).not.toContain('secret');
    expect(open).not.toHaveBeenCalled();
  });

  it('answers 404 for paths that only normalize to a photo', async () => {
    for (const path of [
      `/photo`,
      `/photo/`,
      `/photo/x/../${SHA}`,
      `/photo/./${SHA}`,
      `/photo//${SHA}`,
      `/photo/%61${SHA.slice(1)}`,
      `/PHOTO/${SHA}`,
      `/photo/../secret`,
      `/photo/..%2fsecret`,
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toContain('secret');
    }
    expect(open).not.toHaveBeenCalled();
  });
});
