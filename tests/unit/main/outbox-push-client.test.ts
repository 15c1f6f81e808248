import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src/shared/sync/mutations';
import { BatchRefusedError, pushMutations } from '../../../src/main/outbox/push-client';
import { OfflineError, UnauthorizedError } from '../../../src/main/sync/feed-client';

const claim: Mutation = { id: randomUUID(), kind: 'claim', caseId: randomUUID() };

describe('outbox push client', () => {
  let respond: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => respond(req, res, body));
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const answer = (status: number, body: unknown) => {
    respond = (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
  };

  it('posts the batch with the token and returns the answers', async () => {
    let seen: { auth?: string; body?: unknown } = {};
    respond = (req, res, body) => {
      seen = { auth: req.headers.authorization, body: JSON.parse(body) };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          results: [{ id: claim.id, status: 'applied', repeated: true, record: null }],
          cursor: 7,
        }),
      );
    };
    const result = await pushMutations(url, 'secret-token', [claim]);
    expect(seen).toEqual({ auth: 'Bearer secret-token', body: { mutations: [claim] } });
    expect(result).toEqual({
      results: [{ id: claim.id, status: 'applied', repeated: true, record: null }],
      cursor: 7,
    });
  });

  it('maps failures: 401 log in again; unreachable, cut, 429 and 503 offline; 500 and nonsense refused', async () => {
    answer(401, { error: { code: 'unauthorized', message: 'expired' } });
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(UnauthorizedError);
    answer(503, {});
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(OfflineError);
    answer(429, {});
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(OfflineError);
    answer(500, { error: { code: 'internal', message: 'boom' } });
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(BatchRefusedError);
    answer(200, '{"results": [');
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(BatchRefusedError);
    answer(200, { results: [{ status: 'maybe' }], cursor: 1 });
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(BatchRefusedError);

    // The server applied the batch, but the answer is lost on the way.
    respond = (_req, res) => res.socket?.destroy();
    await expect(pushMutations(url, 't', [claim])).rejects.toBeInstanceOf(OfflineError);
    await expect(pushMutations('http://127.0.0.1:9', 't', [claim])).rejects.toBeInstanceOf(
      OfflineError,
    );
  });
});
