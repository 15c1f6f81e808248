import type { CasePhoto, PhotoCacheStatus, PhotoState } from '../../shared/contract/photo-calls';
import type { PhotoContentType } from '../../shared/domain/photo';
import type { Db } from '../db/connection';

/** Queue order: higher first. */
export const PRIORITY = {
  /** Background prefetch of disputed cases. */
  prefetch: 0,
  /** Asked for by the renderer (a case's photo list). */
  requested: 1,
  /** The case on screen. */
  focus: 2,
} as const;

/** The case statuses whose photos a clerk is about to look at. */
export const PREFETCH_STATUSES = ['disputed', 'awaiting_statement'] as const;

export interface QueuedPhoto {
  sha256: string;
  /** From the feed's metadata: the download must have exactly this many bytes. */
  expectedBytes: number;
  attempts: number;
}

export interface StoredPhotoRow {
  bytes: number;
  thumb: 'none' | 'made' | 'failed';
  thumbBytes: number | null;
  contentType: PhotoContentType;
}

interface CasePhotoRow {
  sha256: string;
  case_id: string;
  taken_at: string;
  lat: number | null;
  lon: number | null;
  size_bytes: number;
  content_type: PhotoContentType;
  uploaded_by: string;
  state: PhotoState | null;
  attempts: number | null;
  last_error: string | null;
  verified_at: string | null;
  thumb: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every statement on `photo_cache` (migration 0003), joined with the synced `photos` table where the
 * feed's metadata matters. A photo the feed no longer lists is neither downloaded nor served.
 */
export class PhotoCacheDb {
  private readonly s;

