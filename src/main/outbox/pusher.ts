import {
  MUTATION_BATCH_MAX,
  type MutationBatchResponse,
  type MutationResult,
} from '../../shared/sync/mutations';
import { backoffDelay } from '../sync/backoff';
import type { LocalEffects } from './effects';
import { BatchRefusedError, type PushFn } from './push-client';
import { parseMutation, type OutboxRow, type OutboxStore } from './store';

export interface PusherOptions {
  store: OutboxStore;
  effects: LocalEffects;
  push: PushFn;
  /** After answers were recorded: the entries they concern, and the feed's head after the batch. */
  onAnswered(rows: readonly OutboxRow[], cursor: number): void;
  /** After a push failed for now (state shown to the clerk, e.g. "offline, 3 waiting"). */
  onFailed?(error: unknown): void;
  /** A push now and then even when nothing asked for one. */
  intervalMs?: number;
  /** The wait before try number `attempt + 1` after a failure. */
  backoff?: (attempt: number) => number;
  batchMax?: number;
  /**
   * How often one entry on its own may make the server fail (a 500) before it is set aside so
   * the entries behind it can go; it is rejected once others got through.
   */
  suspectAfter?: number;
  /** Applied entries older than this are deleted. */
  keepAppliedMs?: number;
}

/**
 * Sends the outbox to the server: one push in flight at a time, oldest entries first, in batches.
 * Pushes at once when asked (a local write, the sync engine coming online) and on a timer;
 * after a failure it waits with backoff and jitter. Every answer is recorded in one transaction
 * with what it undoes locally; conflicts and rejections are kept for the clerk and never hold up
 * the entries behind them.
 */
export class Pusher {
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  private batchLimit: number;
  /** Entries that made the server fail on their own, and how often. */
  private readonly suspects = new Map<string, number>();
  private readonly backoff: (attempt: number) => number;

  constructor(private readonly options: PusherOptions) {
    this.batchLimit = this.batchMax;
    this.backoff =
      options.backoff ?? ((attempt) => backoffDelay(attempt, { baseMs: 500, maxMs: 30_000 }));
  }

  private get batchMax(): number {
    return Math.min(MUTATION_BATCH_MAX, this.options.batchMax ?? MUTATION_BATCH_MAX);
  }

