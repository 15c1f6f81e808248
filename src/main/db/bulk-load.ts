import type { Db } from './connection';

/**
 * The initial sync's bulk load. Filling an empty console with a million cases through a dozen
 * secondary indexes, the trigram search index and their triggers costs each case about 190 µs,
 * most of it in random index inserts; a case into the table and its primary key costs about
 * 12 µs, and building an index over the finished table is a sort. So an initial sync parks those
 * objects (listed with their SQL in `sync_deferred`, migration 0009), loads, and builds them once
 * at the end of the feed.
 *
 * What stays live: the primary key, the index of the default case list (newest first, what the
 * console shows while it syncs), the per-status counts and the triggers that guard the clerk's
 * own work. Disputes keep their triggers (search document, first-hearing date); both are
 * refilled at the end anyway, for the cases that came after their disputes.
 *
 * Queries that would use a parked index still answer during the load, only slower.
 */

/** Kept during a bulk load: the case list's default order. */
const LIVE_INDEXES = new Set(['cases_observed_at']);
/** Case triggers that only maintain derived data the end of the load refills in one go. */
const DERIVED_TRIGGER = /^case_(search|heard)_case_/;

/** The page cache while building, in KiB as `PRAGMA cache_size` takes it (negative). */
const BUILD_CACHE_KIB = -8192;

/** Cases per transaction when the search index is refilled: short enough not to hold up a clerk. */
const SEARCH_CHUNK = 50_000;

interface Parked {
  name: string;
  type: 'index' | 'trigger';
  sql: string;
}

/** Whether a bulk load is under way (some objects are parked). */
export function isBulkLoading(db: Db): boolean {
  return db.prepare('SELECT 1 FROM sync_deferred LIMIT 1').get() !== undefined;
}

/**
 * Parks the derived indexes and triggers of `cases` for an initial sync. In one transaction with
 * their list, so a crash leaves them either all in place or all listed. Returns how many.
 */
export function beginBulkLoad(db: Db): number {
  return db.transaction(() => {
    const objects = db
      .prepare(
        `SELECT name, type, sql FROM sqlite_master
          WHERE tbl_name = 'cases' AND type IN ('index', 'trigger') AND sql IS NOT NULL
          ORDER BY type, name`,
      )
      .all() as Parked[];
    const parked = objects.filter((o) =>
      o.type === 'index' ? !LIVE_INDEXES.has(o.name) : DERIVED_TRIGGER.test(o.name),
    );
    const note = db.prepare('INSERT INTO sync_deferred (name, type, sql) VALUES (?, ?, ?)');
    for (const object of parked) {
      note.run(object.name, object.type, object.sql);
      // Names come from sqlite_master, quoted all the same.
      db.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name}"`);
    }
    return parked.length;
  })();
}

/**
 * Builds what `beginBulkLoad` parked: each index in a transaction of its own (a sort over the
 * table), then the triggers with the derived data they would have written, so that the database
 * equals one that was filled with everything live. Resumable: a crash keeps the rest listed.
 * `onStep` hears each finished step (tests use it to stop halfway).
 */
