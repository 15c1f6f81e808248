import type { PhotoContentType, PhotoRecord, PhotoUploadQuery } from '../../shared/domain/photo';
import type { SqlExecutor } from '../store/client';

export interface PhotoRow {
  sha256: string;
  case_id: string;
  content_type: PhotoContentType;
  size_bytes: number;
  /** The officer of the photo's case, who alone of the officers may see it. */
  officer_id: string;
}

export async function findPhoto(db: SqlExecutor, sha256: string): Promise<PhotoRow | null> {
  const rows = await db.query<PhotoRow>(
    `SELECT p.sha256, p.case_id, p.content_type, p.size_bytes, c.officer_id
       FROM photos p JOIN cases c ON c.id = p.case_id
      WHERE p.sha256 = $1`,
    [sha256],
  );
  return rows[0] ?? null;
}

/** The officer a case belongs to, or null for an unknown case. */
export async function caseOfficer(db: SqlExecutor, caseId: string): Promise<string | null> {
  const rows = await db.query<{ officer_id: string }>(
    'SELECT officer_id FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0]?.officer_id ?? null;
}

export interface NewPhotoRow {
  sha256: string;
  meta: PhotoUploadQuery;
  sizeBytes: number;
  contentType: PhotoContentType;
  uploadedBy: string;
}

/** Records a photo; null when its hash was already recorded (first write wins). */
export async function insertPhoto(
  db: SqlExecutor,
  photo: NewPhotoRow,
): Promise<PhotoRecord | null> {
  const rows = await db.query<{ taken_at: Date }>(
    `INSERT INTO photos (sha256, case_id, taken_at, lat, lon, size_bytes, content_type, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (sha256) DO NOTHING
     RETURNING taken_at`,
    [
      photo.sha256,
      photo.meta.caseId,
      photo.meta.takenAt,
      photo.meta.lat ?? null,
      photo.meta.lon ?? null,
      photo.sizeBytes,
      photo.contentType,
      photo.uploadedBy,
    ],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    sha256: photo.sha256,
    caseId: photo.meta.caseId,
    takenAt: row.taken_at.toISOString(),
    lat: photo.meta.lat ?? null,
    lon: photo.meta.lon ?? null,
    sizeBytes: photo.sizeBytes,
    contentType: photo.contentType,
    uploadedBy: photo.uploadedBy,
  };
}

/**
 * Whether an officer may see a photo of someone else's case: only when it was attached to a
 * message in one of their conversations.
 */
export async function sharedWithUser(
  db: SqlExecutor,
  sha256: string,
  userId: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM messages m
       JOIN conversation_members cm ON cm.conversation_id = m.conversation_id AND cm.user_id = $2
      WHERE $1 = ANY(m.photo_sha256s) LIMIT 1`,
    [sha256, userId],
  );
  return rows.length > 0;
}
