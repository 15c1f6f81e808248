import { mkdir, rename, rm } from 'node:fs/promises';
import type { CasePhotos, PhotoCacheStatus, PhotoVariant } from '../../shared/contract/photo-calls';
import type { Db } from '../db/connection';
import { backoffDelay } from '../sync/backoff';
import { LoginRefusedError, OfflineError } from '../sync/feed-client';
import type { ServerSession } from '../sync/session';
import { PRIORITY, PhotoCacheDb, type QueuedPhoto } from './cache-db';
import { downloadPhoto, type Downloaded } from './download';
import { PhotoPaths } from './paths';
import { DEFAULT_QUARANTINE, quarantine, type QuarantineLimits } from './quarantine';
import { createPhotoResolver, type PhotoFiles } from './resolver';
import { sweepCacheFolder } from './sweep';
import type { makeThumbnail } from './thumbnail';
import { throttle, type Throttled } from './throttle';
import { CacheUpkeep } from './upkeep';

export const DEFAULT_PHOTO_CACHE_BYTES = 2 * 1024 ** 3;

export interface PhotoServiceOptions {
  db: Db;
  /** The login shared with the sync engine. */
  session: Pick<ServerSession, 'authorized' | 'serverUrl' | 'signal'>;
  /** The cache folder. */
  dir: string;
  /** Stored photos and thumbnails together stay below this; default 2 GB. */
  capBytes?: number;
  /** Downloads at the same time; default 3. */
  concurrency?: number;
  /** Failed attempts (not counting offline ones) before a photo is marked failed; default 5. */
  maxAttempts?: number;
  /** Wait before attempt `n + 1` after `n` failures. */
  retryDelayMs?(failures: number): number;
  /** Pause of the whole queue after the `n`-th offline failure in a row. */
  offlineDelayMs?(streak: number): number;
  /** A download that receives nothing for this long is abandoned and tried later; default 30 s. */
  idleTimeoutMs?: number;
  /**
   * Photos of disputed cases to keep queued in the background, at the lowest priority, while the
   * cache is less than half full; 0 (the default) fetches on demand only.
   */
  prefetch?: number;
  quarantine?: QuarantineLimits;
  /** Photo states changed; called at most once per `changeThrottleMs`. */
  onChanged(): void;
  changeThrottleMs?: number;
  /** Replaceable in tests, to count or fail thumbnails. */
  makeThumbnail?: typeof makeThumbnail;
}

/**
 * The photo download queue and cache. Photos are fetched by hash from the server, a few at a time,
 * the case on screen first; every download is hashed while it streams into a temporary file and
 * kept only when hash and size match the feed's metadata. A mismatch is quarantined and fetched
 * again; after `maxAttempts` failures the photo is `failed` with the reason. Stored photos get one
 * thumbnail each; least recently used ones are evicted above the cap, never the case on screen.
 */
export class PhotoService {
  readonly files: PhotoFiles;
  private readonly cache: PhotoCacheDb;
  private readonly paths: PhotoPaths;
  private capBytes: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly abort = new AbortController();
  private readonly active = new Set<Promise<void>>();
  private readonly upkeep: CacheUpkeep;
  private readonly changed: Throttled;
  private focusCaseId: string | null = null;
  private stopped = false;
  private started = false;
  private starting: Promise<void> | null = null;
  private pausedUntil = 0;
  private offlineStreak = 0;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;

  constructor(private readonly options: PhotoServiceOptions) {
    this.cache = new PhotoCacheDb(options.db);
    this.paths = new PhotoPaths(options.dir);
    this.capBytes = options.capBytes ?? DEFAULT_PHOTO_CACHE_BYTES;
    this.concurrency = options.concurrency ?? 3;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.changed = throttle(() => options.onChanged(), options.changeThrottleMs ?? 250);
    this.upkeep = new CacheUpkeep({
      cache: this.cache,
      paths: this.paths,
      capBytes: this.capBytes,
      protectedCase: () => this.focusCaseId,
      ...(options.makeThumbnail ? { makeThumbnail: options.makeThumbnail } : {}),
      onChanged: this.changed,
    });
    this.files = createPhotoResolver({
      cache: this.cache,
      paths: this.paths,
      onUsed: (sha256) => this.upkeep.markUsed(sha256),
      onDamaged: (sha256, variant) => this.damaged(sha256, variant),
    });
  }

