import type { SyncStatus } from '../../../shared/contract';

export type SyncState = SyncStatus['state'];

/**
 * The state to show. Before main has answered, the console is still starting; a failed status
 * call means main itself is in trouble, which the clerk should see as an error.
 */
export function displayedState(status: SyncStatus | undefined, failed: boolean): SyncState {
  if (status) return status.state;
  return failed ? 'error' : 'starting';
}

/** Which banner the list needs: only states where the clerk sees data that may be out of date. */
export function bannerKind(state: SyncState): 'offline' | 'error' | null {
  return state === 'offline' || state === 'error' ? state : null;
}
