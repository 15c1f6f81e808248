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

/**
 * Up to `take` rows the viewer may see after cursor `after` as `columns`, in cursor order, then
 * one row with the feed's head as this statement saw it and `headColumns` (all NULL).
 *
 * The head: when fewer than `take` rows come back, every row the viewer may see up to that head
 * was among them, so the page may end at the head even if the viewer's last row is older —
 * otherwise a viewer who sees little would scan the same unseen rows again on every pull.
 * (Cursors become visible in order; see append.ts.)
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

export const endLine = (cursor: number, hasMore: boolean) =>
  `${JSON.stringify({ kind: 'end', cursor, hasMore })}\n`;
