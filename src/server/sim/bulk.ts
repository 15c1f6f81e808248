import { randomInt } from 'node:crypto';
import { appendSerializedUpserts } from '../feed/append';
import type { FeedHub } from '../feed/hub';
import type { SqlClient } from '../store/client';
import { createCasePlanner, type PlannedCase } from '../store/seed-data/cases';
import { createPrng } from '../store/seed-data/prng';
import { buildRecords, caseColumns, INSERT_CASES_SQL, type CatalogueEntry } from './bulk-batch';

export const DEFAULT_BULK_BATCH = 5000;
/** About 600,000 Verwarnungen a year in a city of Munich's size. */
const CASES_PER_DAY = 1650;

export interface BulkLoadOptions {
  count: number;
  /** Cases per transaction (and per statement); default 5000. */
  batchSize?: number;
  /** PRNG seed; the same seed gives the same cases, so a repeated load adds nothing. Default random. */
  seed?: number;
  /** The moment observed times count back from. */
  now?: Date;
  /** Pokes live listeners after each committed batch. */
  hub?: FeedHub | null;
  /** Called after each committed batch with the running total. */
  onProgress?: (loaded: number, count: number) => void;
}

export interface BulkLoadResult {
  /** Cases actually inserted (ids already present are skipped). */
  inserted: number;
  /** Highest feed cursor written, 0 when nothing was. */
  cursor: number;
  ms: number;
}

async function loadContext(db: SqlClient) {
  const officers = await db.query<{ id: string; team_id: string | null }>(
    `SELECT id, team_id FROM users WHERE role = 'officer' ORDER BY id`,
  );
  if (officers.length === 0) {
    throw new Error('No officers in the database: seed the demo users before a bulk load');
  }
  const offences = await db.query<{ code: string; text: string; fine_cents: number }>(
    'SELECT code, text, fine_cents FROM offences',
  );
  const catalogue = new Map<string, CatalogueEntry>(
    offences.map((row) => [row.code, { text: row.text, fineCents: row.fine_cents }]),
  );
  return { officers, catalogue };
}

/**
 * Writes one batch in one transaction: file numbers, a single multi-row insert, then the feed
 * rows for exactly the cases inserted, under the feed lock like every other write.
 */
async function writeBatch(
  db: SqlClient,
  planned: readonly PlannedCase[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  now: Date,
): Promise<{ inserted: number; cursor: number }> {
  return db.transaction(async (tx) => {
    const drawn = await tx.query<{ n: number }>(
      `SELECT nextval('case_file_number_seq') AS n FROM generate_series(1, $1::int)`,
      [planned.length],
    );
    const records = buildRecords(
      planned,
      drawn.map((row) => Number(row.n)),
      catalogue,
      now,
    );
    const inserted = await tx.query<{ id: string }>(INSERT_CASES_SQL, caseColumns(records));
    const fresh = new Set(inserted.map((row) => row.id));
    const ids: string[] = [];
    const data: string[] = [];
    const officers: string[] = [];
    for (const record of records) {
      if (!fresh.has(record.id)) continue;
      ids.push(record.id);
      data.push(JSON.stringify(record));
      officers.push(record.officerId);
    }
    const cursor = await appendSerializedUpserts(tx, 'case', ids, data, officers);
    return { inserted: ids.length, cursor };
  });
}

/**
 * Loads `count` plausible historical cases quickly, each through the change feed in the same
 * transaction as its insert, so readers pulling the feed meanwhile see every one exactly once.
 * Needs the demo users (officers) and the offence catalogue in place.
 */
export async function bulkLoadCases(
  db: SqlClient,
  options: BulkLoadOptions,
): Promise<BulkLoadResult> {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`Bad case count ${count}`);
  const batchSize = options.batchSize ?? DEFAULT_BULK_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Bad batch size ${batchSize}`);
  const started = performance.now();
  const now = options.now ?? new Date();
  const { officers, catalogue } = await loadContext(db);
  const rng = createPrng(options.seed ?? randomInt(2 ** 32));
  const plan = createCasePlanner(rng, officers, now, {
    historyDays: Math.max(80, Math.ceil(count / CASES_PER_DAY)),
  });

  let inserted = 0;
  let cursor = 0;
  const planBatch = (from: number) =>
    Array.from({ length: Math.min(batchSize, count - from) }, plan);
  let planned = count > 0 ? planBatch(0) : [];
  for (let done = 0; done < count;) {
    const size = planned.length;
    const writing = writeBatch(db, planned, catalogue, now);
    // The next batch is planned while this one is in PostgreSQL; the plan order, and so the
    // cases a seed gives, stay the same.
    planned = done + size < count ? planBatch(done + size) : [];
    const batch = await writing;
    done += size;
    inserted += batch.inserted;
    cursor = Math.max(cursor, batch.cursor);
    if (batch.cursor > 0) options.hub?.publish(batch.cursor);
    options.onProgress?.(done, count);
  }
  return { inserted, cursor, ms: performance.now() - started };
}
