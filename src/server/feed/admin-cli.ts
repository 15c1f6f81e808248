import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SqlClient } from '../store/client';
import { openStore, type StoreOptions } from '../store/open';
import { AdminUsageError, parseAdminArgs, USAGE, type AdminCommand } from './admin-args';
import { compactFeed, resetFeed } from './state';

/**
 * `npm run feed:admin -- reset|compact|status`: the feed's operator commands (see USAGE). Opens
 * the store the way `npm run server` does.
 */

function storeFromEnv(): { options: StoreOptions; label: string } {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  if (databaseUrl) return { options: { databaseUrl }, label: 'PostgreSQL (DATABASE_URL)' };
  const dataDir = resolve(process.env['KVUE_DATA_DIR'] || '.data/server');
  // Opening a missing folder would create an empty database, and report on that instead.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new Error(
      `no PGlite database in ${dataDir}: set KVUE_DATA_DIR to the server's folder, or ` +
        'DATABASE_URL for PostgreSQL',
    );
  }
  return { options: { dataDir }, label: `PGlite in ${dataDir}` };
}

interface StatusRow {
  current_epoch: string;
  generation: number;
  history_from: number;
  reset_at: string | null;
  reset_reason: string | null;
  compacted_at: string | null;
  head: number;
  total: number;
  tombstones: number;
}

async function printStatus(db: SqlClient): Promise<void> {
  const [row] = await db.query<StatusRow>(
    `SELECT current_epoch, generation, history_from, reset_at::text, reset_reason,
       compacted_at::text,
       (SELECT COALESCE(MAX(cursor), 0) FROM feed) AS head,
       (SELECT count(*)::bigint FROM feed) AS total,
       (SELECT count(*)::bigint FROM feed WHERE op = 'delete') AS tombstones
     FROM feed_state WHERE id = 1`,
  );
  if (!row) throw new Error('feed_state has no row');
  console.log(`epoch: ${row.current_epoch}`);
  console.log(`compactions since the last reset: ${row.generation}`);
  console.log(`head: ${row.head}`);
  console.log(`oldest cursor readers from before a compaction resume from: ${row.history_from}`);
  console.log(`rows: ${row.total}, of them tombstones: ${row.tombstones}`);
  if (row.reset_at) console.log(`last reset: ${row.reset_at} (${row.reset_reason ?? ''})`);
  if (row.compacted_at) console.log(`last compaction: ${row.compacted_at}`);
}

async function run(db: SqlClient, command: AdminCommand, postgres: boolean): Promise<void> {
  const elsewhere = postgres
    ? 'A server running on this database pokes no console for it: they notice at their next pull.'
    : null;
  switch (command.kind) {
    case 'status':
      await printStatus(db);
      return;
    case 'reset': {
      const reset = await resetFeed(db, command.reason);
      console.log(`feed reset: epoch ${reset.epoch} replaces ${reset.replacedEpoch}`);
      console.log(`reason: ${command.reason}`);
      console.log('Every console reads the feed again from cursor 0.');
      if (elsewhere) console.log(elsewhere);
      return;
    }
    case 'compact': {
      const compaction = await compactFeed(db, command.upTo);
      if (!compaction) {
        console.log(
          `Nothing to compact: no tombstones at or below cursor ${command.upTo}, and the ` +
            'feed is already resumable from there on. Epoch unchanged.',
        );
        return;
      }
      console.log(
        `feed compacted up to cursor ${command.upTo} (head ${compaction.head}): ` +
          `${compaction.deleted} ${compaction.deleted === 1 ? 'tombstone' : 'tombstones'} removed`,
      );
      console.log(
        `Consoles below cursor ${compaction.historyFrom} read the feed again from 0; the others ` +
          `go on. Readers starting now are told epoch ${compaction.epoch}.`,
      );
      if (elsewhere) console.log(elsewhere);
      return;
    }
  }
}

async function main(): Promise<void> {
  const command = parseAdminArgs(process.argv.slice(2));
  const store = storeFromEnv();
  console.log(`storage: ${store.label}`);
  const db = await openStore(store.options);
  try {
    await run(db, command, db.kind === 'postgres');
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof AdminUsageError) {
      if (!error.message) {
        console.log(USAGE);
        process.exit(0);
      }
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    // compactFeed's refusals (a cursor beyond the head) are about the arguments too.
    if (error instanceof RangeError) {
      console.error(`feed:admin: ${error.message}`);
      process.exit(2);
    }
    console.error('feed:admin failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
