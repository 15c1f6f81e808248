import pg from 'pg';
import QueryStream from 'pg-query-stream';

/**
 * The floor the feed is measured against: the same rows' stored JSON — the rows of the feed
 * table that `visible` (an SQL condition, the feed's own for the benchmark's viewer) admits —
 * streamed straight out of PostgreSQL with a server-side cursor and nothing done per row but
 * counting.
 */
export async function streamSelect(
  databaseUrl: string,
  visible: string,
): Promise<{ rows: number; ms: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const stream = client.query(
      new QueryStream(
        `SELECT cursor, data::text AS data FROM feed WHERE ${visible} ORDER BY cursor`,
        [],
        { batchSize: 5000, rowMode: 'array' },
      ),
    );
    let rows = 0;
    // Deletes have no data: every row counts, its value read all the same.
    for await (const row of stream as AsyncIterable<unknown[]>) {
      if (typeof row[1] === 'string' || row[1] === null) rows++;
    }
    return { rows, ms: performance.now() - started };
  } finally {
    await client.end();
  }
}
