import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionAttempt, SessionInfo } from '../../shared/contract';
import { kvue } from './kvue';
import { queryKeys } from './query-keys';

/** Signed in, locked or signed out: fetched once, then kept current by `session.changed`. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: () => kvue.session.info({}),
    staleTime: Infinity,
  });
}

function keep(client: QueryClient, info: SessionInfo): void {
  client.setQueryData<SessionInfo>(queryKeys.session, info);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => kvue.session.signIn(input),
    onSuccess: (attempt: SessionAttempt) => keep(client, attempt.session),
  });
}

export function useUnlock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => kvue.session.unlock({ password }),
    onSuccess: (attempt: SessionAttempt) => keep(client, attempt.session),
  });
}

export function useLock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => kvue.session.lock({}),
    onSuccess: (info) => keep(client, info),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => kvue.session.signOut({}),
    onSuccess: (info) => keep(client, info),
  });
}

/**
 * Forgets every answer but the session's: what was on screen must not come back from the cache
 * once the console is locked or signed out.
 */
export function clearAllButSession(client: QueryClient): void {
  client.removeQueries({
    predicate: (query) => query.queryKey[0] !== queryKeys.session[0],
  });
}
