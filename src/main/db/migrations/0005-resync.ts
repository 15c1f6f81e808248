import type { Migration } from './types';

/** Every table the feed fills, as of this migration (a shipped migration never changes). */
const SYNCED_TABLES = [
  'cases',
  'photos',
  'disputes',
  'decisions',
  'case_events',
  'claims',
  'conversations',
  'members',
  'messages',
  'receipts',
  'teams',
  'people',
  'offences',
];

/**
 * What a server-requested reset needs (the server names its feed's history with an epoch; a
 * cursor from another epoch means nothing).
 *
 * A reset reads the whole feed again without emptying anything first, so the clerk keeps working
 * on what is there for the minutes a resync of a million cases takes. Each synced row carries the
 * generation of the sync that last wrote it (`sync_gen`); a reset starts a new generation, and
 * when the resync reaches the end of the feed, rows an older generation wrote — gone from the
 * server — are removed. Rows the console wrote itself (the optimistic side of unpushed work) have
 * no generation and are never swept: the outbox still owns them.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'resync',
  sql: `
    ALTER TABLE sync_state ADD COLUMN epoch TEXT;
    ALTER TABLE sync_state ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sync_state ADD COLUMN resyncing INTEGER NOT NULL DEFAULT 0
      CHECK (resyncing IN (0, 1));
    ${SYNCED_TABLES.map(
      (table) => `ALTER TABLE ${table} ADD COLUMN sync_gen INTEGER;
    UPDATE ${table} SET sync_gen = 0;`,
    ).join('\n    ')}
  `,
};
