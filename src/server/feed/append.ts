import type { SqlExecutor } from '../store/client';
import type { PendingChange } from './types';

/** Fixed key of the transaction-scoped advisory lock that orders feed cursors. */
export const FEED_LOCK_KEY = 4_100_002;

/**
 * Appends `changes` to the feed inside the caller's transaction and returns the highest cursor
 * assigned (0 when there was nothing to append).
 *
 * Why the lock: a sequence hands out numbers when `nextval` runs, not when the transaction
 * commits. Without the lock, T1 could draw 7 and T2 draw 8, T2 commit first, a reader fetch up
 * to 8 and remember cursor 8 — and T1's change at 7 would then commit behind the reader's cursor
 * and never be seen. Holding `pg_advisory_xact_lock` from before `nextval` until the end of the
 * transaction means the next writer can only draw a number after the previous one has committed
 * or rolled back (PostgreSQL releases transaction locks only after the commit is visible), so
 * cursors become visible in increasing order and "everything after my cursor" is always complete.
 *
 * Call it as the transaction's last step, after all row writes: the lock is then held only for
 * this insert and the commit, and its holder never waits for a row lock another writer holds,
 * which rules out deadlocks between the feed lock and row locks.
 */
export async function appendChanges(
  tx: SqlExecutor,
  changes: readonly PendingChange[],
): Promise<number> {
  // One row per entity: within a transaction only the last change of an entity matters, and a
  // multi-row upsert may not touch the same row twice.
  const latest = new Map<string, PendingChange>();
  for (const change of changes) {
    const key = `${change.entity}:${change.id}`;
    latest.delete(key);
    latest.set(key, change);
  }
  if (latest.size === 0) return 0;

  await tx.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
  const drawn = await tx.query<{ cursor: number }>(
    `SELECT nextval('feed_cursor_seq') AS cursor FROM generate_series(1, $1::int)`,
    [latest.size],
  );
  const cursors = drawn.map((row) => Number(row.cursor)).sort((a, b) => a - b);
  const rows = [...latest.values()].map((change, index) => ({
    entity: change.entity,
    entity_id: change.id,
    cursor: cursors[index],
    op: change.op,
    ...(change.op === 'upsert' ? { data: change.data } : {}),
    audience: change.audience.scope,
    users: change.audience.users ?? null,
    conversation_id: change.audience.conversationId ?? null,
  }));
  await tx.query(
    `INSERT INTO feed (entity, entity_id, cursor, op, data, audience, users, conversation_id)
     SELECT entity, entity_id, cursor, op, data, audience, users, conversation_id
     FROM jsonb_to_recordset($1::jsonb)
       AS x(entity text, entity_id text, cursor bigint, op text, data json, audience text,
            users text[], conversation_id uuid)
     ON CONFLICT (entity, entity_id)
     DO UPDATE SET cursor = EXCLUDED.cursor, op = EXCLUDED.op, data = EXCLUDED.data,
       audience = EXCLUDED.audience, users = EXCLUDED.users,
       conversation_id = EXCLUDED.conversation_id`,
    [JSON.stringify(rows)],
  );
  return cursors[cursors.length - 1] ?? 0;
}

/**
 * The bulk form of `appendChanges` for office rows whose JSON is already serialised, each also
 * readable by one listed user (a case's officer): one statement for the whole batch, the data
 * text stored verbatim. Same lock, same rule: call it last in the transaction. `ids` must be
 * distinct (one multi-row upsert may not touch a row twice).
 */
export async function appendSerializedUpserts(
  tx: SqlExecutor,
  entity: PendingChange['entity'],
  ids: readonly string[],
  data: readonly string[],
  listedUsers: readonly string[],
): Promise<number> {
  if (ids.length !== data.length || ids.length !== listedUsers.length) {
    throw new Error('appendSerializedUpserts: ids, data and users differ in length');
  }
  if (ids.length === 0) return 0;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
  const rows = await tx.query<{ cursor: number }>(
    `WITH appended AS (
       INSERT INTO feed (entity, entity_id, cursor, op, data, audience, users)
       SELECT $1, u.entity_id, nextval('feed_cursor_seq'), 'upsert', u.data::json, 'office',
         ARRAY[u.listed]
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY
         AS u(entity_id, data, listed, ord)
       ORDER BY u.ord
       ON CONFLICT (entity, entity_id)
       DO UPDATE SET cursor = EXCLUDED.cursor, op = EXCLUDED.op, data = EXCLUDED.data,
         audience = EXCLUDED.audience, users = EXCLUDED.users,
         conversation_id = EXCLUDED.conversation_id
       RETURNING cursor
     )
     SELECT max(cursor) AS cursor FROM appended`,
    [entity, ids, data, listedUsers],
  );
  return Number(rows[0]?.cursor ?? 0);
}
