import type { FeedChange } from '../../shared/sync/feed';
import type { Db } from '../db/connection';
import { caseToRow } from '../cases/rows';

export interface SyncCheckpoint {
  cursor: number;
  lastSyncedAt: string | null;
}

export function readCheckpoint(db: Db): SyncCheckpoint {
  const row = db.prepare('SELECT cursor, last_synced_at FROM sync_state WHERE id = 1').get() as {
    cursor: number;
    last_synced_at: string | null;
  };
  return { cursor: row.cursor, lastSyncedAt: row.last_synced_at };
}

export function countCases(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}

/**
 * Applies one validated feed page and moves the cursor in the same transaction: after a crash the
 * database holds either the whole page and its cursor, or neither.
 */
export function createPageApplier(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO cases (id, file_number, plate, vehicle_make, vehicle_color, offence_code,
      offence_text, fine_cents, street, house_number, district, lat, lon, observed_at,
      officer_id, status, version, updated_at)
    VALUES (@id, @file_number, @plate, @vehicle_make, @vehicle_color, @offence_code,
      @offence_text, @fine_cents, @street, @house_number, @district, @lat, @lon, @observed_at,
      @officer_id, @status, @version, @updated_at)
    ON CONFLICT (id) DO UPDATE SET
      file_number = excluded.file_number, plate = excluded.plate,
      vehicle_make = excluded.vehicle_make, vehicle_color = excluded.vehicle_color,
      offence_code = excluded.offence_code, offence_text = excluded.offence_text,
      fine_cents = excluded.fine_cents, street = excluded.street,
      house_number = excluded.house_number, district = excluded.district,
      lat = excluded.lat, lon = excluded.lon, observed_at = excluded.observed_at,
      officer_id = excluded.officer_id, status = excluded.status,
      version = excluded.version, updated_at = excluded.updated_at
    -- A replayed page must never roll a row back to an older version.
    WHERE excluded.version >= cases.version
  `);
  const remove = db.prepare('DELETE FROM cases WHERE id = ?');
  const checkpoint = db.prepare(
    'UPDATE sync_state SET cursor = ?, last_synced_at = ? WHERE id = 1 AND cursor < ?',
  );

  return db.transaction((changes: readonly FeedChange[], cursor: number, at: string) => {
    for (const change of changes) {
      if (change.op === 'upsert') upsert.run(caseToRow(change.data));
      else remove.run(change.id);
    }
    checkpoint.run(cursor, at, cursor);
  });
}

export function touchLastSynced(db: Db, at: string): void {
  db.prepare('UPDATE sync_state SET last_synced_at = ? WHERE id = 1').run(at);
}
