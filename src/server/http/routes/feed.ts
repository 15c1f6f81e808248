import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { feedQuerySchema, type FeedQuery } from '../../../shared/sync/feed';
import { isOfficeRole } from '../../../shared/domain/user';
import { ANY_ROLE, requireRole } from '../../auth/guard';
import { EpochChangedError, feedPageChunks, recycleChunk, type FeedViewer } from '../../feed/read';
import { readFeedState, resumeEpoch } from '../../feed/state';
import type { SqlExecutor } from '../../store/client';
import type { AppContext } from '../context';
import { parseInput } from '../validate';
import { safeError } from '../error-handler';

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes `first` and the rest of the page to `res`, each Buffer handed back to the feed once the
 * socket took it (`recycleChunk`): a page's output Buffers are then reused rather than left to
 * the garbage collector, which otherwise spent more time on them than the writes did. Later
 * failures cut the stream before its `end` line, which clients treat as an incomplete page:
 * streaming never makes a partial page look complete.
 */
async function writePage(
  res: ServerResponse,
  first: Buffer,
  rest: AsyncGenerator<Buffer>,
  onError: (error: unknown) => void,
): Promise<void> {
  let chunk: Buffer | undefined = first;
  try {
    while (chunk && !res.destroyed) {
      const written: Buffer = chunk;
      if (!res.write(written, () => recycleChunk(written))) {
        // The feed reads on meanwhile, up to a bound (see PAUSE_BYTES in feed/read.ts).
        await drainedOrClosed(res);
      }
      const next = await rest.next();
      chunk = next.done ? undefined : next.value;
    }
    if (chunk) await rest.return(undefined);
    else res.end();
  } catch (error) {
    onError(error);
    res.destroy();
    await rest.return(undefined).catch(() => undefined);
  }
}

/** A reset or compaction committing during a page's start is rare; twice in a row, rarer still. */
const START_ATTEMPTS = 3;

/**
 * Checks the reader against the feed's state (410 `feed_reset` when it must start over) and reads
 * the page's first lines, before the 200 goes out (so an unreachable database is still a proper
 * 500). A page that saw another epoch than the one checked (`EpochChangedError`) is started
 * again, so that the reader is judged by the new state; one that changes later in the stream is
 * cut instead.
 */
async function startPage(
  db: SqlExecutor,
  viewer: FeedViewer,
  { cursor, limit, epoch }: FeedQuery,
): Promise<{ first: Buffer; rest: AsyncGenerator<Buffer> }> {
  for (let attempt = 1; ; attempt++) {
    const state = await readFeedState(db);
    const end = resumeEpoch(state, cursor, epoch);
    const rest = feedPageChunks(db, viewer, cursor, limit, { expected: state.epoch, end });
    try {
      const first = await rest.next();
      if (first.done) throw new Error('feed page ended without its end line');
      return { first: first.value, rest };
    } catch (error) {
      if (!(error instanceof EpochChangedError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/sync/feed',
    // Every role reads the feed; what each sees is filtered row by row (officers: their own
    // cases and conversations).
    { preHandler: requireRole(ctx.db, ANY_ROLE) },
    async (request, reply) => {
      const query = parseInput(feedQuerySchema, request.query, 'query');
      const user = request.authUser;
      if (!user) throw new Error('requireRole did not set the user');
      const viewer = { userId: user.id, office: isOfficeRole(user.role) };
      const { first, rest } = await startPage(ctx.db, viewer, query);
      // The body is written here rather than handed to Fastify as a stream, to learn when each
      // Buffer was written (see `writePage`).
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-store',
      });
      await writePage(reply.raw, first, rest, (error) =>
        request.log.error({ err: safeError(error) }, 'feed page cut short'),
      );
    },
  );
}
