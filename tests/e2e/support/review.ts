import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import type { FeedRecordOf } from '../../../src/shared/sync/feed';
import { latestOf } from '../../integration/server/support/mutations';
import { pipeUpgrade } from '../../integration/console/support/feed-proxy';
import { readWholeFeed } from '../../integration/server/support/client';
import { tokenFor } from './photos';

/**
 * The network between one console and the server: a plain HTTP and WebSocket proxy that can be
 * cut (every connection dropped, new ones refused, as when a cable is pulled) and that can hold
 * back pushes carrying a decision, so "sent, not yet confirmed" lasts long enough to be seen.
 */
export interface ServerLink {
  url: string;
  disconnect(): void;
  reconnect(): void;
  holdDecisions(): void;
  /** Forwards the held pushes and lets later ones through. */
  releaseDecisions(): void;
  /** Pushes with a decision held back right now. */
  readonly held: number;
  close(): Promise<void>;
}

interface Held {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
}

const carriesDecision = (body: Buffer): boolean => {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { mutations?: { kind?: unknown }[] };
    return parsed.mutations?.some((m) => m.kind === 'decision') ?? false;
  } catch {
    return false;
  }
};

export async function startServerLink(targetPort: number): Promise<ServerLink> {
  const sockets = new Set<Socket>();
  let offline = false;
  let holding = false;
  let held: Held[] = [];

  const forward = ({ req, res, body }: Held) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('socket', (socket) => track(socket));
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };

  function track(socket: Socket) {
    if (offline) {
      socket.destroy();
      return;
    }
    // A kept-alive upstream socket comes back for the next request: listen to it once.
    if (sockets.has(socket)) return;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const work = { req, res, body: Buffer.concat(chunks) };
      const push = req.method === 'POST' && req.url === '/sync/mutations';
      if (push && holding && carriesDecision(work.body)) held.push(work);
      else forward(work);
    });
  });
  server.on('connection', track);
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (offline) {
      socket.destroy();
      return;
    }
    track(pipeUpgrade(req, socket, head, targetPort));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    held = [];
  };
  return {
    url: `http://127.0.0.1:${port}`,
    disconnect() {
      offline = true;
      dropAll();
    },
    reconnect() {
      offline = false;
    },
    holdDecisions() {
      holding = true;
    },
    releaseDecisions() {
      holding = false;
      const waiting = held;
      held = [];
      for (const work of waiting) forward(work);
    },
    get held() {
      return held.length;
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The zoom of the full view's (first) photo, from its CSS transform. */
export async function viewerScale(page: Page): Promise<number> {
  const style = (await page.getByTestId('viewer-image').first().getAttribute('style')) ?? '';
  return Number(/scale\(([\d.]+)\)/.exec(style)?.[1] ?? Number.NaN);
}

export interface ServerCase {
  kase: FeedRecordOf<'case'> | undefined;
  decisions: FeedRecordOf<'decision'>[];
  /** The case's "decided" timeline events. */
  decidedEvents: number;
}

/** What the server holds about a case, read from its feed as a clerk reads it (HTTP API). */
export async function onServer(serverUrl: string, caseId: string): Promise<ServerCase> {
  const token = await tokenFor(serverUrl, 'clerk');
  const { changes } = await readWholeFeed(serverUrl, token);
  return {
    kase: latestOf(changes, 'case')
      .filter((c) => c.id === caseId)
      .at(-1),
    decisions: latestOf(changes, 'decision').filter((d) => d.caseId === caseId),
    decidedEvents: latestOf(changes, 'case_event').filter(
      (e) => e.caseId === caseId && e.kind === 'decided',
    ).length,
  };
}

/** "25,50" for 2550 cents, as a clerk types an amount. */
export const euroText = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');
