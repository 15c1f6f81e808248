import { useSyncStatus } from '../../api/use-sync-status';
import { displayedState } from './sync-state';

/** The sync status as the status bar and banner show it. */
export function useDisplayedSync() {
  const query = useSyncStatus();
  return {
    status: query.data,
    state: displayedState(query.data, query.isError),
    error: query.data?.error ?? query.error?.message ?? null,
  };
}
