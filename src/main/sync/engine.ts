import type { DataChanged, SyncStatus } from '../../shared/contract';
import { FEED_PAGE_MAX } from '../../shared/sync/feed';
import type { Db } from '../db/connection';
import { countCases, readCheckpoint, touchLastSynced } from './apply';
import { ALL_SYNCED, type SyncedEntity } from './announce';
import { backoffDelay } from './backoff';
import { OfflineError, UnauthorizedError } from './feed-client';
import { connectLive } from './live';
import { PullProgress } from './progress';
import type { PageReport } from './pull-loop';
import { createPullRunner, type PullRunner } from './pull-runner';
import type { ServerSession } from './session';

/**
 * Rows per feed page: the server's maximum, since pages are applied off the main thread (on the
 * calling thread, as for an in-memory database, a 5,000-row page holds it for about 650 ms).
 */
const DEFAULT_PAGE_SIZE = FEED_PAGE_MAX;

export interface SyncEngineOptions {
  db: Db;
  /** The login shared with the other services that talk to the server. */
  session: ServerSession;
  onStatus(status: SyncStatus): void;
  onChanged(changed: DataChanged): void;
  /** Where pages are applied; default a worker thread for a database file (see pull-runner). */
  runner?: PullRunner;
  /** A better-sqlite3 binary for the worker's connection (Electron). */
  nativeBinding?: string;
  pageSize?: number;
  /** A pull now and then even when pokes are quiet, in case one was lost. */
  pollIntervalMs?: number;
  /** The renderer refetches on every announcement; during a long catch-up, announce at most this often. */
  announceEveryMs?: number;
  /** During a long pull, report progress (rows, bytes, time left) at most this often. */
  progressEveryMs?: number;
}

/**
 * Keeps the local database a copy of the server's feed: pulls pages since the stored cursor,
 * listens for pokes on the live channel, and reports its state. Every failure ends in a retry;
 * nothing is applied that did not arrive whole and valid.
 */
