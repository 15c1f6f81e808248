import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';

export interface Invalidator {
  /** Marks these key prefixes stale and refetches their active queries, as soon as it is useful. */
  invalidate(keys: readonly QueryKey[]): void;
  dispose(): void;
}

/**
 * Invalidates key prefixes without starving slow queries. During an initial sync main announces
 * changes every few hundred milliseconds; invalidating on each announcement would cancel and restart
 * a page query that takes longer than that (a deep offset in a million rows), so the list would
 * never update. Instead, while a query under a prefix is fetching, the invalidation waits and is
 * applied once when that fetch settles — never lost, at most one behind.
 */
export function createInvalidator(client: QueryClient): Invalidator {
  const pending = new Map<string, QueryKey>();
  let unsubscribe: (() => void) | null = null;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    for (const [hash, queryKey] of pending) {
      if (client.isFetching({ queryKey }) > 0) continue;
      pending.delete(hash);
      void client.invalidateQueries({ queryKey });
    }
    if (pending.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    } else {
      unsubscribe ??= client.getQueryCache().subscribe(schedule);
    }
  };

  // Cache events fire synchronously inside the cache's own updates; flush afterwards, not inside.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };

  return {
    invalidate(keys) {
      for (const queryKey of keys) pending.set(hashKey(queryKey), queryKey);
      flush();
    },
    dispose() {
      pending.clear();
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
