import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSyncStatus } from './kvue-events';
import { kvue } from './kvue';
import { queryKeys } from './query-keys';

/** The sync engine's status: fetched once, then kept current by `sync.status` events. */
export function useSyncStatus() {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.sync.status,
    queryFn: () => fetchSyncStatus(kvue, client),
    // Events keep this current; refetching would only race them.
    staleTime: Infinity,
  });
}
