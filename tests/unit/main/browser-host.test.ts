import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ContractImpl } from '../../../src/shared/contract';
import type { MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import { resolveStaticPath } from '../../../src/main/browser-host/static';

/** Raw HTTP, because fetch would not let the test forge the Host header. */
function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>KVÜ</title>');
  writeFileSync(join(dir, '..', 'secret.txt'), 'secret');
  const list = vi.fn(async () => ({ total: 0, offset: 0, rows: [] }));
  let emit: Parameters<MainApp['onEvent']>[0] = () => undefined;
  const app: MainApp = {
    impl: {
      'cases.list': list,
      'sync.status': async () => ({
        state: 'idle',
        cursor: 0,
        lastSyncedAt: null,
        caseCount: 0,
        error: null,
      }),
      // Only the calls these tests make; the rest are never reached.
    } as Partial<ContractImpl> as ContractImpl,
    onEvent: (listener) => {
      emit = listener;
      return () => undefined;
    },
    close: async () => undefined,
  };
  let host: BrowserHost;
  beforeAll(async () => {
    host = await startBrowserHost({ app, rendererDir: dir });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (name: string, body: unknown, token = host.token) =>
    raw(host.port, `/api/call/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('listens on loopback only and puts the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
  });

  it('serves the renderer with a strict CSP', async () => {
    const page = await raw(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('KVÜ');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('runs a contract call with the token, validated', async () => {
    const ok = await call('cases.list', { offset: 0, limit: 10 });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { total: 0, offset: 0, rows: [] } });
    expect(list).toHaveBeenCalledTimes(1);

    const bad = await call('cases.list', { offset: -1, limit: 10 });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('refuses calls without the token, from another origin, or for another host name', async () => {
    expect((await call('cases.list', { offset: 0, limit: 1 }, 'wrong')).status).toBe(401);
    const foreignOrigin = await raw(host.port, '/api/call/cases.list', {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreignOrigin.status).toBe(403);
    const rebound = await raw(host.port, '/', { headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await raw(host.port, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    expect(resolveStaticPath(dir, '/%E0%A4%A')).toBeNull();
  });

  it('pushes events over the WebSocket only with the token', async () => {
    const wsUrl = `ws://127.0.0.1:${host.port}/api/events`;
    const refused = new WebSocket(`${wsUrl}?token=wrong`);
    await new Promise<void>((resolve) => refused.on('error', () => resolve()));

    const socket = new WebSocket(`${wsUrl}?token=${host.token}`);
    await new Promise((resolve) => socket.on('open', resolve));
    const received = new Promise<string>((resolve) =>
      socket.on('message', (m) => resolve(String(m))),
    );
    emit('data.changed', { entities: ['cases'] });
    expect(JSON.parse(await received)).toEqual({
      name: 'data.changed',
      payload: { entities: ['cases'] },
    });
    socket.close();
  });
});
