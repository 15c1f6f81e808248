import type { AuditEntry, AuditView } from '../../shared/sync/audit';
import { ApiFailure } from '../errors';
import type { SqlExecutor } from '../store/client';

/** A console's clock may run a little ahead; a view "from the future" beyond this is refused. */
export const VIEW_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Stores the views a console reports, as `userId`'s (the token's user, never the body's). Each id
 * once: a repeat counts as a duplicate and changes nothing. All or nothing: a view dated in the
 * future refuses the batch before anything is written.
 */
export async function recordViews(
  db: SqlExecutor,
  userId: string,
  views: readonly AuditView[],
  now = Date.now(),
): Promise<{ accepted: number; duplicates: number }> {
  views.forEach((view, index) => {
    if (Date.parse(view.viewedAt) > now + VIEW_CLOCK_SKEW_MS) {
      throw new ApiFailure(
        400,
        'invalid_input',
        'A view lies in the future',
        `views.${index}.viewedAt`,
      );
    }
  });
  const rows = await db.query<{ id: string }>(
    `INSERT INTO case_views (id, user_id, case_id, photo_sha256, viewed_at)
     SELECT v.id, $1, v.case_id, v.photo_sha256, v.viewed_at
       FROM jsonb_to_recordset($2::jsonb)
         AS v (id uuid, case_id uuid, photo_sha256 text, viewed_at timestamptz)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      userId,
      JSON.stringify(
        views.map((v) => ({
          id: v.id,
          case_id: v.caseId,
          photo_sha256: v.photoSha256 ?? null,
          viewed_at: v.viewedAt,
        })),
      ),
    ],
  );
  return { accepted: rows.length, duplicates: views.length - rows.length };
}

export interface ViewFilter {
  caseId?: string | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** The trail, newest first. */
export async function listViews(db: SqlExecutor, filter: ViewFilter): Promise<AuditEntry[]> {
  const rows = await db.query<{
    id: string;
    user_id: string;
    username: string;
    case_id: string;
    photo_sha256: string | null;
    viewed_at: Date | string;
    received_at: Date | string;
  }>(
    `SELECT v.id, v.user_id, u.username, v.case_id, v.photo_sha256, v.viewed_at, v.received_at
       FROM case_views v JOIN users u ON u.id = v.user_id
      WHERE ($1::uuid IS NULL OR v.case_id = $1::uuid)
        AND ($2::text IS NULL OR v.user_id = $2::text)
        AND ($3::timestamptz IS NULL OR v.viewed_at >= $3::timestamptz)
        AND ($4::timestamptz IS NULL OR v.viewed_at <= $4::timestamptz)
      ORDER BY v.viewed_at DESC, v.id
      LIMIT $5`,
    [
      filter.caseId ?? null,
      filter.userId ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.limit,
    ],
  );
  const iso = (value: Date | string) => new Date(value).toISOString();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    username: row.username,
    caseId: row.case_id,
    photoSha256: row.photo_sha256,
    viewedAt: iso(row.viewed_at),
    receivedAt: iso(row.received_at),
  }));
}
