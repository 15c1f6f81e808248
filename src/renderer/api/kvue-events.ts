import type { QueryClient } from '@tanstack/react-query';
import type { KvueApi, SessionInfo, SettingsView, SyncStatus } from '../../shared/contract';
import { createInvalidator } from './invalidator';
import { keysForDataChanged, queryKeys } from './query-keys';

/**
 * The renderer's one subscription to main's events: `data.changed` invalidates exactly the named
 * entities' queries, and `sync.status` is written into the query cache so every reader of the
 * sync status sees pushes without polling. Returns the unsubscribe function.
 */
export function connectKvueEvents(api: Pick<KvueApi, 'on'>, client: QueryClient): () => void {
  const invalidator = createInvalidator(client);
  const offDataChanged = api.on('data.changed', (event) => {
    invalidator.invalidate(keysForDataChanged(event));
  });
  const offSyncStatus = api.on('sync.status', (status) => {
    client.setQueryData<SyncStatus>(queryKeys.sync.status, status);
  });
  const offSession = api.on('session.changed', (info) => {
    client.setQueryData<SessionInfo>(queryKeys.session, info);
  });
  const offSettings = api.on('settings.changed', (view) => {
    client.setQueryData<SettingsView>(queryKeys.settings, view);
  });
  return () => {
    offSettings();
    offDataChanged();
    offSyncStatus();
    offSession();
    invalidator.dispose();
  };
}

/**
 * The initial sync status. If a `sync.status` event lands while this call is in flight, the event
 * is newer than the answer, so the cached event wins instead of being overwritten by older state.
 */
export async function fetchSyncStatus(
  api: Pick<KvueApi, 'sync'>,
  client: QueryClient,
): Promise<SyncStatus> {
  const key = queryKeys.sync.status;
  const updatesBefore = client.getQueryState(key)?.dataUpdateCount ?? 0;
  const status = await api.sync.status({});
  const state = client.getQueryState<SyncStatus>(key);
  if (state?.data && state.dataUpdateCount !== updatesBefore) return state.data;
  return status;
}
