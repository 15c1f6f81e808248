import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { feedQuerySchema } from '../../../shared/sync/feed';
import { isOfficeRole } from '../../../shared/domain/user';
import { ANY_ROLE, requireRole } from '../../auth/guard';
import { feedPageChunks } from '../../feed/read';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

/** Yields `first` and then the rest of the already started iterator. */
async function* resume(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Chunks (about 0.5 MB each) read ahead of a slow socket: enough to keep PostgreSQL busy while
 * the socket drains, few enough to keep a page's memory small.
 */
const CHUNKS_AHEAD = 4;

export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/sync/feed',
    // Every role reads the feed; what each sees is filtered row by row (officers: their own
    // cases and conversations).
    { preHandler: requireRole(ctx.db, ANY_ROLE) },
    async (request, reply) => {
      const { cursor, limit } = parseInput(feedQuerySchema, request.query, 'query');
      const user = request.authUser;
      if (!user) throw new Error('requireRole did not set the user');
      const viewer = { userId: user.id, office: isOfficeRole(user.role) };
      const lines = feedPageChunks(ctx.db, viewer, cursor, limit);
      // The first line is read before the 200 goes out, so an unreachable database is still a
      // proper 500. Later failures cut the stream before its `end` line, which clients treat as
      // an incomplete page: streaming never makes a partial page look complete.
      const first = await lines.next();
      if (first.done) throw new Error('feed page ended without its end line');
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(Readable.from(resume(first.value, lines), { highWaterMark: CHUNKS_AHEAD }));
    },
  );
}
