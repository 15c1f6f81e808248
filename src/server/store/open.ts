import type { SqlClient } from './client';
import { migrate } from './migrate';
import { openPGlite } from './pglite';
import { openPostgres } from './postgres';

export interface StoreOptions {
  /** A PostgreSQL connection string; wins over `dataDir`. */
  databaseUrl?: string;
  /** PGlite data folder; omitted means an in-memory database. */
  dataDir?: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<SqlClient> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPGlite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
