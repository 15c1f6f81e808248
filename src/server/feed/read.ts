import type { SqlExecutor } from '../store/client';

/** Rows fetched per query while streaming, so a 5000-row page never sits in memory at once. */
const CHUNK_ROWS = 500;

interface FeedRow {
  cursor: number;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: string | null;
}

function changeLine(row: FeedRow): string {
  const cursor = Number(row.cursor);
  if (row.op === 'upsert' && row.data !== null) {
    // The stored JSON text is spliced in as is: no parse and re-serialise per row.
    return `{"kind":"change","cursor":${cursor},"entity":${JSON.stringify(row.entity)},"op":"upsert","data":${row.data}}\n`;
  }
  return `${JSON.stringify({ kind: 'change', cursor, entity: row.entity, op: 'delete', id: row.entity_id })}\n`;
}

/**
 * One feed page as NDJSON lines: up to `limit` changes after `cursor`, then the `end` line.
 * Chunks are separate queries; that is safe because rows only ever move to higher cursors and
 * cursors become visible in order, so a later chunk can add changes but never hide one.
 */
export async function* feedPageLines(
  db: SqlExecutor,
  cursor: number,
  limit: number,
): AsyncGenerator<string> {
  let last = cursor;
  let remaining = limit;
  let hasMore = false;
  while (remaining > 0) {
    const take = Math.min(CHUNK_ROWS, remaining);
    const rows = await db.query<FeedRow>(
      `SELECT cursor, entity, entity_id, op, data::text AS data
       FROM feed WHERE cursor > $1 ORDER BY cursor LIMIT $2`,
      [last, take + 1],
    );
    const page = rows.slice(0, take);
    for (const row of page) {
      yield changeLine(row);
      last = Number(row.cursor);
    }
    remaining -= page.length;
    hasMore = rows.length > take;
    if (!hasMore) break;
  }
  yield `${JSON.stringify({ kind: 'end', cursor: last, hasMore })}\n`;
}

/** The highest committed cursor, 0 for an empty feed. */
export async function feedHead(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ cursor: number }>(
    'SELECT COALESCE(MAX(cursor), 0) AS cursor FROM feed',
  );
  return Number(rows[0]?.cursor ?? 0);
}
