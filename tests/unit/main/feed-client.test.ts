import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FeedProtocolError,
  FeedResetError,
  OfflineError,
  UnauthorizedError,
  fetchFeedPage,
} from '../../../src/main/sync/feed-client';
import { makeCase } from '../../support/cases';

let server: Server | null = null;

/** A server that answers /sync/feed with whatever the test writes. */
async function serve(write: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const created = createServer((req, res) => write(req, res));
  server = created;
  await new Promise<void>((r) => created.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = null;
});

const line = (value: unknown) => JSON.stringify(value) + '\n';
const START = { cursor: 0, epoch: null };

describe('reading a feed page', () => {
  it('returns the changes and the end line, even when lines are split across chunks', async () => {
    const a = makeCase();
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const text =
        line({ kind: 'change', cursor: 7, entity: 'case', op: 'upsert', data: a }) +
        line({ kind: 'end', cursor: 7, hasMore: false, epoch: 'e1' });
      res.write(text.slice(0, 10));
      setTimeout(() => res.end(text.slice(10)), 20);
    });
    const page = await fetchFeedPage(url, 'token', START, 100);
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ cursor: 7, op: 'upsert', data: { plate: a.plate } });
    expect(page.end).toEqual({ kind: 'end', cursor: 7, hasMore: false, epoch: 'e1' });
  });

  it('rejects the whole page when one line is malformed, naming the line', async () => {
    const url = await serve((_req, res) => {
      res.end(
        line({ kind: 'change', cursor: 1, entity: 'case', op: 'upsert', data: makeCase() }) +
          line({ kind: 'change', cursor: 2, entity: 'case', op: 'upsert', data: { id: 'x' } }) +
          line({ kind: 'end', cursor: 2, hasMore: false, epoch: 'e1' }),
      );
    });
    await expect(fetchFeedPage(url, 'token', START, 100)).rejects.toThrow(FeedProtocolError);
    await expect(fetchFeedPage(url, 'token', START, 100)).rejects.toThrow(/line 2/);
  });

  it('treats a page cut off before its end line as interrupted, not as data', async () => {
    const url = await serve((_req, res) => {
      res.end(line({ kind: 'change', cursor: 1, entity: 'case', op: 'upsert', data: makeCase() }));
    });
    await expect(fetchFeedPage(url, 'token', START, 100)).rejects.toThrow(OfflineError);
  });

  it('tells an expired token from a server that is down', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(401).end('{"error":{"code":"unauthorized","message":"expired"}}');
    });
    await expect(fetchFeedPage(url, 'token', START, 100)).rejects.toThrow(UnauthorizedError);
    await expect(fetchFeedPage('http://127.0.0.1:1', 'token', START, 100)).rejects.toThrow(
      OfflineError,
    );
  });

  it('asks within its epoch and takes a 410 feed_reset, or an end line of another epoch, as a reset', async () => {
    const asked: string[] = [];
    const url = await serve((req, res) => {
      asked.push(req.url ?? '');
      if (req.url?.includes('epoch=old')) {
        res.writeHead(410, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"feed_reset","message":"history gone"}}');
        return;
      }
      res.end(line({ kind: 'end', cursor: 9, hasMore: false, epoch: 'new' }));
    });
    await expect(fetchFeedPage(url, 'token', { cursor: 5, epoch: 'old' }, 100)).rejects.toThrow(
      FeedResetError,
    );
    expect(asked[0]).toContain('cursor=5');
    await expect(fetchFeedPage(url, 'token', { cursor: 5, epoch: 'other' }, 100)).rejects.toThrow(
      FeedResetError,
    );
    const first = await fetchFeedPage(url, 'token', START, 100);
    expect(first.end.epoch).toBe('new');
    expect(asked[2]).not.toContain('epoch=');
  });

  it('does not take a 410 without the feed_reset code for a reset', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(410).end('{"error":{"code":"gone","message":"no"}}');
    });
    await expect(fetchFeedPage(url, 'token', { cursor: 5, epoch: 'e1' }, 100)).rejects.toThrow(
      FeedProtocolError,
    );
  });
});
