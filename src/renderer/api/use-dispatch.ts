import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../shared/contract';
import { isOfficeRole } from '../../shared/domain/user';
import { mayDispatch } from '../../shared/domain/dispatch';
import { kvue } from './kvue';
import { messageKeys } from './use-messages';

/**
 * Dispatches live under `messages`: their summaries are counted from the receipts of their
 * messages, so every synced receipt refreshes them (live acknowledgements).
 */
export const dispatchKeys = {
  list: [...messageKeys.all, 'dispatch', 'list'] as const,
  detail: (id: string) => [...messageKeys.all, 'dispatch', 'detail', id] as const,
};

/** Who the console works as; the role decides what it offers (dispatch for team leads). */
export function useMe() {
  return useQuery({
    queryKey: ['session', 'me'] as const,
    queryFn: () => kvue.session.me({}),
    staleTime: 60_000,
    // Null until the first login completes (a new console): ask again until someone is there.
    refetchInterval: (query) => (query.state.data ? false : 1000),
  });
}

/** Whether the user may send dispatches (team leads and admins). */
export function useMayDispatch(): boolean {
  const role = useMe().data?.role;
  return role !== undefined && isOfficeRole(role) && mayDispatch(role);
}

export function useDispatches(enabled = true) {
  return useQuery({
    queryKey: dispatchKeys.list,
    queryFn: () => kvue.dispatch.list({}),
    enabled,
  });
}

export function useDispatchDetail(dispatchId: string | null) {
  return useQuery({
    queryKey: dispatchKeys.detail(dispatchId ?? ''),
    queryFn: () => kvue.dispatch.get({ dispatchId: dispatchId ?? '' }),
    enabled: dispatchId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSendDispatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'dispatch.send'>) => kvue.dispatch.send(input),
    onSettled: () => void client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useCancelDispatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'dispatch.cancel'>) => kvue.dispatch.cancel(input),
    onSettled: () => void client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}
