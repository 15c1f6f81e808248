import { beginBulkLoad, finishBulkLoad, isBulkLoading } from '../db/bulk-load';
import { ALL_SYNCED, collectShown, type SyncedEntity } from './announce';
import type { Db } from '../db/connection';
import { beginResync, countCases, createPageApplier, finishResync, readCheckpoint } from './apply';
import {
  FeedProtocolError,
  FeedResetError,
  fetchFeedPage,
  type FeedPage,
  type FeedPosition,
} from './feed-client';

/** What a pull needs from its caller: where to read, as whom, how much per page. */
export interface PullRequest {
  serverUrl: string;
  token: string;
  pageSize: number;
  /** Rows per transaction during a bulk load (default BULK_COMMIT_ROWS). */
  bulkCommitRows?: number;
}

/** Rows per transaction during a bulk load. */
const BULK_COMMIT_ROWS = 50_000;

/** One applied page, as the engine reports it. */
export interface PageReport {
  /** The cursor now committed. */
  cursor: number;
  rows: number;
  bytes: number;
  hasMore: boolean;
  /** Whether the page changed anything the renderer shows. */
  changed: boolean;
  /** What it changed, for the renderer's refresh (empty when nothing). */
  entities: SyncedEntity[];
  /** The local cases after this page (from the per-status counts, so cheap). */
  caseCount: number;
  /** The server reset its feed before this page: the cursor went back to 0 (progress restarts). */
  reset: boolean;
  /**
   * The initial sync has loaded everything and now builds its indexes and search (see
   * src/main/db/bulk-load.ts); the next report follows when they are built.
   */
  indexing: boolean;
}

/**
 * Reads the feed from the committed cursor until the server says there is no more, applying each
 * page with its cursor in one transaction. The same loop runs in the pull worker (the app) and on
 * the calling thread (an in-memory database, which a worker cannot open). It throws what
 * `fetchFeedPage` throws; everything applied before stays applied.
 *
 * When the server reset its feed, the loop starts over from cursor 0 in a new generation and,
 * having reached the end, sweeps what the server no longer has (see migration 0005). The outbox
 * is not touched: unpushed work stays and is pushed as before.
 */
export async function pullPages(
  db: Db,
  request: PullRequest,
  onPage: (report: PageReport) => void,
  signal: AbortSignal,
): Promise<void> {
  const apply = createPageApplier(db);
  const checkpoint = readCheckpoint(db);
  // An empty console reads everything: load it with the derived indexes parked.
  if (checkpoint.cursor === 0 && !checkpoint.resyncing && countCases(db) === 0) {
    if (!isBulkLoading(db)) beginBulkLoad(db);
  }
  let position: FeedPosition = { cursor: checkpoint.cursor, epoch: checkpoint.epoch };
  let reset = false;
  const fetchFrom = (from: FeedPosition) =>
    fetchFeedPage(request.serverUrl, request.token, from, request.pageSize, signal);
  let next: Promise<FeedPage> | null = null;
  // During a bulk load several pages share a transaction (each still with its cursor, in a
  // savepoint of its own): a commit writes every index page the rows touched, and at a page's
  // 5,000 cases that cost about as much as the inserts. A crash loses the open pages only, and
  // they are read again.
  const grouped = isBulkLoading(db);
  const commitRows = request.bulkCommitRows ?? BULK_COMMIT_ROWS;
  let pending = { rows: 0, bytes: 0 };
  let shown = new Set<SyncedEntity>();
  try {
    await pullGrouped();
  } finally {
    // Stopped or failed: the whole pages applied so far stay, and the engine hears of them.
    if (db.inTransaction) {
      db.exec('COMMIT');
      report(false, false); // nothing more comes from this pull
    }
  }

  function report(hasMore: boolean, changed: boolean, indexing = false): void {
    // A reset or a sweep may have changed anything; rows say what they changed.
    const entities = changed ? [...ALL_SYNCED] : [...shown];
    onPage({
      cursor: position.cursor,
      rows: pending.rows,
      bytes: pending.bytes,
      hasMore,
      changed: changed || pending.rows > 0,
      entities,
      caseCount: countCases(db),
      reset,
      indexing,
    });
    pending = { rows: 0, bytes: 0 };
    shown = new Set();
    reset = false;
  }

  async function pullGrouped(): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      let page: FeedPage;
      try {
        page = await (next ?? fetchFrom(position));
      } catch (error) {
        if (!(error instanceof FeedResetError)) throw error;
        // From the very beginning there is nothing to reset to: the server contradicts itself.
        if (position.cursor === 0 && position.epoch === null) {
          throw new FeedProtocolError(`${error.message}, even for a read from the beginning`);
        }
        console.warn('[sync] the server reset its feed: reading it again from the beginning');
        beginResync(db);
        position = { cursor: 0, epoch: null };
        reset = true;
        next = null;
        continue;
      }
      next = null;
      signal.throwIfAborted();
      const { end } = page;
      const after = { cursor: Math.max(position.cursor, end.cursor), epoch: end.epoch };
      if (end.hasMore) {
        // Asked for before this page is applied, so that the server streams it meanwhile. Should
        // the apply fail, it is dropped unread (its failure too: nothing was taken from it).
        next = fetchFrom(after);
        next.catch(() => undefined);
      }
      if (end.cursor > position.cursor || page.changes.length > 0 || end.epoch !== position.epoch) {
        // Immediate for the reason createPageApplier gives.
        if (grouped && !db.inTransaction) db.exec('BEGIN IMMEDIATE');
        apply(page.changes, end.cursor, new Date().toISOString(), end.epoch);
        position = after;
      }
      pending.rows += page.changes.length;
      collectShown(page.changes, shown);
      pending.bytes += page.bytes;
      // The engine hears of pages once they are committed, as the main connection sees them.
      if (db.inTransaction) {
        if (pending.rows < commitRows && end.hasMore) continue;
        db.exec('COMMIT');
      }
      const swept = end.hasMore ? 0 : finishResync(db);
      if (!end.hasMore && isBulkLoading(db)) {
        // Everything is in; the status says what the minute or so of building is.
        report(true, swept > 0, true);
        const started = performance.now();
        finishBulkLoad(db);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.info(`[sync] initial sync loaded; indexes and search built in ${seconds} s`);
        report(false, true);
      } else {
        report(end.hasMore, swept > 0);
      }
      if (!end.hasMore) return;
    }
  }
}
