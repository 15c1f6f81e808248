import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** What the proxy does with one feed response. */
export type FeedMode = 'pass' | 'cut' | 'corrupt';

/**
 * Passes a WebSocket upgrade on to the server at `targetPort` and pipes both ways; either side
 * closing or failing closes the other. Returns the upstream socket, for a proxy that cuts.
 */
export function pipeUpgrade(
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  targetPort: number,
): Socket {
  const upstream = connect(targetPort, '127.0.0.1', () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('close', () => socket.destroy());
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
  return upstream;
}

export interface FeedRequest {
  /** 1 for the first feed request through this proxy, and so on. */
  n: number;
  cursor: number;
}

export interface FeedProxy {
  url: string;
  /** Feed requests seen so far. */
  readonly feedRequests: FeedRequest[];
  close(): Promise<void>;
}

/** A broken line in the place of a change: JSON cut off in the middle. */
export const BROKEN_LINE = '{"kind":"upsert","entity":"case","data":{"id":';

function withoutLength(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  delete copy['content-length'];
  delete copy['transfer-encoding'];
  return copy;
}

/**
 * A plain HTTP (and WebSocket) proxy in front of the server on `target` (host:port), which can
 * break feed responses on purpose: `feedMode` decides per request, `beforeFeed` may act first
 * (stop the server, say). When the server is down it answers 502, as a real proxy would.
 */
export async function startFeedProxy(
  targetPort: number,
  feedMode: (request: FeedRequest) => FeedMode,
  beforeFeed?: (request: FeedRequest) => Promise<void>,
): Promise<FeedProxy> {
  const sockets = new Set<Socket>();
  const feedRequests: FeedRequest[] = [];
  const server = createServer((req, res) => {
    const isFeed = req.url?.startsWith('/sync/feed') ?? false;
    let feed: FeedRequest | null = null;
    if (isFeed) {
      const cursor = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor') ?? 0);
      feed = { n: feedRequests.length + 1, cursor };
      feedRequests.push(feed);
    }
    const forward = () => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: targetPort,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (upRes) => {
          const mode = feed && upRes.statusCode === 200 ? feedMode(feed) : 'pass';
          if (mode === 'pass') {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          } else if (mode === 'cut') {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            let sent = 0;
            upRes.on('data', (chunk: Buffer) => {
              if (sent > 64 * 1024) return;
              res.write(chunk);
              sent += chunk.byteLength;
              if (sent > 64 * 1024) {
                // Midway through the page: the connection dies without an end.
                res.socket?.destroy();
                upRes.destroy();
              }
            });
            upRes.on('end', () => res.socket?.destroy());
          } else {
            const chunks: Buffer[] = [];
            upRes.on('data', (chunk: Buffer) => chunks.push(chunk));
            upRes.on('end', () => {
              const lines = Buffer.concat(chunks).toString('utf8').split('\n');
              lines[Math.floor((lines.length - 2) / 2)] = BROKEN_LINE;
              res.writeHead(upRes.statusCode ?? 200, withoutLength(upRes.headers));
              res.end(lines.join('\n'));
            });
          }
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.socket?.destroy();
      });
      req.pipe(upstream);
    };
    if (feed && beforeFeed) {
      beforeFeed(feed).then(forward, () => res.writeHead(500).end());
    } else {
      forward();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    const upstream = pipeUpgrade(req, socket, head, targetPort);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    feedRequests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
