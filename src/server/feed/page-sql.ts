import pg from 'pg';

/** Whose feed is read: rows are filtered by their audience (see `Audience`). */
export interface FeedViewer {
  userId: string;
  /** Clerks, team leads and admins: they see the office's rows (all cases and their trail). */
  office: boolean;
}

/**
 * Which rows `user` may read, `office` telling whether they are office staff (both SQL
 * expressions). Membership is read in the same statement as the rows, so a conversation joined
 * concurrently is never half-seen.
 */
export const visibleTo = (user: string, office: string) =>
  `(audience = 'all' OR (audience = 'office' AND ${office}) OR ${user} = ANY(users)
    OR conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = ${user}))`;

/**
 * The condition on `feed` rows that `viewer` may read, as the feed applies it, the viewer's id
 * as an escaped literal: for statements without parameters (COPY) and for tools that read the
 * table directly, such as the benchmark's plain SELECT of the same rows.
 */
export function visibleToViewer(viewer: FeedViewer): string {
  return visibleTo(pg.escapeLiteral(viewer.userId), viewer.office ? 'true' : 'false');
}

/** The feed's current epoch (see feed/state.ts), for a page's head row. */
export const EPOCH_SQL = '(SELECT current_epoch FROM feed_state WHERE id = 1)';

/**
 * A page's two epochs: the feed's current one as the route read it, which the page's own
 * snapshot must still hold, and the one its end line names (the reader's, see `decideResume`).
 */
export interface PageEpochs {
  expected: string;
  end: string;
}

/**
 * Up to `take` rows the viewer may see after cursor `after` as `columns`, in cursor order, then
 * one head row: the feed's head as this statement saw it and `headColumns`, which hold
 * `EPOCH_SQL` (the page's callers mark it off from the rows) and NULLs.
 *
 * The head: when fewer than `take` rows come back, every row the viewer may see up to that head
 * was among them, so the page may end at the head even if the viewer's last row is older —
 * otherwise a viewer who sees little would scan the same unseen rows again on every pull.
 * (Cursors become visible in order; see append.ts.)
 *
 * The epoch: the route checked the reader against the feed's state just before the page, but a
 * compaction may have removed tombstones in between. The epoch in the page's own snapshot tells:
 * a page that saw another epoch than `PageEpochs.expected` is not ended (`EpochChangedError`).
 */
export const pageSql = (
  columns: string,
  headColumns: string,
  visible: string,
  after: string,
  take: string,
) => `
  WITH page AS (
    SELECT cursor, ${columns}
    FROM feed WHERE cursor > ${after} AND ${visible} ORDER BY cursor LIMIT ${take}
  )
  SELECT * FROM page
  UNION ALL SELECT COALESCE(MAX(cursor), 0), ${headColumns} FROM feed`;

export const endLine = (cursor: number, hasMore: boolean, epoch: string) =>
  `${JSON.stringify({ kind: 'end', cursor, hasMore, epoch })}\n`;

/**
 * The page's statement saw another epoch than the one its reader was checked against: the page
 * must not end, so its reader asks again and is judged by the feed's new state.
 */
export class EpochChangedError extends Error {
  override name = 'EpochChangedError';
  constructor(expected: string, seen: string | null) {
    super(`feed epoch changed during the page: checked ${expected}, the page saw ${seen}`);
  }
}