export class SyncEngine {
  private readonly runner: PullRunner;
  private readonly session: ServerSession;
  private status: SyncStatus;
  private stopLive: (() => void) | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private reconnectAttempt = 0;
  private pullAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pullRetryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The highest feed cursor the live channel poked: how far the feed reaches, as a hint. */
  private feedHead: number | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.session = options.session;
    this.runner =
      options.runner ??
      createPullRunner(
        options.db,
        options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
      );
    const checkpoint = readCheckpoint(options.db);
    this.status = {
      state: 'starting',
      cursor: checkpoint.cursor,
      lastSyncedAt: checkpoint.lastSyncedAt,
      caseCount: countCases(options.db),
      error: null,
      progress: null,
    };
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  start(): void {
    void this.connect();
    this.pollTimer = setInterval(() => this.requestPull(), this.options.pollIntervalMs ?? 30_000);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.reconnectTimer, this.pullRetryTimer]) if (timer) clearTimeout(timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.stopLive?.();
    this.stopLive = null;
    await this.runner.close();
    await this.pulling?.catch(() => undefined);
  }

  /**
   * Follows the session: a lock or sign-out closes the live channel (its token is no longer
   * ours to use); a sign-in or unlock connects and catches up at once instead of after backoff.
   */
  sessionChanged(signedIn: boolean): void {
    if (this.stopped) return;
    if (!signedIn) {
      const stopLive = this.stopLive;
      this.stopLive = null;
      stopLive?.();
      // A pull already under way would go on with the old token; nothing more comes in.
      this.runner.cancel();
      this.setStatus({ state: 'offline', error: 'Not signed in', progress: null });
      return;
    }
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pullRetryTimer) clearTimeout(this.pullRetryTimer);
    this.reconnectTimer = null;
    this.pullRetryTimer = null;
    this.reconnectAttempt = 0;
    this.pullAttempt = 0;
    if (!this.stopLive) void this.connect();
    this.requestPull();
  }

  /** Ask for a pull; pulls never overlap, a request during one runs right after it. */
  requestPull(): void {
    // Locked or signed out: nothing to pull with; signing in again asks for a pull.
    if (this.stopped || !this.session.isSignedIn) return;
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = this.pull().finally(() => {
      this.pulling = null;
      if (this.pullAgain && !this.stopped) {
        this.pullAgain = false;
        this.requestPull();
      }
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped || !this.session.isSignedIn) return;
    let token: string;
    try {
      token = await this.session.accessToken();
    } catch (error) {
      this.report(error);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    this.stopLive = connectLive(this.session.serverUrl, token, {
      onOpen: () => {
        this.reconnectAttempt = 0;
        this.requestPull();
      },
      onPoke: (cursor) => {
        this.feedHead = Math.max(this.feedHead ?? 0, cursor);
        if (cursor > this.status.cursor) this.requestPull();
      },
      onClose: (reason, unauthorized) => {
        this.stopLive = null;
        if (this.stopped) return;
        if (unauthorized) this.session.invalidate();
        this.setStatus({ state: 'offline', error: reason });
        this.scheduleReconnect();
      },
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = backoffDelay(this.reconnectAttempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private async pull(): Promise<void> {
    const { onChanged } = this.options;
    // Pages are applied where they do not hold up contract calls (a worker thread; see
    // pull-runner); their size bounds what one transaction holds and how often progress comes.
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    const announceEveryMs = this.options.announceEveryMs ?? 300;
    const progressEveryMs = this.options.progressEveryMs ?? 500;
    let progress = new PullProgress(this.status.cursor, Date.now());
    let lastProgress = 0;
    let pending = false;
    const changed = new Set<SyncedEntity>();
    let lastAnnounce = 0;
    const announce = () => {
      pending = false;
      lastAnnounce = Date.now();
      const [first, ...rest] = changed.size > 0 ? [...changed] : ALL_SYNCED;
      changed.clear();
      if (first) onChanged({ entities: [first, ...rest] });
    };
    const onPage = (page: PageReport) => {
      if (page.reset) {
        progress = new PullProgress(0, Date.now());
        this.status = { ...this.status, cursor: 0 };
      }
      this.status = {
        ...this.status,
        cursor: Math.max(this.status.cursor, page.cursor),
        caseCount: page.caseCount,
      };
      if (page.changed) pending = true;
      for (const entity of page.entities) changed.add(entity);
      progress.add(page.rows, page.bytes, page.cursor);
      const now = Date.now();
      if (page.indexing) {
        lastProgress = now;
        const loaded = progress.snapshot(this.feedHead, now);
        this.setStatus({
          state: 'syncing',
          progress: { ...loaded, etaSeconds: null, indexing: true },
        });
      } else if (
        page.hasMore &&
        (this.status.state !== 'syncing' || now - lastProgress >= progressEveryMs)
      ) {
        lastProgress = now;
        this.setStatus({ state: 'syncing', progress: progress.snapshot(this.feedHead, now) });
      }
      if (pending && now - lastAnnounce >= announceEveryMs) announce();
    };
    try {
      // A token refused mid-pull (they are short-lived) means: log in again and go on.
      await this.session.authorized((token) =>
        this.runner.run(
          {
            serverUrl: this.session.serverUrl,
            token,
            pageSize,
          },
          onPage,
        ),
      );
      if (this.stopped) return;
      if (pending) announce();
      const now = new Date().toISOString();
      touchLastSynced(this.options.db, now);
      this.pullAttempt = 0;
      this.setStatus({
        state: this.stopLive ? 'idle' : 'offline',
        lastSyncedAt: now,
        error: this.stopLive ? null : this.status.error,
        progress: null,
      });
    } catch (error) {
      if (pending) announce();
      // Stopped, or cancelled by a lock or sign-out, whose status says so already.
      if (this.stopped || !this.session.isSignedIn) return;
      if (error instanceof UnauthorizedError) this.session.invalidate();
      this.report(error);
      this.schedulePullRetry();
    }
  }

  private schedulePullRetry(): void {
    if (this.stopped || this.pullRetryTimer) return;
    const delay = backoffDelay(this.pullAttempt++, { maxMs: 10_000 });
    this.pullRetryTimer = setTimeout(() => {
      this.pullRetryTimer = null;
      this.requestPull();
    }, delay);
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const state =
      error instanceof OfflineError || error instanceof UnauthorizedError ? 'offline' : 'error';
    if (state === 'error') console.error('[sync]', message);
    this.setStatus({
      state,
      error: message,
      caseCount: countCases(this.options.db),
      progress: null,
    });
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus(this.status);
  }
}
