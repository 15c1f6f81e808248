import { rm } from 'node:fs/promises';
import type { PhotoStore } from '../blobs/photo-store';
import { toDisputeRecord, type DisputeRow } from '../cases/disputes';
import { CASE_COLUMNS, toCaseRecord, type CaseRow } from '../cases/rows';
import { recordCase } from '../cases/update';
import { caseAudience, OFFICE } from '../feed/audiences';
import type { FeedHub } from '../feed/hub';
import { commitWithFeed } from '../feed/write';
import type { SqlClient } from '../store/client';

/** Statuses after which the office is done with a case. */
const CLOSED = ['decided', 'withdrawn', 'forwarded', 'closed'];
/** What stands where personal data was; the same mark as on the consoles. */
export const REMOVED = '—';
/**
 * Default: a year after a case closed, the server keeps no personal data of it. The office's
 * records-retention rule sets the real figure (`KVUE_SERVER_RETENTION_DAYS`).
 */
export const DEFAULT_SERVER_RETENTION_DAYS = 365;
const BATCH = 200;

export interface ServerRetentionResult {
  cases: number;
  photos: number;
}

/**
 * Removes the personal data of cases closed more than `days` before `at`: plate, vehicle, house
 * number, the persons' statements, and the photos (rows and files). The changed cases and
 * statements go to the feed, deleted photos as tombstones, so every console drops them too. The
 * file number, offence, fine, street, decision and timeline stay. Photo files are removed after
 * the commit; a crash in between leaves files no row points to, never a row without its file.
 */
export async function applyServerRetention(
  db: SqlClient,
  hub: FeedHub | null,
  photos: PhotoStore,
  options: { days: number; at?: Date },
): Promise<ServerRetentionResult> {
  const cutoff = new Date((options.at ?? new Date()).getTime() - options.days * 86_400_000);
  const result: ServerRetentionResult = { cases: 0, photos: 0 };
  for (;;) {
    const batch = await commitWithFeed(db, hub, async (tx, feed) => {
      const ids = (
        await tx.query<{ id: string }>(
          `SELECT c.id FROM cases c
            WHERE c.status = ANY($1) AND c.updated_at < $2
              AND (c.plate <> $3
                   OR EXISTS (SELECT 1 FROM photos p WHERE p.case_id = c.id)
                   OR EXISTS (SELECT 1 FROM disputes d WHERE d.case_id = c.id AND d.statement <> $3))
            ORDER BY c.id LIMIT ${BATCH}
            FOR UPDATE SKIP LOCKED`,
          [CLOSED, cutoff, REMOVED],
        )
      ).map((row) => row.id);
      if (ids.length === 0) return { ids, shas: [] as string[] };
      const cases = await tx.query<CaseRow>(
        `UPDATE cases SET plate = $2, vehicle_make = $2, vehicle_color = $2, house_number = '',
           version = version + 1, updated_at = now()
         WHERE id = ANY($1::uuid[]) RETURNING ${CASE_COLUMNS}`,
        [ids, REMOVED],
      );
      for (const row of cases) recordCase(feed, toCaseRecord(row));
      const disputes = await tx.query<DisputeRow>(
        `UPDATE disputes SET statement = $2 WHERE case_id = ANY($1::uuid[]) AND statement <> $2
         RETURNING id, case_id, received_at, channel, statement, recorded_by, recorded_at`,
        [ids, REMOVED],
      );
      for (const row of disputes) {
        feed.record({
          entity: 'dispute',
          id: row.id,
          op: 'upsert',
          data: toDisputeRecord(row),
          audience: OFFICE,
        });
      }
      const removed = await tx.query<{ sha256: string; officer_id: string }>(
        `DELETE FROM photos p USING cases c
          WHERE p.case_id = c.id AND p.case_id = ANY($1::uuid[])
          RETURNING p.sha256, c.officer_id`,
        [ids],
      );
      for (const photo of removed) {
        feed.record({
          entity: 'photo',
          id: photo.sha256,
          op: 'delete',
          audience: caseAudience(photo.officer_id),
        });
      }
      return { ids, shas: removed.map((photo) => photo.sha256) };
    });
    for (const sha of batch.shas) await rm(photos.pathOf(sha), { force: true });
    result.cases += batch.ids.length;
    result.photos += batch.shas.length;
    if (batch.ids.length < BATCH) return result;
  }
}
