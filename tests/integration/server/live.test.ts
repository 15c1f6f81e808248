import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { caseRecordSchema } from '../../../src/shared/domain/case';
import { livePokeSchema, type LivePoke } from '../../../src/shared/sync/feed';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import {
  apiError,
  newCase,
  postCase,
  readFeedPage,
  readWholeFeed,
  tokenFor,
} from './support/client';
import { changesOf, entityKey, upsertsOf } from './support/feed-entities';

/** A live connection that queues pokes so a test can await them in order. */
class LiveClient {
  private readonly queue: LivePoke[] = [];
  private waiter: ((poke: LivePoke) => void) | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const poke = livePokeSchema.parse(JSON.parse(String(data)));
      if (this.waiter) {
        this.waiter(poke);
        this.waiter = null;
      } else this.queue.push(poke);
    });
  }

  static open(url: string, token: string): Promise<LiveClient> {
    const socket = new WebSocket(liveUrl(url, token));
    const client = new LiveClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  next(timeoutMs = 5000): Promise<LivePoke> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no poke arrived')), timeoutMs);
      this.waiter = (poke) => {
        clearTimeout(timer);
        resolve(poke);
      };
    });
  }
}

function liveUrl(base: string, token?: string): string {
  const url = new URL('/sync/live', base);
  url.protocol = 'ws:';
  if (token !== undefined) url.searchParams.set('token', token);
  return url.href;
}

/** The HTTP status with which the server refused the handshake. */
function refusal(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => reject(new Error('the live channel accepted the connection')));
    socket.on('error', () => undefined);
  });
}

describe.each(await availableTargets())('live pokes on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerk: string;
  let officer: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer(target, 15);
    url = t.server.url;
    clerk = await tokenFor(url, 'demo.clerk');
    officer = await tokenFor(url, 'officer.huber');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await t?.stop();
  });

  it('pokes with the feed head on connect and with the new cursor after a case is created', async () => {
    const live = await LiveClient.open(url, clerk);
    sockets.push(live.socket);
    const head = (await readWholeFeed(url, clerk)).cursor;
    expect(await live.next()).toEqual({ kind: 'poke', cursor: head });

    const response = await postCase(url, officer, newCase());
    expect(response.status).toBe(201);
    const created = caseRecordSchema.parse(await response.json());
    const poke = await live.next();
    expect(poke.cursor).toBeGreaterThan(head);

    // The poke points at the head: pulling up to it yields the new case and its trail entry.
    const page = await readFeedPage(url, clerk, head, 10);
    expect(page.end.cursor).toBe(poke.cursor);
    expect(page.changes.map((change) => change.entity)).toEqual(['case', 'case_event']);
    expect(changesOf(page.changes, 'case').map(entityKey)).toEqual([created.id]);
    expect(upsertsOf(page.changes, 'case_event')).toMatchObject([
      { caseId: created.id, kind: 'recorded' },
    ]);
  });

  it('pokes every connected listener after a status change', async () => {
    const a = await LiveClient.open(url, clerk);
    const b = await LiveClient.open(url, await tokenFor(url, 'demo.lead'));
    sockets.push(a.socket, b.socket);
    const start = (await a.next()).cursor;
    await b.next();
    const first = upsertsOf((await readWholeFeed(url, clerk)).changes, 'case')[0];
    if (!first) throw new Error('expected a seeded case');
    await t.server.setCaseStatus(first.id, 'disputed');
    expect((await a.next()).cursor).toBeGreaterThan(start);
    expect((await b.next()).cursor).toBeGreaterThan(start);
  });

  it('refuses a missing and an unknown token before upgrading', async () => {
    expect(await refusal(liveUrl(url))).toBe(401);
    expect(await refusal(liveUrl(url, 'definitely-not-a-token-000000'))).toBe(401);
  });

  it('admits an officer, who is poked too when another officer records a case', async () => {
    const live = await LiveClient.open(url, officer);
    sockets.push(live.socket);
    const head = (await readWholeFeed(url, officer)).cursor;
    expect(await live.next()).toEqual({ kind: 'poke', cursor: head });

    // A poke carries only a cursor; pulling shows the officer nothing of the other's case, and
    // moves them to the head all the same.
    const response = await postCase(url, await tokenFor(url, 'officer.bauer'), newCase());
    expect(response.status).toBe(201);
    const poke = await live.next();
    expect(poke.cursor).toBeGreaterThan(head);
    const page = await readFeedPage(url, officer, head, 10);
    expect(page.changes).toEqual([]);
    expect(page.end).toEqual({
      kind: 'end',
      cursor: poke.cursor,
      hasMore: false,
      epoch: expect.any(String),
    });
  });

  it('answers a plain GET without an upgrade with 426 in the error shape', async () => {
    for (const token of [clerk, officer]) {
      const response = await fetch(`${url}/sync/live`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(426);
      expect(await apiError(response)).toMatchObject({ code: 'upgrade_required' });
    }
    // The token is still checked first.
    const anonymous = await fetch(`${url}/sync/live`);
    expect(anonymous.status).toBe(401);
    expect((await apiError(anonymous)).code).toBe('unauthorized');
  });
});