  /** Recovers from the last run (interrupted downloads, stray files), then starts the queue. */
  start(): Promise<void> {
    this.starting ??= this.init();
    return this.starting;
  }

  private async init(): Promise<void> {
    await mkdir(this.paths.dir, { recursive: true });
    this.cache.recover();
    await sweepCacheFolder(this.cache, this.paths);
    if (this.stopped) return;
    // Only now: the sweep must not meet a download renaming its file into place.
    this.started = true;
    for (const sha256 of this.cache.pendingThumbs()) this.upkeep.queueThumb(sha256);
    this.topUpPrefetch();
    this.pump();
  }

  /** Aborts downloads in flight (they stay queued) and waits for the workers to let go. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    this.abort.abort();
    this.changed.cancel();
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    await Promise.allSettled([...this.active]);
    await this.upkeep.stop();
  }

  /** A case's photos and their state; those not yet asked for join the queue. */
  forCase(caseId: string): CasePhotos {
    this.cache.enqueueCase(caseId, PRIORITY.requested, Date.now());
    this.pump();
    return { caseId, photos: this.cache.forCase(caseId) };
  }

  /** The clerk changed the cache size in the settings. */
  setCapBytes(capBytes: number): void {
    this.capBytes = capBytes;
    this.upkeep.setCapBytes(capBytes);
    this.changed();
  }

  /** The case on screen: first in line, failed photos tried again, safe from eviction. */
  prioritize(caseId: string): { caseId: string; queued: number } {
    this.focusCaseId = caseId;
    const queued = this.cache.focus(caseId, Date.now());
    this.changed();
    this.pump();
    return { caseId, queued };
  }

  status(): PhotoCacheStatus {
    return this.cache.status(this.capBytes);
  }

  /** The sync applied feed changes: new photos of the case on screen, removed ones, prefetch. */
  onFeedChanged(): void {
    if (this.stopped || !this.started) return;
    // The feed got through, so the server is reachable again.
    this.pausedUntil = 0;
    this.cache.dropUnlisted();
    for (const sha256 of this.cache.unlistedStored()) void this.upkeep.discard(sha256);
    if (this.focusCaseId) this.cache.enqueueCase(this.focusCaseId, PRIORITY.focus, Date.now());
    this.topUpPrefetch();
    this.changed();
    this.pump();
  }

  // --- the queue -------------------------------------------------------------------------------

  private pump(): void {
    if (this.stopped || !this.started) return;
    const now = Date.now();
    if (now < this.pausedUntil) {
      this.wakeUpAt(this.pausedUntil);
      return;
    }
    while (this.active.size < this.concurrency) {
      const next = this.cache.claimNext(now);
      if (!next) break;
      const job = this.run(next)
        .catch((error: unknown) => {
          console.error(`[photos] ${next.sha256} failed unexpectedly`, error);
          if (!this.stopped) this.retryLater(next, describe(error));
        })
        .finally(() => {
          this.active.delete(job);
          this.pump();
        });
      this.active.add(job);
      this.changed();
    }
    const due = this.cache.nextDueAt();
    if (due !== null && due > now) this.wakeUpAt(due);
  }

  private wakeUpAt(at: number): void {
    if (this.wakeTimer && this.wakeAt <= at) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.wakeAt = Infinity;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
    this.wakeTimer.unref();
  }

