import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/server/index';
import { apiError, login, newCase } from './support/client';
import { availableTargets } from './support/databases';
import { jpegBytes, pngBytes, sha256Of, uploadPhoto } from './support/photos';
import { startTestServer, type TestServer } from './support/server';

/** Small, so the 413 test needs no 15 MB body. */
const MAX_BYTES = 64 * 1024;
const SECRET = 'not a photo: must never be served';

/** Every file below `dir`, as relative paths: what the store really kept. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

function storedPath(sha256: string): string {
  return join(sha256.slice(0, 2), sha256.slice(2));
}

describe.each(await availableTargets())('photos on $name', (target) => {
  let t: TestServer;
  let root: string;
  let photoDir: string;
  let huber: string;
  let other: string;
  let clerk: string;
  let huberCase: string;
  let otherCase: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kvue-photo-test-'));
    photoDir = join(root, 'photos');
    // Next to the store, where a `../` hash would lead.
    await writeFile(join(root, 'secret'), SECRET);
    t = await startTestServer(target, 0, { photoDir, photoMaxBytes: MAX_BYTES });
    huber = (await login(t.server.url, 'officer.huber', DEMO_PASSWORD)).accessToken;
    other = (await login(t.server.url, 'officer.bauer', DEMO_PASSWORD)).accessToken;
    clerk = (await login(t.server.url, 'demo.clerk', DEMO_PASSWORD)).accessToken;
    huberCase = (await t.server.createCase(newCase(), 'officer-01')).id;
    otherCase = (await t.server.createCase(newCase(), 'officer-02')).id;
  });
  afterAll(async () => {
    await t?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('stores a JPEG under its hash, and the same photo again is deduplicated', async () => {
    const bytes = jpegBytes(5000);
    const sha256 = sha256Of(bytes);
    const first = await uploadPhoto(t.server.url, huber, bytes, {
      caseId: huberCase,
      lat: '48.1372',
      lon: '11.5756',
    });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({
      sha256,
      caseId: huberCase,
      sizeBytes: 5000,
      contentType: 'image/jpeg',
    });
    const again = await uploadPhoto(t.server.url, huber, bytes, { caseId: huberCase });
    expect(again.status).toBe(200);
    const files = await filesIn(photoDir);
    expect(files.filter((file) => file === storedPath(sha256))).toHaveLength(1);
    expect(files.some((file) => file.startsWith('.incoming-'))).toBe(false);
  });

  it('stores a PNG', async () => {
    const response = await uploadPhoto(t.server.url, huber, pngBytes(), {
      caseId: huberCase,
      contentType: 'image/png',
    });
    expect(response.status).toBe(201);
  });

  it('keeps nothing when the bytes do not hash to the URL', async () => {
    const bytes = jpegBytes();
    const claimed = sha256Of(jpegBytes());
    const response = await uploadPhoto(t.server.url, huber, bytes, {
      caseId: huberCase,
      sha256: claimed,
    });
    expect(response.status).toBe(400);
    expect((await apiError(response)).code).toBe('hash_mismatch');
    const files = await filesIn(photoDir);
    expect(files).not.toContain(storedPath(claimed));
    expect(files).not.toContain(storedPath(sha256Of(bytes)));
    expect(files.some((file) => file.startsWith('.incoming-'))).toBe(false);
  });

  it('refuses other content types and bytes that are not the declared image', async () => {
    const gif = await uploadPhoto(t.server.url, huber, jpegBytes(), {
      caseId: huberCase,
      contentType: 'image/gif',
    });
    expect(gif.status).toBe(415);
    const notJpeg = Buffer.from('GIF89a and then some more bytes');
    const disguised = await uploadPhoto(t.server.url, huber, notJpeg, { caseId: huberCase });
    expect(disguised.status).toBe(415);
    expect((await apiError(disguised)).code).toBe('unsupported_media_type');
    expect(await filesIn(photoDir)).not.toContain(storedPath(sha256Of(notJpeg)));
  });

  it('refuses a photo above the size limit', async () => {
    const bytes = jpegBytes(MAX_BYTES + 1);
    const response = await uploadPhoto(t.server.url, huber, bytes, { caseId: huberCase });
    expect(response.status).toBe(413);
    expect(await filesIn(photoDir)).not.toContain(storedPath(sha256Of(bytes)));
  });

  it('answers a chunked upload that grows past the limit with a 413, not a cut connection', async () => {
    const bytes = jpegBytes(MAX_BYTES * 64);
    const url = new URL(`/field/photos/${sha256Of(bytes)}`, t.server.url);
    url.searchParams.set('caseId', huberCase);
    url.searchParams.set('takenAt', new Date(Date.now() - 30_000).toISOString());
    // No content-length: the server learns the size only while reading, as from a phone
    // streaming straight from its camera.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'PUT',
        headers: {
          'content-type': 'image/jpeg',
          'transfer-encoding': 'chunked',
          authorization: `Bearer ${huber}`,
        },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      for (let offset = 0; offset < bytes.length; offset += 8192) {
        request.write(bytes.subarray(offset, offset + 8192));
      }
      request.end();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'too_large' } });
    expect(await filesIn(photoDir)).not.toContain(storedPath(sha256Of(bytes)));
  });

  it("refuses an upload to another officer's case or an unknown one", async () => {
    const forbidden = await uploadPhoto(t.server.url, huber, jpegBytes(), { caseId: otherCase });
    expect(forbidden.status).toBe(403);
    const unknown = await uploadPhoto(t.server.url, huber, jpegBytes(), {
      caseId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
  });

  it('names the field of bad metadata', async () => {
    const cases: [Parameters<typeof uploadPhoto>[3], string][] = [
      [{ caseId: 'not-a-uuid' }, 'caseId'],
      [{ caseId: huberCase, takenAt: 'yesterday' }, 'takenAt'],
      [{ caseId: huberCase, lat: '91', lon: '11' }, 'lat'],
      [{ caseId: huberCase, lat: '48.1' }, 'lon'],
    ];
    for (const [upload, field] of cases) {
      const response = await uploadPhoto(t.server.url, huber, jpegBytes(), upload);
      expect(response.status, field).toBe(400);
      expect((await apiError(response)).field).toBe(field);
    }
  });

  describe('download', () => {
    const bytes = jpegBytes(1000);
    const sha256 = sha256Of(bytes);
    const url = () => `${t.server.url}/photos/${sha256}`;

    beforeAll(async () => {
      const response = await uploadPhoto(t.server.url, huber, bytes, { caseId: huberCase });
      expect(response.status).toBe(201);
    });

    it('serves the bytes, immutable, with the hash as ETag', async () => {
      const response = await fetch(url(), { headers: { authorization: `Bearer ${clerk}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('etag')).toBe(`"${sha256}"`);
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const response = await fetch(url(), {
        headers: { authorization: `Bearer ${clerk}`, 'if-none-match': `"${sha256}"` },
      });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(`"${sha256}"`);
    });

    it('serves byte ranges and refuses impossible ones', async () => {
      const get = (range: string) =>
        fetch(url(), { headers: { authorization: `Bearer ${clerk}`, range } });
      const middle = await get('bytes=10-19');
      expect(middle.status).toBe(206);
      expect(middle.headers.get('content-range')).toBe('bytes 10-19/1000');
      expect(Buffer.from(await middle.arrayBuffer())).toEqual(bytes.subarray(10, 20));
      const tail = await get('bytes=-5');
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(995));
      for (const bad of ['bytes=1000-', 'bytes=20-10', 'bytes=abc', 'bytes=0-1,5-6']) {
        const response = await get(bad);
        expect(response.status, bad).toBe(416);
        expect(response.headers.get('content-range')).toBe('bytes */1000');
        await response.arrayBuffer();
      }
    });

    it("lets an officer see only their own cases' photos", async () => {
      const own = await fetch(url(), { headers: { authorization: `Bearer ${huber}` } });
      expect(own.status).toBe(200);
      await own.arrayBuffer();
      const foreign = await fetch(url(), { headers: { authorization: `Bearer ${other}` } });
      expect(foreign.status).toBe(403);
    });

    it('answers 404 for an unknown hash', async () => {
      const response = await fetch(`${t.server.url}/photos/${sha256Of(jpegBytes())}`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect(response.status).toBe(404);
    });
  });

  it('refuses malformed hashes before touching the file system', async () => {
    const valid = sha256Of(jpegBytes());
    const malformed = [
      '..%2Fsecret',
      '..%2F..%2Fsecret',
      `..%2F${'a'.repeat(61)}`,
      valid.toUpperCase(),
      valid.slice(0, 63),
      `${valid}0`,
    ];
    for (const hash of malformed) {
      const download = await fetch(`${t.server.url}/photos/${hash}`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect(download.status, hash).toBe(400);
      const text = await download.text();
      expect(text).not.toContain(SECRET);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'invalid_input', field: 'sha256' } });

      const upload = await uploadPhoto(t.server.url, huber, jpegBytes(), {
        caseId: huberCase,
        sha256: hash,
      });
      expect(upload.status, hash).toBe(400);
      await upload.arrayBuffer();
    }
    expect(await filesIn(root)).toEqual(expect.arrayContaining(['secret']));
    expect((await filesIn(root)).filter((file) => !file.startsWith('photos/'))).toEqual(['secret']);
  });
});
