import type { SqlExecutor } from '../store/client';
import { copyPage, isPostgres } from './copy-page';
import {
  EPOCH_SQL,
  EpochChangedError,
  endLine,
  pageSql,
  visibleTo,
  type FeedViewer,
  type PageEpochs,
} from './page-sql';

export { recycleChunk } from './copy-page';
export { EpochChangedError, visibleToViewer, type FeedViewer, type PageEpochs } from './page-sql';

/**
 * Rows per query while streaming on PGlite (see `chunkedPage`). A chunk becomes one Buffer of
 * about 0.5 KB per row, so this bounds a page's memory while keeping round trips few. (Measured:
 * 500–2,500 do about as well; whole 5,000-row pages lose the overlap between the database and
 * Node.)
 */
const CHUNK_ROWS = 1000;

/**
 * Each row's NDJSON line, written by PostgreSQL, the stored JSON text spliced in verbatim: no
 * parsing or serialising in Node. Entity names and ids go through to_json so they are escaped
 * as JSON strings. Rows stay separate rather than string_agg'ed: that was measured slower, since
 * PostgreSQL then sends nothing until the whole value is built.
 */
const LINE_COLUMN = `'{"kind":"change","cursor":' || cursor || ',"entity":' || to_json(entity)::text ||
      CASE WHEN op = 'upsert' THEN ',"op":"upsert","data":' || data::text
           ELSE ',"op":"delete","id":' || to_json(entity_id)::text END || E'}\\n' AS line`;

/**
 * Parameters: $1 the viewer's id, $2 whether the viewer is office staff, $3 after, $4 take. The
 * head row has no line but the epoch.
 */
const CHUNK_SQL = pageSql(
  `${LINE_COLUMN}, NULL AS epoch`,
  `NULL, ${EPOCH_SQL}`,
  visibleTo('$1', '$2::boolean'),
  '$3',
  '$4',
);

const HAS_AFTER_SQL = `SELECT 1 FROM feed WHERE cursor > $3 AND ${visibleTo('$1', '$2::boolean')}
  LIMIT 1`;

/**
 * One feed page for `viewer` as NDJSON in UTF-8: up to `limit` changes after `cursor`, then the
 * `end` line naming `epochs.end`. Each yielded Buffer holds whole lines. Should the page's
 * snapshot hold another epoch than `epochs.expected` (the one the reader was checked against,
 * see feed/state.ts), the page fails with `EpochChangedError` instead of ending (see `pageSql`).
 *
 * The end line's cursor: after a full page the last change's cursor (`hasMore` telling whether a
 * change the viewer may see follows); after a short page the head the statement saw, so that a
 * viewer's cursor moves past rows they may not see.
 *
 * On PostgreSQL the page is one statement streamed as it runs (see `copyPage`); elsewhere it is
 * read in chunks of separate queries (see `chunkedPage`).
 */
export function feedPageChunks(
  db: SqlExecutor,
  viewer: FeedViewer,
  cursor: number,
  limit: number,
  epochs: PageEpochs,
): AsyncGenerator<Buffer> {
  if (!Number.isSafeInteger(cursor) || cursor < 0) throw new Error(`Bad feed cursor ${cursor}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`Bad feed limit ${limit}`);
  return isPostgres(db)
    ? copyPage(db, viewer, cursor, limit, epochs)
    : chunkedPage(db, viewer, cursor, limit, epochs);
}

/** `feedPageChunks` as text, each yielded string holding whole lines. */
export async function* feedPageLines(
  db: SqlExecutor,
  viewer: FeedViewer,
  cursor: number,
  limit: number,
  epochs: PageEpochs,
): AsyncGenerator<string> {
  for await (const chunk of feedPageChunks(db, viewer, cursor, limit, epochs)) {
    yield chunk.toString('utf8');
  }
}

/** The highest committed cursor, 0 for an empty feed. */
export async function feedHead(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ cursor: number }>(
    'SELECT COALESCE(MAX(cursor), 0) AS cursor FROM feed',
  );
  return Number(rows[0]?.cursor ?? 0);
}

// ---------------------------------------------------------------------------------------------
// PGlite (and any executor that is not the PostgreSQL pool): chunks of separate queries.

interface LineRow {
  cursor: number;
  line: string | null;
  /** Set on the head row only. */
  epoch: string | null;
}

function encodeLines(rows: readonly LineRow[]): Buffer {
  let size = 0;
  for (const row of rows) if (row.line !== null) size += Buffer.byteLength(row.line);
  const bytes = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const row of rows) if (row.line !== null) offset += bytes.write(row.line, offset);
  return bytes;
}

/**
 * Each yielded Buffer holds at most CHUNK_ROWS lines. Chunks are separate queries; that is safe
 * because rows only ever move to higher cursors and cursors become visible in order, so a later
 * chunk can add changes but never hide one. Only a compaction removes rows, and it changes the
 * epoch, which every chunk checks.
 */
async function* chunkedPage(
  db: SqlExecutor,
  viewer: FeedViewer,
  cursor: number,
  limit: number,
  epochs: PageEpochs,
): AsyncGenerator<Buffer> {
  const who = [viewer.userId, viewer.office];
  const fetchChunk = async (after: number, take: number) => {
    const rows = await db.query<LineRow>(CHUNK_SQL, [...who, after, take]);
    let head = after;
    let last = after;
    let count = 0;
    let seen: string | null = null;
    for (const row of rows) {
      if (row.line === null) {
        head = Number(row.cursor);
        seen = row.epoch;
      } else {
        last = Number(row.cursor);
        count += 1;
      }
    }
    if (seen !== epochs.expected) throw new EpochChangedError(epochs.expected, seen);
    return {
      // One Buffer per chunk, each line encoded straight into it: a stream write per line, or
      // joining the lines into a string that the socket then encodes, would cost more.
      bytes: encodeLines(rows),
      last,
      head: Math.max(head, last),
      full: count === take,
      count,
    };
  };
  const hasAfter = async (after: number) =>
    (await db.query(HAS_AFTER_SQL, [...who, after])).length > 0;

  let remaining = limit;
  let pending: ReturnType<typeof fetchChunk> | null = fetchChunk(
    cursor,
    Math.min(CHUNK_ROWS, remaining),
  );
  let more: Promise<boolean> | null = null;
  try {
    while (pending) {
      const chunk = await pending;
      pending = null;
      remaining -= chunk.count;
      // The next query is sent before this chunk is written out, so the database and Node
      // overlap. After a full page it only asks whether more follows, which decides `hasMore`.
      let endCursor = chunk.last;
      if (!chunk.full) {
        more = Promise.resolve(false);
        endCursor = chunk.head;
      } else if (remaining === 0) more = hasAfter(chunk.last);
      else pending = fetchChunk(chunk.last, Math.min(CHUNK_ROWS, remaining));
      if (chunk.count > 0) yield chunk.bytes;
      if (more) yield Buffer.from(endLine(endCursor, await more, epochs.end));
    }
  } finally {
    // A client that disconnects mid-page abandons the query in flight; its outcome is moot.
    pending?.catch(() => undefined);
    more?.catch(() => undefined);
  }
}
