import { useQuery } from '@tanstack/react-query';
import { kvue } from './kvue';

// Not tied to any synced entity, so `data.changed` never needs to reach it.
const APP_INFO_KEY = ['app', 'info'] as const;

/** Name, version and runtime versions; they do not change while the console runs. */
export function useAppInfo(enabled = true) {
  return useQuery({
    queryKey: APP_INFO_KEY,
    queryFn: () => kvue.app.info({}),
    staleTime: Infinity,
    enabled,
  });
}
