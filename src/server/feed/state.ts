import { FEED_RESET_CODE } from '../../shared/sync/feed';
import { ApiFailure } from '../errors';
import type { SqlClient, SqlExecutor } from '../store/client';
import { FEED_LOCK_KEY } from './append';
import type { FeedHub } from './hub';

/**
 * The feed's epoch and the oldest cursor a reader of an earlier generation may resume from
 * (table `feed_state`).
 *
 * A reset starts a new epoch: every reader starts over. A compaction removes tombstones, which
 * a reader below them would never see, so the readers from before it may only resume from
 * `historyFrom` on. Readers starting from 0 after the compaction must be told apart from them,
 * or paging through the old cursors would send them back to 0 on their second page, for ever:
 * so a compaction bumps the generation, and they are told `<epoch>-<generation>`. Readers of an
 * earlier generation at or above `historyFrom` go on under the epoch they sent, which their end
 * lines repeat: to them the history did not change, and consoles take any other epoch in an end
 * line for a reset.
 */
export interface FeedState {
  /** What a reader starting now is told (`current_epoch`): `base`, or `base-generation`. */
  epoch: string;
  /** The epoch as the last reset drew it. */
  base: string;
  /** Compactions since the last reset. */
  generation: number;
  historyFrom: number;
}

interface StateRow {
  current_epoch: string;
  epoch: string;
  generation: number;
  history_from: number;
}

const STATE_COLUMNS = 'current_epoch, epoch, generation, history_from';

const toState = (row: StateRow): FeedState => ({
  epoch: row.current_epoch,
  base: row.epoch,
  generation: Number(row.generation),
  historyFrom: Number(row.history_from),
});

function onlyRow(rows: readonly StateRow[]): FeedState {
  const row = rows[0];
  if (!row) throw new Error('feed_state has no row (migration 5 not applied?)');
  return toState(row);
}

export async function readFeedState(db: SqlExecutor): Promise<FeedState> {
  return onlyRow(await db.query<StateRow>(`SELECT ${STATE_COLUMNS} FROM feed_state WHERE id = 1`));
}

/** The generation `epoch` names within the current epoch, or null for another epoch. */
function generationOf(state: FeedState, epoch: string): number | null {
  if (epoch === state.base) return 0;
  const suffix = epoch.startsWith(`${state.base}-`) ? epoch.slice(state.base.length + 1) : '';
  if (!/^[1-9][0-9]{0,9}$/.test(suffix)) return null;
  const generation = Number(suffix);
  return generation <= state.generation ? generation : null;
}

export type ResumeDecision =
  | { resume: true; /** What the page's end line names. */ epoch: string }
  | { resume: false; reason: string };

/**
 * Whether a reader at `cursor` of `epoch` (absent: a first read, or a client older than epochs)
 * may go on, or must read the feed again from 0. A read from 0 always may, whatever epoch it
 * names: it holds nothing that could be stale, and refusing it could only loop.
 */
export function decideResume(
  state: FeedState,
  cursor: number,
  epoch: string | undefined,
): ResumeDecision {
  if (cursor === 0 || epoch === state.epoch) return { resume: true, epoch: state.epoch };
  const generation = epoch === undefined ? state.generation : generationOf(state, epoch);
  if (generation === null) {
    return {
      resume: false,
      reason: `Cursor ${cursor} belongs to feed epoch ${epoch}, the feed is at epoch ${state.epoch}; read it again from cursor 0`,
    };
  }
  if (cursor < state.historyFrom) {
    return {
      resume: false,
      reason:
        `The feed no longer holds everything after cursor ${cursor} (compacted up to ` +
        `${state.historyFrom}); read it again from cursor 0`,
    };
  }
  return { resume: true, epoch: epoch ?? state.epoch };
}

/** The epoch a page's end line names; throws the `410 feed_reset` answer for a refused reader. */
export function resumeEpoch(state: FeedState, cursor: number, epoch: string | undefined): string {
  const decision = decideResume(state, cursor, epoch);
  if (!decision.resume) throw new ApiFailure(410, FEED_RESET_CODE, decision.reason);
  return decision.epoch;
}

export interface FeedStateChange extends FeedState {
  /** The epoch new readers were told before. */
  replacedEpoch: string;
  /**
   * A freshly drawn cursor, above every committed change: a poke with it makes every live
   * console pull at once (consoles pull only when poked beyond their own cursor). No row has
   * it; sequences leave gaps anyway.
   */
  pokeCursor: number;
}