  constructor(private readonly db: Db) {
    const prepare = (sql: string) => db.prepare(sql);
    this.s = {
      enqueueCase: prepare(`
        INSERT INTO photo_cache (sha256, state, priority, next_attempt_at, requested_at, last_used_at)
        SELECT sha256, 'queued', @priority, @now, @now, @now FROM photos WHERE case_id = @caseId
        ON CONFLICT (sha256) DO UPDATE SET priority = max(priority, excluded.priority)
      `),
      enqueueOne: prepare(`
        INSERT INTO photo_cache (sha256, state, priority, next_attempt_at, requested_at, last_used_at)
        VALUES (@sha256, 'queued', @priority, @now, @requestedAt, @now)
        ON CONFLICT (sha256) DO NOTHING
      `),
      retryFailedOfCase: prepare(`
        UPDATE photo_cache SET state = 'queued', attempts = 0, next_attempt_at = @now
        WHERE state = 'failed' AND sha256 IN (SELECT sha256 FROM photos WHERE case_id = @caseId)
      `),
      demoteOthers: prepare(`
        UPDATE photo_cache SET priority = ${PRIORITY.requested}
        WHERE priority > ${PRIORITY.requested}
          AND sha256 NOT IN (SELECT sha256 FROM photos WHERE case_id = @caseId)
      `),
      demoteAll: prepare(
        `UPDATE photo_cache SET priority = ${PRIORITY.requested} WHERE priority > ${PRIORITY.requested}`,
      ),
      pendingOfCase: prepare(`
        SELECT count(*) AS n FROM photo_cache
        WHERE state IN ('queued', 'downloading')
          AND sha256 IN (SELECT sha256 FROM photos WHERE case_id = ?)
      `),
      next: prepare(`
        SELECT c.sha256, p.size_bytes AS expectedBytes, c.attempts
        FROM photo_cache c JOIN photos p ON p.sha256 = c.sha256
        WHERE c.state = 'queued' AND c.next_attempt_at <= ?
        ORDER BY c.priority DESC, c.requested_at, p.taken_at, c.sha256
        LIMIT 1
      `),
      nextWake: prepare(`
        SELECT min(c.next_attempt_at) AS at
        FROM photo_cache c JOIN photos p ON p.sha256 = c.sha256
        WHERE c.state = 'queued'
      `),
      setState: prepare('UPDATE photo_cache SET state = @state WHERE sha256 = @sha256'),
      stored: prepare(`
        UPDATE photo_cache
        SET state = 'stored', bytes = @bytes, verified_at = @now, last_used_at = @now,
            last_error = NULL, thumb = 'none', thumb_bytes = NULL
        WHERE sha256 = @sha256
      `),
      retry: prepare(`
        UPDATE photo_cache
        SET state = 'queued', attempts = attempts + 1, last_error = @error, next_attempt_at = @at
        WHERE sha256 = @sha256
      `),
      failed: prepare(`
        UPDATE photo_cache SET state = 'failed', attempts = attempts + 1, last_error = @error
        WHERE sha256 = @sha256
      `),
      damaged: prepare(`
        UPDATE photo_cache
        SET state = 'queued', bytes = NULL, verified_at = NULL, thumb = 'none', thumb_bytes = NULL,
            last_error = 'The cached file was damaged', next_attempt_at = @now,
            priority = max(priority, ${PRIORITY.requested})
        WHERE sha256 = @sha256 AND state = 'stored'
      `),
      resetDownloading: prepare(
        `UPDATE photo_cache SET state = 'queued' WHERE state = 'downloading'`,
      ),
      thumb: prepare(
        'UPDATE photo_cache SET thumb = @thumb, thumb_bytes = @bytes WHERE sha256 = @sha256',
      ),
      pendingThumbs: prepare(
        `SELECT sha256 FROM photo_cache WHERE state = 'stored' AND thumb = 'none'`,
      ),
      lookupStored: prepare(`
        SELECT c.bytes, c.thumb, c.thumb_bytes AS thumbBytes, p.content_type AS contentType
        FROM photo_cache c JOIN photos p ON p.sha256 = c.sha256
        WHERE c.sha256 = ? AND c.state = 'stored' AND c.verified_at IS NOT NULL
      `),
      forCase: prepare(`
        SELECT p.sha256, p.case_id, p.taken_at, p.lat, p.lon, p.size_bytes, p.content_type,
               p.uploaded_by, c.state, c.attempts, c.last_error, c.verified_at, c.thumb
        FROM photos p LEFT JOIN photo_cache c ON c.sha256 = p.sha256
        WHERE p.case_id = ?
        ORDER BY p.taken_at, p.sha256
      `),
      counts: prepare('SELECT state, count(*) AS n FROM photo_cache GROUP BY state'),
      storedBytes: prepare(`
        SELECT coalesce(sum(bytes + coalesce(thumb_bytes, 0)), 0) AS n
        FROM photo_cache WHERE state = 'stored'
      `),
      // Photos the feed dropped first, then least recently used; never the case on screen.
      evictable: prepare(`
        SELECT c.sha256, c.bytes + coalesce(c.thumb_bytes, 0) AS bytes
        FROM photo_cache c LEFT JOIN photos p ON p.sha256 = c.sha256
        WHERE c.state = 'stored' AND (p.case_id IS NULL OR p.case_id IS NOT @protect)
        ORDER BY p.sha256 IS NOT NULL, c.last_used_at, c.sha256
        LIMIT 200
      `),
      remove: prepare('DELETE FROM photo_cache WHERE sha256 = ?'),
      dropUnlisted: prepare(`
        DELETE FROM photo_cache
        WHERE state IN ('queued', 'failed') AND sha256 NOT IN (SELECT sha256 FROM photos)
      `),
      touch: prepare(
        'UPDATE photo_cache SET last_used_at = max(last_used_at, @at) WHERE sha256 = @sha256',
      ),
      unlistedStored: prepare(`
        SELECT sha256 FROM photo_cache
        WHERE state = 'stored' AND sha256 NOT IN (SELECT sha256 FROM photos)
      `),
      isStored: prepare(`SELECT 1 FROM photo_cache WHERE sha256 = ? AND state = 'stored'`),
      thumbMade: prepare(
        `SELECT 1 FROM photo_cache WHERE sha256 = ? AND state = 'stored' AND thumb = 'made'`,
      ),
      prefetchCandidates: prepare(`
        SELECT p.sha256 FROM cases k JOIN photos p ON p.case_id = k.id
        WHERE k.status IN (${PREFETCH_STATUSES.map((s) => `'${s}'`).join(', ')})
          AND NOT EXISTS (SELECT 1 FROM photo_cache c WHERE c.sha256 = p.sha256)
        ORDER BY k.observed_at, p.taken_at
        LIMIT ?
      `),
      queuedPrefetch: prepare(`
        SELECT count(*) AS n FROM photo_cache
        WHERE state IN ('queued', 'downloading') AND priority = ${PRIORITY.prefetch}
      `),
    };
  }

  /** Queues the case's photos not yet known; raises the priority of those that are. */
  enqueueCase(caseId: string, priority: number, now: number): void {
    this.s.enqueueCase.run({ caseId, priority, now: iso(now) });
  }

  /** The case goes on screen: first in line, failed photos tried afresh, other cases demoted. */
  focus(caseId: string, now: number): number {
    return this.db.transaction(() => {
      this.s.demoteOthers.run({ caseId });
      this.s.retryFailedOfCase.run({ caseId, now: iso(now) });
      this.s.enqueueCase.run({ caseId, priority: PRIORITY.focus, now: iso(now) });
      return (this.s.pendingOfCase.get(caseId) as { n: number }).n;
    })();
  }

  /** After a restart nothing is on screen, and nothing is still downloading. */
  recover(): void {
    this.db.transaction(() => {
      this.s.demoteAll.run();
      this.s.resetDownloading.run();
    })();
  }

  /** The next photo to download, now marked `downloading`; undefined when none is due. */
  claimNext(now: number): QueuedPhoto | undefined {
    return this.db.transaction(() => {
      const row = this.s.next.get(iso(now)) as QueuedPhoto | undefined;
      if (row) this.s.setState.run({ sha256: row.sha256, state: 'downloading' });
      return row;
    })();
  }

