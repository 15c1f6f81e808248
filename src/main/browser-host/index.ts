import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MainApp } from '../app';
import { dispatchCall } from '../contract/dispatch';
import { contentSecurityPolicy } from '../security/csp';
import { createPhotoRoute } from './photos';
import { serveStatic } from './static';

export interface BrowserHostOptions {
  app: MainApp;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface BrowserHost {
  /** What to open in a browser: the origin with the launch token in the fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

/**
 * Serves the built renderer and the contract over loopback HTTP and WebSocket, so the real
 * renderer runs against the real main services in any Chromium. Only for development and
 * end-to-end tests: the packaged app never starts it. Every API request must carry the random
 * per-launch token; Host and Origin are checked so another web page cannot reach it either.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const tokenMatches = (candidate: string | null | undefined): boolean => {
    const given = Buffer.from(candidate ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  let origin = '';
  const securityHeaders = (): Record<string, string> => ({
    'content-security-policy': contentSecurityPolicy({ connect: [origin.replace('http', 'ws')] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  });
  const isOwnHost = (request: IncomingMessage) => request.headers.host === new URL(origin).host;
  const isOwnOrigin = (request: IncomingMessage) =>
    request.headers.origin === undefined || request.headers.origin === origin;

  const sendJson = (
    response: ServerResponse,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) => {
    response.writeHead(status, {
      ...securityHeaders(),
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...extra,
    });
    response.end(JSON.stringify(body));
  };

  const handleCall = async (request: IncomingMessage, response: ServerResponse, name: string) => {
    const auth = request.headers.authorization ?? '';
    if (!tokenMatches(auth.startsWith('Bearer ') ? auth.slice(7) : null)) {
      sendJson(response, 401, {
        ok: false,
        error: { code: 'forbidden', message: 'Missing or wrong launch token' },
      });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        sendJson(response, 413, {
          ok: false,
          error: { code: 'invalid_input', message: 'Request too large' },
        });
        request.destroy();
        return;
      }
      chunks.push(chunk);
    }
    let input: unknown;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'Body is not JSON' },
      });
      return;
    }
    // The launch token was right: the page gets the photo cookie for its <img> requests.
    sendJson(response, 200, await dispatchCall(options.app.impl, name, input), {
      'set-cookie': photoRoute.cookieHeader(),
    });
  };

  let port = 0;
  const photoRoute = createPhotoRoute({
    port: () => port,
    photos: options.app.photos,
    launchTokenMatches: tokenMatches,
  });

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (!isOwnHost(request) || !isOwnOrigin(request)) {
      sendJson(response, 403, { error: 'Foreign host or origin' });
      return;
    }
    if (photoRoute.matches(request.url ?? '')) {
      photoRoute.handle(request, response, securityHeaders()).catch((error: unknown) => {
        console.error('[browser-host] photo failed', error);
        if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
        else response.destroy();
      });
      return;
    }
    const callMatch = /^\/api\/call\/([a-z]+\.[a-zA-Z]+)$/.exec(url.pathname);
    if (callMatch?.[1] && request.method === 'POST') {
      handleCall(request, response, callMatch[1]).catch((error: unknown) => {
        console.error('[browser-host] call failed', error);
        if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { error: 'Method not allowed' });
      return;
    }
    serveStatic(options.rendererDir, url.pathname, response, securityHeaders()).catch(
      (error: unknown) => {
        console.error('[browser-host] static file failed', error);
        if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      },
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (
      url.pathname !== '/api/events' ||
      !isOwnHost(request) ||
      !isOwnOrigin(request) ||
      !tokenMatches(url.searchParams.get('token'))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });
  const clients = new Set<WebSocket>();
  sockets.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // The renderer only listens; anything it sends is ignored.
    ws.on('message', () => undefined);
  });
  const unsubscribe = options.app.onEvent((name, payload) => {
    const message = JSON.stringify({ name, payload });
    for (const client of clients) client.send(message);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
