import type { SqlClient, SqlExecutor } from '../store/client';
import { appendChanges } from './append';
import type { FeedHub } from './hub';
import type { FeedRecorder, PendingChange } from './types';

/**
 * Runs a write transaction whose changes reach the feed atomically with the data: `fn` records
 * them, they are appended last (see `appendChanges` for why last), and live listeners hear about
 * the new cursor only after the commit, so a poke never points at an invisible change.
 */
export async function commitWithFeed<T>(
  db: SqlClient,
  hub: FeedHub | null,
  fn: (tx: SqlExecutor, feed: FeedRecorder) => Promise<T>,
): Promise<T> {
  let head = 0;
  const result = await db.transaction(async (tx) => {
    const pending: PendingChange[] = [];
    const value = await fn(tx, { record: (change) => pending.push(change) });
    head = await appendChanges(tx, pending);
    return value;
  });
  if (head > 0) hub?.publish(head);
  return result;
}