/**
 * Takes the feed lock (see `appendChanges`) so the change is ordered with every append: no
 * writer holds an uncommitted cursor meanwhile, so the feed's MAX(cursor) is its true head and
 * the cursor drawn for the poke lies above every change a reader can see.
 */
async function underFeedLock<T>(
  db: SqlClient,
  fn: (tx: SqlExecutor, state: FeedState) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
    const rows = await tx.query<StateRow>(
      `SELECT ${STATE_COLUMNS} FROM feed_state WHERE id = 1 FOR UPDATE`,
    );
    return fn(tx, onlyRow(rows));
  });
}

async function drawPokeCursor(tx: SqlExecutor): Promise<number> {
  const rows = await tx.query<{ cursor: number }>(`SELECT nextval('feed_cursor_seq') AS cursor`);
  return Number(rows[0]?.cursor ?? 0);
}

/** Longest reason kept; it is for the operator's records, not a document. */
export const RESET_REASON_MAX = 500;

/**
 * Starts a new epoch: every reader reads the feed again from cursor 0 (the feed's rows stay as
 * they are). For a change the rows cannot express (a schema change, a restored backup: cursors
 * that no longer continue what readers hold). With `hub`, live clients are poked after the
 * commit; another process's hub cannot be reached, its clients notice on their next pull.
 */
export async function resetFeed(
  db: SqlClient,
  reason: string,
  hub: FeedHub | null = null,
): Promise<FeedStateChange> {
  const why = reason.trim();
  if (why === '') throw new RangeError('A feed reset needs a reason');
  if (why.length > RESET_REASON_MAX) {
    throw new RangeError(`The reason is longer than ${RESET_REASON_MAX} characters`);
  }
  const change = await underFeedLock(db, async (tx, before) => {
    const rows = await tx.query<StateRow>(
      `UPDATE feed_state SET epoch = gen_random_uuid()::text, generation = 0,
         reset_at = now(), reset_reason = $1
       WHERE id = 1 RETURNING ${STATE_COLUMNS}`,
      [why],
    );
    return { ...onlyRow(rows), replacedEpoch: before.epoch, pokeCursor: await drawPokeCursor(tx) };
  });
  hub?.publish(change.pokeCursor);
  return change;
}

export interface FeedCompaction extends FeedStateChange {
  /** Tombstones removed. */
  deleted: number;
  /** The feed's head when compacted. */
  head: number;
}

/**
 * Removes the tombstones (delete rows) at or below `upTo` and raises the oldest resumable cursor
 * to `upTo`: a reader below it may have missed one of those deletes and must start over, a reader
 * at or above it has seen them all and goes on. The generation goes up (see `FeedState`). Returns
 * null when there was nothing to do (no tombstone left to remove and `historyFrom` already
 * there), leaving the state as it is.
 *
 * Only tombstones go: the feed holds one row per entity (its primary key), an upsert replacing
 * the row in place at a higher cursor, so there are no superseded rows to remove.
 *
 * `upTo` must not lie beyond the feed's head: readers that never send an epoch would otherwise
 * stand below `historyFrom` even at the head and be sent back to 0 on every pull.
 */
export async function compactFeed(
  db: SqlClient,
  upTo: number,
  hub: FeedHub | null = null,
): Promise<FeedCompaction | null> {
  if (!Number.isSafeInteger(upTo) || upTo < 1) {
    throw new RangeError(`Compaction needs a cursor ≥ 1, got ${upTo}`);
  }
  const compaction = await underFeedLock(db, async (tx, before) => {
    const heads = await tx.query<{ head: number }>(
      'SELECT COALESCE(MAX(cursor), 0) AS head FROM feed',
    );
    const head = Number(heads[0]?.head ?? 0);
    if (upTo > head) {
      throw new RangeError(`Cursor ${upTo} lies beyond the feed's head ${head}`);
    }
    const counted = await tx.query<{ deleted: number }>(
      `WITH gone AS (DELETE FROM feed WHERE op = 'delete' AND cursor <= $1 RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [upTo],
    );
    const deleted = Number(counted[0]?.deleted ?? 0);
    if (deleted === 0 && upTo <= before.historyFrom) return null;
    const rows = await tx.query<StateRow>(
      `UPDATE feed_state SET generation = generation + 1,
         history_from = GREATEST(history_from, $1), compacted_at = now()
       WHERE id = 1 RETURNING ${STATE_COLUMNS}`,
      [upTo],
    );
    return {
      ...onlyRow(rows),
      replacedEpoch: before.epoch,
      pokeCursor: await drawPokeCursor(tx),
      deleted,
      head,
    };
  });
  if (compaction) hub?.publish(compaction.pokeCursor);
  return compaction;
}
