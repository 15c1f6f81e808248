import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditReporter, VIEW_REPEAT_MS } from '../../../src/main/audit/reporter';
import { openDatabase } from '../../../src/main/db/connection';

const CASE = '11111111-1111-4111-8111-111111111111';
const OTHER_CASE = '22222222-2222-4222-8222-222222222222';

async function body(request: IncomingMessage): Promise<{ views: { id: string }[] }> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return JSON.parse(text) as { views: { id: string }[] };
}

describe('audit reporter', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  /** A stand-in for POST /audit/views; `answer` decides each request from its views. */
  async function fakeServer(answer: (ids: string[]) => [number, unknown]) {
    const received: string[][] = [];
    const server = createServer((request, response) => {
      void body(request).then(({ views }) => {
        const ids = views.map((v) => v.id);
        received.push(ids);
        const [status, json] = answer(ids);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
  }

  function setup(url: string, who: { name: string | null }) {
    const db = openDatabase(':memory:');
    let now = Date.parse('2026-11-28T09:00:00Z');
    const reporter = new AuditReporter(
      db,
      {
        serverUrl: url,
        signal: new AbortController().signal,
        get username() {
          return who.name;
        },
        authorized: (fn) => fn('token'),
      },
      () => new Date(now),
    );
    const left = () =>
      (db.prepare('SELECT count(*) AS n FROM audit_views').get() as { n: number }).n;
    return { db, reporter, left, advance: (ms: number) => (now += ms) };
  }

  it('folds a quick repeat into one view, and counts a later one again', async () => {
    const server = await fakeServer((ids) => [200, { accepted: ids.length, duplicates: 0 }]);
    const { reporter, advance } = setup(server.url, { name: 'm.mueller' });
    expect(reporter.record({ caseId: CASE })).toBe(true);
    expect(reporter.record({ caseId: CASE })).toBe(false);
    expect(reporter.record({ caseId: CASE, photoSha256: 'ab'.repeat(32) })).toBe(true);
    advance(VIEW_REPEAT_MS + 1);
    expect(reporter.record({ caseId: CASE })).toBe(true);
  });

  it('drops a view the server can never store and sends the rest', async () => {
    let first = true;
    const server = await fakeServer((ids) => {
      if (first) {
        first = false;
        return [400, { error: { code: 'invalid_input', message: 'x', field: 'views.1.viewedAt' } }];
      }
      return [200, { accepted: ids.length, duplicates: 0 }];
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { reporter, left } = setup(server.url, { name: 'm.mueller' });
    reporter.record({ caseId: CASE });
    reporter.record({ caseId: OTHER_CASE });
    reporter.record({ caseId: CASE, photoSha256: 'ab'.repeat(32) });
    await reporter.flush();
    warn.mockRestore();
    expect(server.received.map((ids) => ids.length)).toEqual([3, 2]);
    expect(server.received[1]).not.toContain(server.received[0]?.[1]);
    expect(left()).toBe(0);
  });

  it('keeps views while the server is away, and sends only the signed-in clerk’s', async () => {
    let up = false;
    const server = await fakeServer((ids) =>
      up ? [200, { accepted: ids.length, duplicates: 0 }] : [503, {}],
    );
    const who = { name: 'm.mueller' as string | null };
    const { reporter, left } = setup(server.url, who);
    reporter.record({ caseId: CASE });
    await expect(reporter.flush()).rejects.toThrow(/503/);
    expect(left()).toBe(1);

    who.name = 'k.berger';
    reporter.record({ caseId: OTHER_CASE });
    up = true;
    await reporter.flush();
    expect(server.received.at(-1)).toHaveLength(1);
    expect(left()).toBe(1);
    who.name = 'm.mueller';
    await reporter.flush();
    expect(left()).toBe(0);
  });
});
