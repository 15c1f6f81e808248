import type { SqlExecutor } from '../store/client';

/**
 * Rows per query while streaming. A chunk becomes one Buffer of about 0.5 KB per row, so this
 * bounds a page's memory while keeping round trips few. (Measured: 500–2,500 do about as well;
 * whole 5,000-row pages lose the overlap between PostgreSQL and Node.)
 */
const CHUNK_ROWS = 1000;

/**
 * PostgreSQL writes each NDJSON line itself, the stored JSON text spliced in verbatim: no
 * parsing or serialising in Node. Entity names and ids go through to_json so they are escaped
 * as JSON strings. Rows stay separate rather than string_agg'ed into one value per chunk: that
 * was measured slower, since PostgreSQL then sends nothing until the whole chunk is built.
 */
const CHUNK_SQL = `
  SELECT cursor,
    '{"kind":"change","cursor":' || cursor || ',"entity":' || to_json(entity)::text ||
    CASE WHEN op = 'upsert' THEN ',"op":"upsert","data":' || data::text
         ELSE ',"op":"delete","id":' || to_json(entity_id)::text END || E'}\\n' AS line
  FROM feed WHERE cursor > $1 ORDER BY cursor LIMIT $2`;

interface LineRow {
  cursor: number;
  line: string;
}

function encodeLines(rows: readonly LineRow[]): Buffer {
  let size = 0;
  for (const row of rows) size += Buffer.byteLength(row.line);
  const bytes = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const row of rows) offset += bytes.write(row.line, offset);
  return bytes;
}

/**
 * One feed page as NDJSON in UTF-8: up to `limit` changes after `cursor`, then the `end` line.
 * Each yielded Buffer holds whole lines, at most CHUNK_ROWS of them. Chunks are separate
 * queries; that is safe because rows only ever move to higher cursors and cursors become visible
 * in order, so a later chunk can add changes but never hide one.
 */
export async function* feedPageChunks(
  db: SqlExecutor,
  cursor: number,
  limit: number,
): AsyncGenerator<Buffer> {
  const fetchChunk = async (after: number, take: number) => {
    const rows = await db.query<LineRow>(CHUNK_SQL, [after, take]);
    const lastRow = rows[rows.length - 1];
    return {
      // One Buffer per chunk, each line encoded straight into it: a stream write per line, or
      // joining the lines into a string that the socket then encodes, would cost more.
      bytes: encodeLines(rows),
      last: lastRow ? Number(lastRow.cursor) : after,
      full: rows.length === take,
      count: rows.length,
    };
  };
  const hasAfter = async (after: number) =>
    (await db.query('SELECT 1 FROM feed WHERE cursor > $1 LIMIT 1', [after])).length > 0;

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
      if (!chunk.full) more = Promise.resolve(false);
      else if (remaining === 0) more = hasAfter(chunk.last);
      else pending = fetchChunk(chunk.last, Math.min(CHUNK_ROWS, remaining));
      if (chunk.count > 0) yield chunk.bytes;
      if (more) {
        const hasMore = await more;
        yield Buffer.from(`${JSON.stringify({ kind: 'end', cursor: chunk.last, hasMore })}\n`);
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
  cursor: number,
  limit: number,
): AsyncGenerator<string> {
  for await (const chunk of feedPageChunks(db, cursor, limit)) yield chunk.toString('utf8');
}

/** The highest committed cursor, 0 for an empty feed. */
export async function feedHead(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ cursor: number }>(
    'SELECT COALESCE(MAX(cursor), 0) AS cursor FROM feed',
  );
  return Number(rows[0]?.cursor ?? 0);
}
