import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './client';

type PGliteLike = Pick<PGlite, 'query' | 'exec'>;

function executor(db: PGliteLike): SqlExecutor {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/** Embedded PostgreSQL: persisted in `dataDir`, or in memory when no folder is given. */
export async function openPGlite(dataDir?: string): Promise<SqlClient> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const base = executor(db);
  let closing: Promise<void> | null = null;
  return {
    kind: 'pglite',
    ...base,
    // PGlite has a single backend and queues callers behind an open transaction, so this is
    // equivalent to a pooled connection's transaction, just without parallelism.
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close() {
      closing ??= db.close();
      return closing;
    },
  };
}