export function finishBulkLoad(db: Db, onStep: (name: string) => void = () => undefined): void {
  // An index build sorts in memory up to the page cache's size, on top of the cache itself; a
  // small cache keeps the console's peak memory down and, measured at a million cases, built
  // the indexes no slower (24.7 s with 8 MB against 26.9 s with 32 MB).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${BUILD_CACHE_KIB}`);
  try {
    buildParked(db, onStep);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function buildParked(db: Db, onStep: (name: string) => void): void {
  const parked = db.prepare('SELECT name, type, sql FROM sync_deferred ORDER BY name');
  const done = db.prepare('DELETE FROM sync_deferred WHERE name = ?');
  for (const index of (parked.all() as Parked[]).filter((o) => o.type === 'index')) {
    db.transaction(() => {
      db.exec(index.sql);
      done.run(index.name);
    })();
    onStep(index.name);
  }
  const triggers = (parked.all() as Parked[]).filter((o) => o.type === 'trigger');
  if (triggers.length === 0) return;
  // The triggers first: from then on every write keeps the derived data itself, and each chunk
  // below replaces its cases' documents whole, whatever the triggers wrote meanwhile.
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  db.transaction(() => {
    // A crash during the refill below leaves them made but still listed.
    for (const trigger of triggers) if (!exists.get(trigger.name)) db.exec(trigger.sql);
    // Cases that arrived after their disputes (the dispute triggers covered the other order).
    db.exec(`UPDATE cases SET heard_at =
               (SELECT min(d.received_at) FROM disputes d WHERE d.case_id = cases.id)
              WHERE id IN (SELECT case_id FROM disputes)`);
  })();
  onStep('triggers');
  refillSearch(db);
  onStep('search');
  mergeSearch(db);
  onStep('merge');
  analyzeCases(db);
  db.transaction(() => {
    for (const trigger of triggers) done.run(trigger.name);
  })();
}

/**
 * Statistics for the query planner over every index of `cases`, read in full, one index per
 * statement so that no write waits long. Without them SQLite guesses that a status narrows the
 * cases as well as an officer does; with the sampled statistics of `PRAGMA optimize` (which reads
 * each index's first rows only, all of one status) it guesses 2,001 cases a status. Either way it
 * walked every disputed case checking the officer (35–40 ms a page at a million cases) instead of
 * seeking the officer's few disputed ones. A million cases take about 3 s.
 */
export function analyzeCases(db: Db): void {
  const indexes = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'`)
    .pluck()
    .all() as string[];
  db.pragma('analysis_limit = 0');
  for (const index of indexes) db.exec(`ANALYZE "${index}"`);
}

/** Pages of the search index one merge step writes at most (a few hundred milliseconds). */
const MERGE_PAGES = 500;

/**
 * Merges the search index into one b-tree, in steps of a transaction each (FTS5's incremental
 * 'merge' with a negative page count merges whatever levels there are, like 'optimize' in
 * pieces), until a step leaves its structure record unchanged. The refill leaves the index in
 * dozens of segments, and every search then looks a word up in each: at a million cases a
 * common word took 65 ms to count instead of 42, and checking one case 60–120 µs instead of
 * 20–35 (search-walk.ts). Returns the number of steps.
 */
export function mergeSearch(db: Db): number {
  // Row 10 of the %_data table is FTS5's structure record: the list of its segments.
  const structure = db.prepare('SELECT block FROM case_search_data WHERE id = 10').pluck();
  const merge = db.prepare(`INSERT INTO case_search (case_search, rank) VALUES ('merge', ?)`);
  for (let steps = 1; ; steps++) {
    const before = structure.get() as Buffer | undefined;
    db.transaction(() => merge.run(-MERGE_PAGES))();
    const after = structure.get() as Buffer | undefined;
    if (before === undefined || after === undefined || before.equals(after)) return steps;
  }
}

/** Rebuilds the search document of every case, a rowid range per transaction. */
function refillSearch(db: Db): void {
  const last = (db.prepare('SELECT max(rowid) FROM cases').pluck().get() as number | null) ?? 0;
  const clear = db.prepare('DELETE FROM case_search WHERE rowid BETWEEN ? AND ?');
  const fill = db.prepare(
    `INSERT INTO case_search (rowid, plate, file_number, place, statements)
     SELECT c.rowid, c.plate, c.file_number, c.street || ' ' || c.house_number,
            (SELECT group_concat(d.statement, ' ') FROM disputes d WHERE d.case_id = c.id)
       FROM cases c WHERE c.rowid BETWEEN ? AND ?`,
  );
  for (let from = 1; from <= last; from += SEARCH_CHUNK) {
    const to = from + SEARCH_CHUNK - 1;
    db.transaction(() => {
      clear.run(from, to);
      fill.run(from, to);
    })();
  }
}
