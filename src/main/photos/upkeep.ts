import { mkdir, rm } from 'node:fs/promises';
import type { PhotoCacheDb } from './cache-db';
import type { PhotoPaths } from './paths';
import { makeThumbnail } from './thumbnail';

export interface UpkeepOptions {
  cache: PhotoCacheDb;
  paths: PhotoPaths;
  capBytes: number;
  /** Photos of this case are never evicted. */
  protectedCase(): string | null;
  makeThumbnail?: typeof makeThumbnail;
  onChanged(): void;
}

/**
 * What happens to stored photos: one thumbnail each, the last-used time, eviction above the cap
 * (least recently used first), and file deletions that a new download of the same hash waits for.
 */
export class CacheUpkeep {
  private readonly used = new Map<string, number>();
  private readonly removing = new Map<string, Promise<void>>();
  private thumbs: Promise<void> = Promise.resolve();
  private evicting: Promise<void> = Promise.resolve();
  private readonly flushTimer: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: UpkeepOptions) {
    this.flushTimer = setInterval(() => this.flushUsed(), 10_000);
    this.flushTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.flushTimer);
    await this.thumbs;
    await this.evicting;
    await Promise.allSettled([...this.removing.values()]);
    this.flushUsed();
  }

  /** A photo was served; written to the database in batches. */
  markUsed(sha256: string): void {
    this.used.set(sha256, Date.now());
  }

  // --- thumbnails ------------------------------------------------------------------------------

  /** One at a time: sharp uses every core for a single image anyway. */
  queueThumb(sha256: string): void {
    this.thumbs = this.thumbs.then(() => this.makeThumb(sha256)).catch(() => undefined);
  }

  private async makeThumb(sha256: string): Promise<void> {
    const { cache, paths } = this.options;
    if (this.stopped || !cache.isStored(sha256)) return;
    const make = this.options.makeThumbnail ?? makeThumbnail;
    try {
      await mkdir(paths.tmpDir, { recursive: true });
      const bytes = await make(paths.original(sha256), paths.thumb(sha256), paths.tmpDir);
      if (!cache.isStored(sha256)) {
        // Evicted meanwhile.
        await rm(paths.thumb(sha256), { force: true });
        return;
      }
      cache.markThumb(sha256, 'made', bytes);
    } catch (error) {
      if (this.stopped) return;
      // Not an image sharp can read: the photo itself is still shown; not tried again.
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`[photos] no thumbnail for ${sha256}: ${reason}`);
      if (cache.isStored(sha256)) cache.markThumb(sha256, 'failed', null);
    }
    this.options.onChanged();
    this.evictSoon();
  }

  // --- cache size ------------------------------------------------------------------------------

  evictSoon(): void {
    this.evicting = this.evicting
      .then(() => this.evict())
      .catch((error: unknown) => {
        console.error('[photos] eviction failed', error);
      });
  }

  /** A new cap from the settings; a smaller one evicts down to it at once. */
  setCapBytes(capBytes: number): void {
    this.options.capBytes = capBytes;
    this.evictSoon();
  }

  private async evict(): Promise<void> {
    const { cache, capBytes } = this.options;
    this.flushUsed();
    let total = cache.storedBytes();
    while (total > capBytes && !this.stopped) {
      const candidates = cache.evictable(this.options.protectedCase());
      if (candidates.length === 0) return;
      for (const candidate of candidates) {
        if (total <= capBytes) break;
        await this.discard(candidate.sha256);
        total -= candidate.bytes;
      }
    }
  }

  /** Out of the cache: the row first (so it is no longer served), then the files. */
  discard(sha256: string): Promise<void> {
    this.options.cache.remove(sha256);
    this.used.delete(sha256);
    this.options.onChanged();
    return this.removeFiles(sha256);
  }

  /** Deletes the photo's files; deletions of one hash run in order. */
  removeFiles(sha256: string): Promise<void> {
    const { paths } = this.options;
    const previous = this.removing.get(sha256) ?? Promise.resolve();
    const removal = previous.then(async () => {
      await rm(paths.original(sha256), { force: true }).catch(() => undefined);
      await rm(paths.thumb(sha256), { force: true }).catch(() => undefined);
    });
    this.removing.set(sha256, removal);
    void removal.finally(() => {
      if (this.removing.get(sha256) === removal) this.removing.delete(sha256);
    });
    return removal;
  }

  /** Resolves once no deletion of this hash's files is pending: then a new file may go there. */
  async settled(sha256: string): Promise<void> {
    await this.removing.get(sha256);
  }

  private flushUsed(): void {
    if (this.used.size === 0) return;
    const used = new Map(this.used);
    this.used.clear();
    this.options.cache.touch(used);
  }
}
