import type { SyncProgress } from '../../shared/contract';

/**
 * Measures one pull: rows applied and bytes read so far, and an estimate of the time left. The
 * end line tells only whether more follows, so the estimate comes from the feed head the live
 * channel last poked: the cursor distance to it is an upper bound of the rows left (cursors the
 * viewer may not see are skipped), and the pace is cursor distance covered per second so far.
 */
export class PullProgress {
  private rows = 0;
  private bytes = 0;
  private cursor: number;

  constructor(
    private readonly startCursor: number,
    private readonly startedAt: number,
  ) {
    this.cursor = startCursor;
  }

  /** One applied page: its rows, its size on the wire, and the cursor it moved to. */
  add(rows: number, bytes: number, cursor: number): void {
    this.rows += rows;
    this.bytes += bytes;
    this.cursor = Math.max(this.cursor, cursor);
  }

  /**
   * The report for the status. `head` is the feed head last poked (null when none came yet); no
   * estimate until at least `minElapsedMs` passed and the cursor moved, nor when the head is
   * behind the cursor (the poke is stale, so how much follows is unknown).
   */
  snapshot(head: number | null, now: number, minElapsedMs = 1000): SyncProgress {
    const elapsed = now - this.startedAt;
    const covered = this.cursor - this.startCursor;
    let etaSeconds: number | null = null;
    if (head !== null && head > this.cursor && covered > 0 && elapsed >= minElapsedMs) {
      etaSeconds = Math.ceil(((head - this.cursor) * elapsed) / covered / 1000);
    }
    return { rows: this.rows, bytes: this.bytes, etaSeconds };
  }
}
