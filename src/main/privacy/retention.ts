import { rm } from 'node:fs/promises';
import type { Db } from '../db/connection';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings-calls';
import { PhotoPaths } from '../photos/paths';

/** Statuses after which the office is done with a case here (a final decision the server holds). */
export const CLOSED_STATUSES = ['decided', 'withdrawn', 'forwarded', 'closed'] as const;
/** What stands where personal data was: the fields stay non-empty, as the schemas want them. */
export const REMOVED = '—';
/** Default: a month after a case closed, its personal data leaves the desktop. */
export const DEFAULT_RETENTION_DAYS = DEFAULT_SETTINGS.retentionDays;
const BATCH = 500;
const RUN_EVERY_MS = 6 * 60 * 60_000;

export interface RetentionResult {
  cases: number;
  photos: number;
}

/**
 * Removes the personal data of cases closed longer than `days` ago: plate, vehicle, house number,
 * the persons' statements, and the photos (rows, cached files, thumbnails). What is no personal
 * data stays (file number, offence, fine, street, status, decision), so counts and the history
 * of decisions remain. A case with work still on its way is left until the server has it. If
 * the feed brings a case's old record back (a resync), the next run removes it again.
 */
export async function applyRetention(
  db: Db,
  options: { days: number; photoDir: string | null; now?: Date },
): Promise<RetentionResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.days * 86_400_000);
  const paths = options.photoDir ? new PhotoPaths(options.photoDir) : null;
  const statuses = CLOSED_STATUSES.map(() => '?').join(', ');
  const pick = db.prepare(
    `SELECT id FROM cases c
      WHERE status IN (${statuses}) AND updated_at < ?
        AND (plate <> '${REMOVED}' OR EXISTS (SELECT 1 FROM photos p WHERE p.case_id = c.id)
             OR EXISTS (SELECT 1 FROM disputes d WHERE d.case_id = c.id AND d.statement <> '${REMOVED}'))
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id
                          AND o.state IN ('pending', 'pushing', 'conflict'))
      LIMIT ${BATCH}`,
  );
  const scrubCase = db.prepare(
    `UPDATE cases SET plate = '${REMOVED}', vehicle_make = '${REMOVED}',
       vehicle_color = '${REMOVED}', house_number = '' WHERE id = ?`,
  );
  const scrubStatements = db.prepare(
    `UPDATE disputes SET statement = '${REMOVED}' WHERE case_id = ? AND statement <> '${REMOVED}'`,
  );
  const photosOf = db.prepare('SELECT sha256 FROM photos WHERE case_id = ?');
  const dropPhotos = db.prepare('DELETE FROM photos WHERE case_id = ?');
  const dropCached = db.prepare('DELETE FROM photo_cache WHERE sha256 = ?');

  const result: RetentionResult = { cases: 0, photos: 0 };
  for (;;) {
    // One bounded transaction per batch: contract calls get their turn in between.
    const removedFiles = db
      .transaction(() => {
        const ids = (pick.all(...CLOSED_STATUSES, cutoff.toISOString()) as { id: string }[]).map(
          (row) => row.id,
        );
        const shas: string[] = [];
        for (const id of ids) {
          for (const row of photosOf.all(id) as { sha256: string }[]) shas.push(row.sha256);
          scrubCase.run(id);
          scrubStatements.run(id);
          dropPhotos.run(id);
        }
        for (const sha of shas) dropCached.run(sha);
        result.cases += ids.length;
        result.photos += shas.length;
        return { done: ids.length < BATCH, shas };
        // IMMEDIATE, as every write here: the pull worker may be writing on its own connection.
      })
      .immediate();
    // Files after the commit: a crash in between leaves files the start-up sweep removes.
    if (paths) {
      for (const sha of removedFiles.shas) {
        await rm(paths.original(sha), { force: true });
        await rm(paths.thumb(sha), { force: true });
      }
    }
    if (removedFiles.done) return result;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs retention at start and every few hours while the console runs. */
export function scheduleRetention(
  db: Db,
  options: { days: number; photoDir: string | null; onRemoved(result: RetentionResult): void },
): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    applyRetention(db, options)
      .then((result) => {
        if (result.cases > 0) {
          console.info(
            `[retention] removed personal data of ${result.cases} closed case(s) and ${result.photos} photo(s)`,
          );
          options.onRemoved(result);
        }
      })
      .catch((error: unknown) => console.error('[retention] failed:', (error as Error).message))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 5_000);
  first.unref();
  const timer = setInterval(run, RUN_EVERY_MS);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
