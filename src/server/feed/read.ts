import type { SqlExecutor } from '../store/client';

/**
 * Rows per query while streaming. A chunk becomes one Buffer of about 0.5 KB per row, so this
 * bounds a page's memory while keeping round trips few. (Measured: 500–2,500 do about as well;
 * whole 5,000-row pages lose the overlap between PostgreSQL and Node.)
 */
const CHUNK_ROWS = 1000;

/** Whose feed is read: rows are filtered by their audience (see `Audience`). */
export interface FeedViewer {
  userId: string;
  /** Clerks, team leads and admins: they see the office's rows (all cases and their trail). */
  office: boolean;
}

/**
 * Parameters: $1 the viewer's id, $2 whether the viewer is office staff. Membership is read in
 * the same statement as the rows, so a conversation joined concurrently is never half-seen.
 */
const VISIBLE = `(audience = 'all' OR (audience = 'office' AND $2::boolean) OR $1 = ANY(users)
    OR conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = $1))`;

/**
 * PostgreSQL writes each NDJSON line itself, the stored JSON text spliced in verbatim: no
 * parsing or serialising in Node. Entity names and ids go through to_json so they are escaped
 * as JSON strings. Rows stay separate rather than string_agg'ed into one value per chunk: that
 * was measured slower, since PostgreSQL then sends nothing until the whole chunk is built.
 *
 * The last row (line NULL) carries the feed's head as this statement saw it: when a chunk comes
 * back short, every row the viewer may see up to that head was in it, so the page may end at the
 * head even if the viewer's last row is older — otherwise a viewer who sees little would scan
 * the same unseen rows again on every pull. (Cursors become visible in order; see append.ts.)
 */
const CHUNK_SQL = `
  WITH page AS (
    SELECT cursor,
      '{"kind":"change","cursor":' || cursor || ',"entity":' || to_json(entity)::text ||
      CASE WHEN op = 'upsert' THEN ',"op":"upsert","data":' || data::text
           ELSE ',"op":"delete","id":' || to_json(entity_id)::text END || E'}\\n' AS line
    FROM feed WHERE cursor > $3 AND ${VISIBLE} ORDER BY cursor LIMIT $4
  )
  SELECT cursor, line FROM page
  UNION ALL SELECT COALESCE(MAX(cursor), 0), NULL FROM feed`;

const HAS_AFTER_SQL = `SELECT 1 FROM feed WHERE cursor > $3 AND ${VISIBLE} LIMIT 1`;

interface LineRow {
  cursor: number;
  line: string | null;
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
 * One feed page for `viewer` as NDJSON in UTF-8: up to `limit` changes after `cursor`, then the
 * `end` line. Each yielded Buffer holds whole lines, at most CHUNK_ROWS of them. Chunks are
 * separate queries; that is safe because rows only ever move to higher cursors and cursors become
 * visible in order, so a later chunk can add changes but never hide one.
 */
export async function* feedPageChunks(
  db: SqlExecutor,
  viewer: FeedViewer,
  cursor: number,
  limit: number,
): AsyncGenerator<Buffer> {
  const who = [viewer.userId, viewer.office];
  const fetchChunk = async (after: number, take: number) => {
    const rows = await db.query<LineRow>(CHUNK_SQL, [...who, after, take]);
    let head = after;
    let last = after;
    let count = 0;
    for (const row of rows) {
      if (row.line === null) head = Number(row.cursor);
      else {
        last = Number(row.cursor);
        count += 1;
      }
    }
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
      // The next query is sent before this chunk is written out, so PostgreSQL and Node overlap.
      // After a full page it only asks whether more follows, which decides `hasMore`.
      let endCursor = chunk.last;
      if (!chunk.full) {
        more = Promise.resolve(false);
        endCursor = chunk.head;
      } else if (remaining === 0) more = hasAfter(chunk.last);
      else pending = fetchChunk(chunk.last, Math.min(CHUNK_ROWS, remaining));
      if (chunk.count > 0) yield chunk.bytes;
      if (more) {
        const hasMore = await more;
        yield Buffer.from(`${JSON.stringify({ kind: 'end', cursor: endCursor, hasMore })}\n`);
      }
    }
  } finally {
    // A client that disconnects mid-page abandons the query in flight; its outcome is moot.
    pending?.catch(() => undefined);
    more?.catch(() => undefined);
  }
}

/** `feedPageChunks` as text, each yielded string holding whole lines. */
export async function* feedPageLines(
  db: SqlExecutor,
  viewer: FeedViewer,
  cursor: number,
  limit: number,
): AsyncGenerator<string> {
  for await (const chunk of feedPageChunks(db, viewer, cursor, limit)) {
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
