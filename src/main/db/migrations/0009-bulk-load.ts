import type { Migration } from './types';

/**
 * Where an initial sync parks the schema objects it builds only once at the end (see
 * src/main/db/bulk-load.ts): each dropped index or trigger with the statement that makes it
 * again. A row here means the objects are missing; the row goes in the same transaction that
 * recreates them, so a crash at any point leaves a list that is exactly what is still to do.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'bulk-load',
  sql: `
    CREATE TABLE sync_deferred (
      name TEXT PRIMARY KEY NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
      sql TEXT NOT NULL
    );
  `,
};