  /** When the earliest queued photo becomes due (ms), or null when none is queued. */
  nextDueAt(): number | null {
    const row = this.s.nextWake.get() as { at: string | null };
    return row.at === null ? null : Date.parse(row.at);
  }

  markStored(sha256: string, bytes: number, now: number): void {
    this.s.stored.run({ sha256, bytes, now: iso(now) });
  }

  /** Back in the queue without counting an attempt (offline, or the console is closing). */
  requeue(sha256: string): void {
    this.s.setState.run({ sha256, state: 'queued' });
  }

  /** One more failed attempt; tried again at `at`. */
  markRetry(sha256: string, error: string, at: number): void {
    this.s.retry.run({ sha256, error, at: iso(at) });
  }

  markFailed(sha256: string, error: string): void {
    this.s.failed.run({ sha256, error });
  }

  /** The stored file is gone or has the wrong size: not served any more, fetched again. */
  markDamaged(sha256: string, now: number): boolean {
    return this.s.damaged.run({ sha256, now: iso(now) }).changes > 0;
  }

  markThumb(sha256: string, thumb: 'none' | 'made' | 'failed', bytes: number | null): void {
    this.s.thumb.run({ sha256, thumb, bytes });
  }

  pendingThumbs(): string[] {
    return (this.s.pendingThumbs.all() as { sha256: string }[]).map((r) => r.sha256);
  }

  lookupStored(sha256: string): StoredPhotoRow | undefined {
    return this.s.lookupStored.get(sha256) as StoredPhotoRow | undefined;
  }

  /** Stored photos the feed no longer lists (the server removed them, or they left our view). */
  unlistedStored(): string[] {
    return (this.s.unlistedStored.all() as { sha256: string }[]).map((r) => r.sha256);
  }

  isStored(sha256: string): boolean {
    return this.s.isStored.get(sha256) !== undefined;
  }

  /** Whether the file `<sha256>` (or its thumbnail) belongs in the cache folder. */
  keeps(sha256: string, variant: 'original' | 'thumb'): boolean {
    const statement = variant === 'thumb' ? this.s.thumbMade : this.s.isStored;
    return statement.get(sha256) !== undefined;
  }

  forCase(caseId: string): CasePhoto[] {
    return (this.s.forCase.all(caseId) as CasePhotoRow[]).map((row) => ({
      sha256: row.sha256,
      caseId: row.case_id,
      takenAt: row.taken_at,
      lat: row.lat,
      lon: row.lon,
      sizeBytes: row.size_bytes,
      contentType: row.content_type,
      uploadedBy: row.uploaded_by,
      state: row.state ?? 'queued',
      verified: row.state === 'stored' && row.verified_at !== null,
      thumbnail: row.state === 'stored' && row.thumb === 'made',
      attempts: row.attempts ?? 0,
      error: row.state === 'stored' ? null : row.last_error,
    }));
  }

  status(capBytes: number): PhotoCacheStatus {
    const counts = { queued: 0, downloading: 0, stored: 0, failed: 0 };
    for (const row of this.s.counts.all() as { state: PhotoState; n: number }[]) {
      counts[row.state] = row.n;
    }
    return { ...counts, bytes: this.storedBytes(), capBytes };
  }

  storedBytes(): number {
    return (this.s.storedBytes.get() as { n: number }).n;
  }

  /** Eviction candidates in order, never photos of `protectCaseId`. */
  evictable(protectCaseId: string | null): { sha256: string; bytes: number }[] {
    return this.s.evictable.all({ protect: protectCaseId }) as { sha256: string; bytes: number }[];
  }

  remove(sha256: string): void {
    this.s.remove.run(sha256);
  }

  /** Forgets queued or failed photos whose metadata the feed has removed. */
  dropUnlisted(): number {
    return this.s.dropUnlisted.run().changes;
  }

  touch(used: ReadonlyMap<string, number>): void {
    if (used.size === 0) return;
    this.db.transaction(() => {
      for (const [sha256, at] of used) this.s.touch.run({ sha256, at: iso(at) });
    })();
  }

  /** Queues up to `room` photos of disputed cases, the oldest cases (closest to lapsing) first. */
  enqueuePrefetch(limit: number, now: number): number {
    return this.db.transaction(() => {
      const queued = (this.s.queuedPrefetch.get() as { n: number }).n;
      const room = Math.max(0, limit - queued);
      if (room === 0) return 0;
      const rows = this.s.prefetchCandidates.all(room) as { sha256: string }[];
      // One millisecond apart, so the queue keeps this order (closest to lapsing first).
      rows.forEach(({ sha256 }, i) => {
        const requestedAt = iso(now + i);
        this.s.enqueueOne.run({ sha256, priority: PRIORITY.prefetch, now: iso(now), requestedAt });
      });
      return rows.length;
    })();
  }
}
