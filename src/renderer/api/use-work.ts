import { resolveOutbox, type Resolution } from '../features/decision/resolve-outbox';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../shared/contract';
import { kvue } from './kvue';
import { caseDetailKeys } from './use-case-detail';

/**
 * Main announces every recorded change with `data.changed`, which refreshes the queue; these
 * hooks refresh the open case's own queries at once as well, so the pane never shows the state
 * from before the clerk's click while the announcement is on its way.
 */
function refreshCase(client: QueryClient, caseId: string | null | undefined) {
  if (!caseId) return;
  void client.invalidateQueries({ queryKey: caseDetailKeys.detail(caseId) });
  void client.invalidateQueries({ queryKey: caseDetailKeys.outbox(caseId) });
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'work.decide'>) => kvue.work.decide(input),
    onSettled: (_item, _error, input) => refreshCase(client, input.caseId),
  });
}

export function useDecideBulk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'work.decideBulk'>) => kvue.work.decideBulk(input),
    onSettled: (_result, _error, input) => {
      for (const caseId of input.caseIds) refreshCase(client, caseId);
    },
  });
}

/** Claims (`claim: true`) or releases a case. */
export function useClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, claim }: { caseId: string; claim: boolean }) =>
      claim ? kvue.work.claim({ caseId }) : kvue.work.release({ caseId }),
    onSettled: (_item, _error, input) => refreshCase(client, input.caseId),
  });
}

export function useSendMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'messages.send'>) => kvue.messages.send(input),
    onSettled: (_item, _error, input) => refreshCase(client, input.caseId),
  });
}

/**
 * "Send mine again" (`retry`) or "keep theirs" (`discard`) for a conflicting or rejected item,
 * with the work the choice makes moot; `caseId` only says which case to refresh.
 */
export function useResolveOutbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Resolution & { caseId: string | null }) =>
      resolveOutbox(kvue.outbox, input),
    onSettled: (_result, _error, input) => refreshCase(client, input.caseId),
  });
}
