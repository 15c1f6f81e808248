import type { FeedChange, FeedEntity, FeedRecordOf } from '../../shared/sync/feed';
import type { Db } from '../db/connection';
import { FEED_TABLES, type FeedTable } from '../db/feed-tables';

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

/** One entity's prepared statements. */
interface EntityWriter<E extends FeedEntity> {
  upsert(record: FeedRecordOf<E>): void;
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
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const upsert = db.prepare(`
    INSERT INTO ${table} (${columns.join(', ')})
    VALUES (${columns.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}
    ${version ? `WHERE excluded.${version} >= ${table}.${version}` : ''}
  `);
  const remove = db.prepare(
    `DELETE FROM ${table} WHERE ${key.map((c) => `${c} = ?`).join(' AND ')}`,
  );
  return {
    upsert: (record) => void upsert.run(spec.toRow(record)),
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

function applyUpsert<E extends FeedEntity>(writers: Writers, change: UpsertOf<E>): void {
  writerFor(writers, change.entity).upsert(change.data);
}

/**
 * Applies one validated feed page and moves the cursor in the same transaction: after a crash the
 * database holds either the whole page and its cursor, or neither. Every entity the feed carries
 * has a table (FEED_TABLES); cases are version-guarded, the rest take the feed's order.
 */
export function createPageApplier(db: Db) {
  const writers = prepareWriters(db);
  const checkpoint = db.prepare(
    'UPDATE sync_state SET cursor = ?, last_synced_at = ? WHERE id = 1 AND cursor < ?',
  );

  return db.transaction((changes: readonly FeedChange[], cursor: number, at: string) => {
    for (const change of changes) {
      switch (change.op) {
        case 'upsert':
          applyUpsert(writers, change);
          break;
        case 'delete':
          writerFor(writers, change.entity).remove(change.id);
          break;
        default:
          throw new Error(`Unknown feed op in ${JSON.stringify(change satisfies never)}`);
      }
    }
    checkpoint.run(cursor, at, cursor);
  });
}

export function touchLastSynced(db: Db, at: string): void {
  db.prepare('UPDATE sync_state SET last_synced_at = ? WHERE id = 1').run(at);
}
