import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_PG_URL =
  process.env['KVUE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `fn` against a throwaway database that is dropped afterwards, also when `fn` fails. An
 * unreachable server is reported as such rather than as some later, stranger failure.
 */
export async function withBenchDatabase<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `kvue_bench_${randomBytes(6).toString('hex')}`;
  try {
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL at ${BENCH_PG_URL} is not usable (${reason}); start it or set KVUE_BENCH_PG_URL`,
      { cause: error },
    );
  }
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.href);
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