  /** Resumes what a previous run left on its way, then pushes. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.options.store.resetInterrupted();
    this.intervalTimer = setInterval(() => {
      if (!this.retryTimer && this.options.store.hasUnsent()) this.kick();
    }, this.options.intervalMs ?? 15_000);
    this.intervalTimer.unref();
    this.kick();
  }

  /** Stops pushing; a push in flight is awaited (its caller aborts the request). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.retryTimer = null;
    this.intervalTimer = null;
    await this.running;
  }

  /** Asks for a push. While waiting out a backoff, the scheduled retry will take the new work. */
  kick(): void {
    if (this.stopped || this.retryTimer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Pushes at once, even during a backoff: the server is back. */
  pushNow(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.attempt = 0;
    this.kick();
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const batch = this.nextBatch();
      if (batch.length === 0) {
        // Only entries set aside are left: keep trying them, slowly.
        if (this.parked().length > 0) this.scheduleRetry();
        return;
      }
      const ok = await this.pushBatch(batch);
      if (!ok) {
        this.scheduleRetry();
        return;
      }
    }
  }

  private parked(): string[] {
    const after = this.options.suspectAfter ?? 3;
    return [...this.suspects].filter(([, n]) => n >= after).map(([id]) => id);
  }

  /**
   * The oldest unsent entries, up to the batch limit. A conversation ends its batch: the server
   * may answer with another id (an existing direct conversation), which the messages after it
   * must use.
   */
  private nextBatch(): OutboxRow[] {
    const parked = new Set(this.parked());
    const rows = this.options.store.unsent(this.batchLimit + parked.size);
    let candidates = rows.filter((row) => !parked.has(row.id));
    if (
      candidates.length === 0 &&
      parked.size > 0 &&
      this.retryTimer === null &&
      this.attempt > 0
    ) {
      // Nothing else to send: try the set-aside entries again, one at a time.
      candidates = rows.slice(0, 1);
    }
    const batch: OutboxRow[] = [];
    for (const row of candidates) {
      if (batch.length >= this.batchLimit) break;
      batch.push(row);
      if (row.kind === 'conversation') break;
    }
    return batch;
  }

  /** One push; false if it must be tried again later. */
  private async pushBatch(batch: OutboxRow[]): Promise<boolean> {
    const { store } = this.options;
    const ids = batch.map((row) => row.id);
    store.markPushing(ids);
    let answer: MutationBatchResponse;
    try {
      answer = await this.options.push(batch.map(parseMutation));
      if (answer.results.length !== batch.length) {
        throw new BatchRefusedError(
          `Outbox: ${answer.results.length} answers for ${batch.length} mutations`,
        );
      }
      batch.forEach((row, i) => {
        const id = answer.results[i]?.id;
        if (id !== null && id !== undefined && id !== row.id) {
          throw new BatchRefusedError(`Outbox: answer ${i} is for ${id}, not for ${row.id}`);
        }
      });
    } catch (error) {
      store.markUnanswered(ids, error instanceof Error ? error.message : String(error));
      this.noteFailure(batch, error);
      this.options.onFailed?.(error);
      return false;
    }
    const results = answer.results;
    const answered = store.db
      .transaction(() => {
        batch.forEach((row, i) => this.record(row, results[i] as MutationResult));
        store.pruneApplied(
          new Date(Date.now() - (this.options.keepAppliedMs ?? 86_400_000)).toISOString(),
        );
        return batch.map((row) => store.require(row.id));
      })
      .immediate();
    this.attempt = 0;
    this.batchLimit = this.batchMax;
    for (const row of batch) this.suspects.delete(row.id);
    this.giveUpOnParked();
    this.options.onAnswered(answered, answer.cursor);
    return true;
  }

  /** Records one answer with its local consequences (inside the batch's transaction). */
  private record(row: OutboxRow, result: MutationResult): void {
    const { store, effects } = this.options;
    switch (result.status) {
      case 'applied': {
        store.markApplied(row.id, result.repeated);
        const m = parseMutation(row);
        const data = result.record?.data as { id?: unknown } | undefined;
        if (
          m.kind === 'conversation' &&
          typeof data?.id === 'string' &&
          data.id !== m.conversationId
        ) {
          this.moveConversation(m.conversationId, data.id);
        }
        return;
      }
      case 'conflict':
        store.markConflict(row.id, result);
        effects.undo(store.require(row.id));
        return;
      case 'rejected':
        store.markRejected(row.id, result);
        effects.undo(store.require(row.id));
        return;
    }
  }

  /** Messages waiting for a placeholder conversation go to the one the server already had. */
  private moveConversation(from: string, to: string): void {
    const { store, effects } = this.options;
    for (const row of store.unsentFor(from)) {
      const m = parseMutation(row);
      if (m.kind === 'message') store.replaceMutation(row.id, { ...m, conversationId: to }, to);
    }
    effects.moveConversation(from, to);
  }

  private noteFailure(batch: readonly OutboxRow[], error: unknown): void {
    if (!(error instanceof BatchRefusedError)) return;
    // The server is up but failed this batch: narrow it down to the entry that causes it.
    if (batch.length > 1) {
      this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
      return;
    }
    const only = batch[0];
    if (only) this.suspects.set(only.id, (this.suspects.get(only.id) ?? 0) + 1);
  }

  /** Others got through, so the set-aside entries are the problem, not the server: reject them. */
  private giveUpOnParked(): void {
    const parked = this.parked();
    if (parked.length === 0) return;
    const { store, effects } = this.options;
    const rows = store.db.transaction(() =>
      parked.flatMap((id) => {
        this.suspects.delete(id);
        const row = store.get(id);
        if (!row || (row.state !== 'pending' && row.state !== 'pushing')) return [];
        store.markRejected(id, {
          code: 'server_error',
          reason:
            `The server failed on this entry ${this.options.suspectAfter ?? 3} times: ${row.last_error ?? ''}`.trim(),
        });
        effects.undo(store.require(id));
        return [store.require(id)];
      }),
    )();
    if (rows.length > 0) this.options.onAnswered(rows, 0);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.backoff(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }
}
