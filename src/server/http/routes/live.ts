import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { LivePoke } from '../../../shared/sync/feed';
import { ANY_ROLE, requireRole } from '../../auth/guard';
import { ApiFailure } from '../../errors';
import { feedHead } from '../../feed/read';
import type { AppContext } from '../context';

/**
 * A connection that dropped without a close frame (laptop asleep, mobile network gone) would
 * stay subscribed forever; a client that misses one ping interval is cut.
 */
const PING_INTERVAL_MS = 30_000;

function poke(cursor: number): string {
  const message: LivePoke = { kind: 'poke', cursor };
  return JSON.stringify(message);
}

function keepAlive(socket: WebSocket): () => void {
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, PING_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export function liveRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.route({
    method: 'GET',
    url: '/sync/live',
    // Runs before the upgrade, so a refused token is a plain HTTP 401/403, not a socket. Every
    // role may listen: a poke carries only a cursor, and each feed is filtered on reading.
    preValidation: requireRole(ctx.db, ANY_ROLE, 'header-or-query'),
    // A plain GET (no upgrade) gets a clear error in the usual shape rather than a bare 404.
    handler: async () => {
      throw new ApiFailure(426, 'upgrade_required', 'GET /sync/live is a WebSocket endpoint');
    },
    wsHandler: async (socket) => {
      const send = (cursor: number) => {
        if (socket.readyState === socket.OPEN) socket.send(poke(cursor));
      };
      const unsubscribe = ctx.hub.subscribe(send);
      const stopKeepAlive = keepAlive(socket);
      socket.on('close', () => {
        unsubscribe();
        stopKeepAlive();
      });
      // Clients only listen; anything they send is ignored rather than buffered.
      socket.on('message', () => undefined);
      const head = await feedHead(ctx.db);
      // Pokes published meanwhile may already be out; never follow them with a lower cursor.
      send(Math.max(head, ctx.hub.latest));
    },
  });
}
