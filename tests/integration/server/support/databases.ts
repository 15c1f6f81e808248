import { createThrowawayDatabase, withAdmin } from '../../../support/throwaway-pg';

/** A trust-auth PostgreSQL for the PG variant; override with KVUE_TEST_PG_URL. */
export const PG_ADMIN_URL =
  process.env['KVUE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface DbTarget {
  name: 'pglite' | 'postgres';
  /** Creates a fresh database; `databaseUrl` is undefined for in-memory PGlite. */
  create(): Promise<{ databaseUrl: string | undefined; drop(): Promise<void> }>;
}

let probe: Promise<string | null> | null = null;

/** Null when PostgreSQL answers, else why not. Probed once per test file. */
export function postgresUnavailable(): Promise<string | null> {
  probe ??= withAdmin(PG_ADMIN_URL, (client) => client.query('SELECT 1')).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)) || 'unknown error',
  );
  return probe;
}

export const pgliteTarget: DbTarget = {
  name: 'pglite',
  create: async () => ({ databaseUrl: undefined, drop: async () => undefined }),
};

export const postgresTarget: DbTarget = {
  name: 'postgres',
  async create() {
    const database = await createThrowawayDatabase(PG_ADMIN_URL, 'kvue_test');
    return { databaseUrl: database.url, drop: database.drop };
  },
};

/** PGlite always, PostgreSQL when reachable; says once why the PostgreSQL variant is skipped. */
export async function availableTargets(): Promise<DbTarget[]> {
  const reason = await postgresUnavailable();
  if (reason === null) return [pgliteTarget, postgresTarget];
  console.warn(`Skipping the PostgreSQL variant: ${PG_ADMIN_URL} not reachable (${reason})`);
  return [pgliteTarget];
}
