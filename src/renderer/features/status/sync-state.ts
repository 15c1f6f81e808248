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

/**
 * Whole minutes to show for an estimate of the time left: 0 for under a minute, rounded up
 * otherwise (an estimate that promises less than it takes annoys more); null without one.
 */
export function etaMinutes(etaSeconds: number | null): number | null {
  if (etaSeconds === null || !Number.isFinite(etaSeconds)) return null;
  return etaSeconds < 60 ? 0 : Math.ceil(etaSeconds / 60);
}