  private async run(entry: QueuedPhoto): Promise<void> {
    const { sha256 } = entry;
    let download: Downloaded;
    try {
      download = await this.options.session.authorized((token) =>
        downloadPhoto({
          serverUrl: this.options.session.serverUrl,
          token,
          sha256,
          expectedBytes: entry.expectedBytes,
          tmpDir: this.paths.tmpDir,
          signal: AbortSignal.any([this.abort.signal, this.options.session.signal]),
          idleTimeoutMs: this.options.idleTimeoutMs ?? 30_000,
        }),
      );
    } catch (error) {
      if (this.stopped) {
        this.cache.requeue(sha256);
      } else if (error instanceof OfflineError || error instanceof LoginRefusedError) {
        // Not the photo's fault: it keeps its attempts, and the whole queue waits a while.
        this.cache.requeue(sha256);
        const delay = (this.options.offlineDelayMs ?? defaultOfflineDelay)(this.offlineStreak++);
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
        this.changed();
      } else {
        this.retryLater(entry, describe(error));
      }
      return;
    }
    this.offlineStreak = 0;

    if (download.sha256 !== sha256 || download.bytes !== entry.expectedBytes) {
      // Never renamed into the cache, so never served; kept aside for support, then fetched again.
      await quarantine(
        this.paths.quarantineDir,
        download.path,
        { expected: sha256, actual: download.sha256 },
        this.options.quarantine ?? DEFAULT_QUARANTINE,
      ).catch(() => rm(download.path, { force: true }));
      console.warn(
        `[photos] ${sha256}: received ${download.bytes} bytes hashing to ${download.sha256}; quarantined`,
      );
      this.retryLater(
        entry,
        `Hash mismatch: received ${download.bytes} of ${entry.expectedBytes} bytes, hashing to ${download.sha256.slice(0, 12)}…`,
      );
      return;
    }

    try {
      await this.upkeep.settled(sha256);
      await mkdir(this.paths.shardDir(sha256), { recursive: true });
      await rename(download.path, this.paths.original(sha256));
    } catch (error) {
      await rm(download.path, { force: true });
      throw error;
    }
    this.cache.markStored(sha256, download.bytes, Date.now());
    this.changed();
    this.upkeep.queueThumb(sha256);
    this.topUpPrefetch();
    this.upkeep.evictSoon();
  }

  private retryLater(entry: QueuedPhoto, reason: string): void {
    const failures = entry.attempts + 1;
    if (failures >= this.maxAttempts) {
      this.cache.markFailed(entry.sha256, reason);
    } else {
      const delay = (this.options.retryDelayMs ?? defaultRetryDelay)(failures);
      this.cache.markRetry(entry.sha256, reason, Date.now() + delay);
    }
    this.changed();
  }

  private topUpPrefetch(): void {
    const limit = this.options.prefetch ?? 0;
    if (limit <= 0 || this.cache.storedBytes() >= this.capBytes / 2) return;
    if (this.cache.enqueuePrefetch(limit, Date.now()) > 0) this.changed();
  }

  // --- the resolver's findings -----------------------------------------------------------------

  private damaged(sha256: string, variant: PhotoVariant): void {
    if (this.stopped) return;
    console.warn(`[photos] cached ${variant} of ${sha256} is missing or damaged`);
    if (variant === 'thumb') {
      if (!this.cache.isStored(sha256)) return;
      this.cache.markThumb(sha256, 'none', null);
      this.upkeep.queueThumb(sha256);
    } else if (this.cache.markDamaged(sha256, Date.now())) {
      // Queued again at once; its download waits for these deletions before renaming into place.
      void this.upkeep.removeFiles(sha256);
      this.pump();
    }
    this.changed();
  }
}

function defaultRetryDelay(failures: number): number {
  return backoffDelay(failures, { baseMs: 2_000, maxMs: 5 * 60_000 });
}

function defaultOfflineDelay(streak: number): number {
  return backoffDelay(streak, { baseMs: 1_000, maxMs: 60_000 });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
