import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureOffenceCatalogue } from '../cases/offences';
import { seedDemoData } from '../store/seed';
import { openStore } from '../store/open';
import { bulkLoadCases } from './bulk';

const USAGE = `usage: tsx src/server/sim/cli.ts --bulk N [--batch-size N] [--seed N]

  --bulk N        load N plausible historical cases through the change feed
  --batch-size N  cases per transaction (default 5000)
  --seed N        PRNG seed; the same seed gives the same cases (default random)

Storage as for the server: DATABASE_URL for PostgreSQL, else the PGlite folder
KVUE_DATA_DIR (default .data/server).`;

/** Flags of the field simulator that is still to come; named so the message can say so. */
const PLANNED_FLAGS = ['--officers', '--speed'];

class UsageError extends Error {}

function count(raw: string | undefined, flag: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} needs a whole number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function parse(argv: string[]) {
  const planned = argv.find((arg) => PLANNED_FLAGS.includes(arg.split('=')[0] ?? ''));
  if (planned) throw new UsageError(`${planned} is not implemented yet; only --bulk is`);
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        bulk: { type: 'string' },
        'batch-size': { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const bulk = count(values.bulk, '--bulk', 0);
  if (bulk === undefined) throw new UsageError('nothing to do: pass --bulk N');
  return {
    bulk,
    batchSize: count(values['batch-size'], '--batch-size', 1),
    seed: count(values.seed, '--seed', 0),
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
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

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error('bulk load failed:', error);
  process.exit(1);
});
