import type { FeedHub } from '../feed/hub';
import type { FeedRecorder } from '../feed/types';
import { commitWithFeed } from '../feed/write';
import type { SqlClient, SqlExecutor } from '../store/client';
import { DISPATCH_COLUMNS, remindDispatch, sendDueDispatch, type DispatchRow } from './dispatches';

/** How often the running server looks for due dispatches and reminders by default. */
export const DISPATCH_TICK_MS = 5_000;

/** Dispatches handled per kind and tick; the rest wait for the next tick. */
const PER_TICK = 100;

export interface DispatchSchedulerOptions {
  db: SqlClient;
  hub: FeedHub | null;
  /** Between ticks; 0 runs no timer (tests call `tick` themselves). */
  intervalMs?: number;
  /**
   * The clock due times are judged by. Default: the database's (`now()`), the one that stamps
   * `sent_at`, so several server processes with skewed clocks agree on what is due.
   */
  now?: () => Date;
  onError?: (error: unknown) => void;
}

export interface DispatchTick {
  /** Ids of the scheduled dispatches this tick sent. */
  sent: string[];
  /** Ids of the dispatches whose reminder this tick sent. */
  reminded: string[];
}

const DUE_TO_SEND = `SELECT ${DISPATCH_COLUMNS} FROM dispatches
  WHERE status = 'scheduled' AND send_at <= COALESCE($1::timestamptz, now())
    AND NOT (id = ANY($2::uuid[]))
  ORDER BY send_at, id LIMIT 1
  FOR UPDATE SKIP LOCKED`;

const DUE_TO_REMIND = `SELECT ${DISPATCH_COLUMNS} FROM dispatches
  WHERE status = 'sent' AND remind_after_minutes IS NOT NULL AND reminded_at IS NULL
    AND sent_at + remind_after_minutes * interval '1 minute' <= COALESCE($1::timestamptz, now())
    AND NOT (id = ANY($2::uuid[]))
  ORDER BY sent_at, id LIMIT 1
  FOR UPDATE SKIP LOCKED`;

/**
 * Sends scheduled dispatches when they come due, and a sent dispatch's one reminder when its
 * time has come (see `remindDispatch` for what a reminder is).
 *
 * Exactly once, also with several server processes on one PostgreSQL: each dispatch is handled
 * in a transaction of its own that first claims its row with `FOR UPDATE SKIP LOCKED` — a row
 * another tick holds is skipped rather than waited for, and once that tick commits, the row no
 * longer matches (`status` is `sent`, `reminded_at` set). The status change commits together with
 * the messages and their feed rows, so a crash halfway leaves the dispatch due, never half sent;
 * the messages' ids are named after the dispatch (`dispatchMessageId`) as a second guard. A
 * cancel racing a send waits for the row lock and then finds the dispatch sent.
 */
export class DispatchScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: DispatchSchedulerOptions) {}

  start(): void {
    const every = this.options.intervalMs ?? DISPATCH_TICK_MS;
    if (this.timer || every <= 0) return;
    this.timer = setInterval(() => {
      // A tick still at work (a large dispatch) is not joined by a second one from this process.
      if (this.running) return;
      this.running = this.tick()
        .catch((error: unknown) => this.reportError(error))
        .finally(() => (this.running = null));
    }, every);
    this.timer.unref();
  }

  /** Stops the timer and waits for a tick at work. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Sends what is due at `at` (default: the scheduler's clock), then the reminders due. A
   * dispatch that fails is left for the next tick and does not hold up the others.
   */
  async tick(at: Date | undefined = this.options.now?.()): Promise<DispatchTick> {
    const sent = await this.drain(DUE_TO_SEND, at, async (tx, feed, row) => {
      await sendDueDispatch(tx, feed, row);
    });
    const reminded = await this.drain(DUE_TO_REMIND, at, async (tx, feed, row) => {
      await remindDispatch(tx, feed, row);
    });
    return { sent, reminded };
  }

  private async drain(
    claimSql: string,
    at: Date | undefined,
    handle: (tx: SqlExecutor, feed: FeedRecorder, row: DispatchRow) => Promise<void>,
  ): Promise<string[]> {
    const { db, hub } = this.options;
    const done: string[] = [];
    const failed: string[] = [];
    while (done.length < PER_TICK) {
      // Which dispatch the transaction claimed, known also when it fails.
      const attempt: { id: string | null } = { id: null };
      try {
        await commitWithFeed(db, hub, async (tx, feed) => {
          const [row] = await tx.query<DispatchRow>(claimSql, [at?.toISOString() ?? null, failed]);
          if (!row) return;
          attempt.id = row.id;
          await handle(tx, feed, row);
        });
      } catch (error) {
        if (attempt.id === null) throw error;
        failed.push(attempt.id);
        this.reportError(error);
        continue;
      }
      if (attempt.id === null) break;
      done.push(attempt.id);
    }
    return done;
  }

  private reportError(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error('Dispatch scheduler:', error);
  }
}
