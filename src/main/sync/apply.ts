import type { FeedChange, FeedEntity, FeedRecordOf } from '../../shared/sync/feed';
import type { Db } from '../db/connection';
import { FEED_TABLES, type FeedTable } from '../db/feed-tables';

export interface SyncCheckpoint {
  cursor: number;
  lastSyncedAt: string | null;
  /** The server's feed epoch the cursor belongs to; null before the first page. */
  epoch: string | null;
  /** The sync generation that writes rows now (see migration 0005). */
  generation: number;
  /** Whether a reset's resync is under way (rows of older generations not yet swept). */
  resyncing: boolean;
}

export function readCheckpoint(db: Db): SyncCheckpoint {
  const row = db
    .prepare(
      'SELECT cursor, last_synced_at, epoch, generation, resyncing FROM sync_state WHERE id = 1',
    )
    .get() as {
    cursor: number;
    last_synced_at: string | null;
    epoch: string | null;
    generation: number;
    resyncing: number;
  };
  return {
    cursor: row.cursor,
    lastSyncedAt: row.last_synced_at,
    epoch: row.epoch,
    generation: row.generation,
    resyncing: row.resyncing === 1,
  };
}

/** The local cases, from the per-status counts the triggers keep (migration 0008). */
export function countCases(db: Db): number {
  return (db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM case_counts').get() as { n: number }).n;
}

/** One entity's prepared statements. */
interface EntityWriter<E extends FeedEntity> {
  /** `replace`: ignore the version guard (a resync after a reset takes the server's row as is). */
  upsert(record: FeedRecordOf<E>, generation: number, replace: boolean): void;
  remove(id: string): void;
}
type Writers = { [E in FeedEntity]: EntityWriter<E> };

/** An upsert line seen per entity, so that `entity` and `data` stay tied together for TypeScript. */
type UpsertOf<E extends FeedEntity = FeedEntity> = {
  [K in E]: { entity: K; data: FeedRecordOf<K> };
}[E];

/**
 * Splits a delete line's `id` into the key's parts. The leading parts are UUIDs; only the last
 * (a user id, say) may contain `:` itself, so the split stops after `parts - 1` separators.
 */
export function splitKey(id: string, parts: number): string[] {
  const values: string[] = [];
  let rest = id;
  for (let i = 1; i < parts; i++) {
    const at = rest.indexOf(':');
    if (at <= 0) throw new Error(`Feed delete id "${id}" does not have ${parts} key parts`);
    values.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  values.push(rest);
  return values;
}

function prepareWriter<E extends FeedEntity>(db: Db, spec: FeedTable<E>): EntityWriter<E> {
  // Every name below comes from FEED_TABLES, never from the feed.
  const { table, columns, key, version } = spec;
  const written = [...columns, 'sync_gen'];
  const updates = written.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const upsertSql = (guarded: boolean) => `
    INSERT INTO ${table} (${written.join(', ')})
    VALUES (${written.map(() => '?').join(', ')})
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}
    ${version && guarded ? `WHERE excluded.${version} >= ${table}.${version}` : ''}
  `;
  const upsert = db.prepare(upsertSql(true));
  const replace = version ? db.prepare(upsertSql(false)) : upsert;
  const remove = db.prepare(
    `DELETE FROM ${table} WHERE ${key.map((c) => `${c} = ?`).join(' AND ')}`,
  );
  // Positional values: binding by name and spreading the row cost a case about 3 µs more.
  const values = (record: FeedRecordOf<E>, generation: number) => {
    const row: Record<string, unknown> = spec.toRow(record);
    return written.map((column) => (column === 'sync_gen' ? generation : row[column]));
  };
  return {
    upsert: (record, generation, replacing) =>
      void (replacing ? replace : upsert).run(values(record, generation)),
    remove: (id) => void remove.run(...splitKey(id, key.length)),
  };
}

function prepareWriters(db: Db): Writers {
  const writers: Partial<Record<FeedEntity, EntityWriter<never>>> = {};
  for (const entity of Object.keys(FEED_TABLES) as FeedEntity[]) {
    writers[entity] = prepareWriter(db, FEED_TABLES[entity]);
  }
  // Complete: one writer per key of FEED_TABLES, whose type lists every entity.
  return writers as Writers;
}

/** The schema admits only known entities; this guards callers that skipped it. */
function writerFor<E extends FeedEntity>(writers: Writers, entity: E): Writers[E] {
  if (!Object.hasOwn(writers, entity)) throw new Error(`Unknown feed entity "${String(entity)}"`);
  return writers[entity];
}

function applyUpsert<E extends FeedEntity>(
  writers: Writers,
  change: UpsertOf<E>,
  generation: number,
  replace: boolean,
): void {
  writerFor(writers, change.entity).upsert(change.data, generation, replace);
}

/**
 * Applies one validated feed page and moves the cursor (and notes the epoch it belongs to) in the
 * same transaction: after a crash the database holds either the whole page and its cursor, or
 * neither. Every entity the feed carries has a table (FEED_TABLES); cases are version-guarded,
 * the rest take the feed's order. During a resync the server's rows replace the local ones
 * whatever their version: after a reset (a restored backup, say) the server is the truth.
 */
export function createPageApplier(db: Db) {
  const writers = prepareWriters(db);
  const state = db.prepare('SELECT generation, resyncing FROM sync_state WHERE id = 1');
  const checkpoint = db.prepare(
    'UPDATE sync_state SET cursor = ?, last_synced_at = ? WHERE id = 1 AND cursor < ?',
  );
  const noteEpoch = db.prepare('UPDATE sync_state SET epoch = ? WHERE id = 1');

  const apply = db.transaction(
    (changes: readonly FeedChange[], cursor: number, at: string, epoch: string | null = null) => {
      const { generation, resyncing } = state.get() as { generation: number; resyncing: number };
      for (const change of changes) {
        switch (change.op) {
          case 'upsert':
            applyUpsert(writers, change, generation, resyncing === 1);
            break;
          case 'delete':
            writerFor(writers, change.entity).remove(change.id);
            break;
          default:
            throw new Error(`Unknown feed op in ${JSON.stringify(change satisfies never)}`);
        }
      }
      checkpoint.run(cursor, at, cursor);
      if (epoch !== null) noteEpoch.run(epoch);
    },
  );
  // Immediate: the page reads its checkpoint before it writes, and a deferred transaction whose
  // snapshot the main connection's commit (a clerk's decision, a receipt) outdated fails at its
  // first write with "database is locked" at once, busy timeout or not. Taking the write lock
  // first makes the two wait for each other instead.
  return apply.immediate;
}

/**
 * Starts reading the feed again from its beginning (the server reset it): cursor 0, no epoch, a
 * new generation. Nothing is removed yet; see `finishResync`.
 */
export function beginResync(db: Db): void {
  db.prepare(
    `UPDATE sync_state SET cursor = 0, epoch = NULL, generation = generation + 1, resyncing = 1
      WHERE id = 1`,
  ).run();
}

/**
 * Once a resync has read the whole feed: removes the rows no page of this generation wrote, as
 * the server no longer has them. Rows the console wrote itself (no generation) stay. Returns how
 * many rows went.
 */
export const finishResync = (db: Db): number =>
  db.transaction(() => {
    const { generation, resyncing } = readCheckpoint(db);
    if (!resyncing) return 0;
    let removed = 0;
    for (const { table } of Object.values(FEED_TABLES)) {
      removed += db
        .prepare(`DELETE FROM ${table} WHERE sync_gen IS NOT NULL AND sync_gen < ?`)
        .run(generation).changes;
    }
    db.prepare('UPDATE sync_state SET resyncing = 0 WHERE id = 1').run();
    return removed;
  })();

export function touchLastSynced(db: Db, at: string): void {
  db.prepare('UPDATE sync_state SET last_synced_at = ? WHERE id = 1').run(at);
}
