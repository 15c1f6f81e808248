import { resolve } from 'node:path';
import { ensureOffenceCatalogue } from '../cases/offences';
import { seedDemoData } from '../store/seed';
import { openStore } from '../store/open';
import { bulkLoadCases } from './bulk';

export interface BulkArgs {
  bulk: number;
  batchSize?: number | undefined;
  seed?: number | undefined;
}

/**
 * `--bulk N`: loads N historical cases straight into the database (not through HTTP). Storage as
 * for the server: DATABASE_URL for PostgreSQL, else the PGlite folder KVUE_DATA_DIR.
 */
export async function runBulkCommand(args: BulkArgs): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const dataDir = resolve(process.env['KVUE_DATA_DIR'] || '.data/server');
  const db = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    console.log(
      databaseUrl ? 'storage: PostgreSQL (DATABASE_URL)' : `storage: PGlite in ${dataDir}`,
    );
    await ensureOffenceCatalogue(db);
    // As on the server's first start, so the officers the cases name exist; no-op afterwards.
    await seedDemoData(db, null);
    let reported = 0;
    const result = await bulkLoadCases(db, {
      count: args.bulk,
      ...(args.batchSize === undefined ? {} : { batchSize: args.batchSize }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      onProgress(loaded, total) {
        if (loaded - reported < 100_000 && loaded < total) return;
        reported = loaded;
        console.log(`  ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      },
    });
    const seconds = result.ms / 1000;
    console.log(
      `loaded ${result.inserted} cases in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.inserted / Math.max(seconds, 0.001))} cases/s), feed at ${result.cursor}`,
    );
  } finally {
    await db.close();
  }
}
