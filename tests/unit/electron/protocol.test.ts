import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createRendererProtocolHandler,
  registerPrivilegedSchemes,
} from '../../../src/main/electron/protocol';

vi.mock('electron', () => ({}));

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Stands in for Electron's net.fetch on file URLs. */
async function fetchFile(url: string): Promise<Response> {
  const path = fileURLToPath(url);
  const body = await readFile(path);
  return new Response(body, { headers: { 'content-type': TYPES[extname(path)] ?? 'x/unknown' } });
}

let root: string;
let rendererDir: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kvue-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>KVÜ</title>');
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'not for the renderer');
  handle = createRendererProtocolHandler({ rendererDir, csp: "default-src 'self'", fetchFile });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('serves index.html for the root, with the CSP header', async () => {
    const response = await handle(new Request('app://kvue/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>KVÜ</title>');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves built assets', async () => {
    const response = await handle(new Request('app://kvue/assets/index-abc.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript');
  });

  it('answers HEAD without a body', async () => {
    const response = await handle(new Request('app://kvue/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('never serves anything outside the renderer folder', async () => {
    for (const url of [
      'app://kvue/%2e%2e/secret.txt',
      'app://kvue/..%2fsecret.txt',
      'app://kvue/assets/..%2f..%2fsecret.txt',
      'app://kvue/..%5csecret.txt',
    ]) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
  });

  it('answers 404 for missing files, folders and other hosts', async () => {
    for (const url of ['app://kvue/missing.js', 'app://kvue/assets/', 'app://other/index.html']) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
  });

  it('accepts only GET and HEAD', async () => {
    const response = await handle(new Request('app://kvue/index.html', { method: 'POST' }));
    expect(response.status).toBe(405);
  });

  it('registers the scheme as standard and secure', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerPrivilegedSchemes(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
      // The photo scheme shares the one call (Electron keeps only the last); see photo-protocol.test.ts.
      expect.objectContaining({ scheme: 'kvue-photo' }),
    ]);
    const privileges = protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0]?.[0]?.privileges;
    // bypassCSP would switch the policy off for this scheme.
    expect(privileges?.bypassCSP).toBeUndefined();
  });
});
