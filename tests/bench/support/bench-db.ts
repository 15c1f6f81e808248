import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/throwaway-pg';

export const BENCH_PG_URL =
  process.env['KVUE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs `fn` against a throwaway database that is dropped afterwards, also when `fn` fails. An
 * unreachable server is reported as such rather than as some later, stranger failure.
 */
export async function withBenchDatabase<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  let database: ThrowawayDatabase;
  try {
    database = await createThrowawayDatabase(BENCH_PG_URL, 'kvue_bench');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL at ${BENCH_PG_URL} is not usable (${reason}); start it or set KVUE_BENCH_PG_URL`,
      { cause: error },
    );
  }
  try {
    return await fn(database.url);
  } finally {
    await database.drop();
  }
}
