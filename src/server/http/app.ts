import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApiError } from '../../shared/sync/auth';
import { ApiFailure } from '../errors';
import type { AppContext } from './context';
import { installErrorHandling } from './error-handler';
import { auditRoutes } from './routes/audit';
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
  options: { logger?: boolean | { stream: { write(line: string): void } } } = {},
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

  // A JSON API: no page of ours may be framed, run scripts or leak the URL onward. HSTS is sent
  // as well; browsers heed it only over TLS, which the office's reverse proxy terminates.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Limits are set per route (the login routes); refusals leave in the usual error shape.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(
        429,
        'rate_limited',
        `Too many requests from this address; try again in ${context.after}`,
      ),
  });

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
  auditRoutes(app, ctx);
  await photoRoutes(app, ctx);
  await openApiRoutes(app);
  return app;
}
