import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApiError } from '../../shared/sync/auth';
import type { AppContext } from './context';
import { installErrorHandling } from './error-handler';
import { authRoutes } from './routes/auth';
import { feedRoutes } from './routes/feed';
import { fieldCaseRoutes } from './routes/field-cases';
import { healthRoutes } from './routes/health';
import { intakeRoutes } from './routes/intake';
import { liveRoutes } from './routes/live';
import { mutationRoutes } from './routes/mutations';
import { openApiRoutes } from './routes/openapi';
import { photoRoutes } from './routes/photos';
import { trackRoutes } from './route-table';

/** How long live clients get to acknowledge the close frame before their sockets are cut. */
const WS_CLOSE_GRACE_MS = 250;

export async function buildApp(
  ctx: AppContext,
  options: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // A stop must be quick (tests restart on the same port at once): drop keep-alive and
    // in-flight connections instead of waiting for them.
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
    // Refusals from the router itself (an overlong path parameter, a malformed URL) leave in the
    // same error shape as everything else.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const body: ApiError = { error: { code: 'bad_request', message: error.message } };
      void reply.code(error.statusCode ?? 400).send(body);
    },
  });
  trackRoutes(app);
  app.decorateRequest('authUser', null);
  app.decorateRequest('authFamilyId', null);
  installErrorHandling(app);

  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    preClose(done) {
      const wss = app.websocketServer;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        for (const client of wss.clients) client.terminate();
        wss.close(() => done());
      };
      const timer = setTimeout(finish, WS_CLOSE_GRACE_MS);
      let open = wss.clients.size;
      if (open === 0) return finish();
      for (const client of wss.clients) {
        client.once('close', () => {
          open -= 1;
          if (open === 0) finish();
        });
        client.close(1001, 'server stopping');
      }
    },
  });

  healthRoutes(app);
  authRoutes(app, ctx);
  feedRoutes(app, ctx);
  liveRoutes(app, ctx);
  fieldCaseRoutes(app, ctx);
  mutationRoutes(app, ctx);
  intakeRoutes(app, ctx);
  await photoRoutes(app, ctx);
  await openApiRoutes(app);
  return app;
}
