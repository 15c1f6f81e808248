import { useQuery } from '@tanstack/react-query';
import { kvue } from './kvue';
import { queryKeys } from './query-keys';

/**
 * Detail and outbox keys live under the `cases` and `outbox` roots, so `data.changed` for either
 * (a synced page, a pushed decision, a claim) refreshes the open case.
 */
export const caseDetailKeys = {
  detail: (caseId: string) => [...queryKeys.cases.all, 'detail', caseId] as const,
  outbox: (caseId: string) => ['outbox', 'case', caseId] as const,
};

/** Everything about one case (`cases.get`); a `not_found` error is final and is not retried. */
export function useCaseDetail(caseId: string) {
  return useQuery({
    queryKey: caseDetailKeys.detail(caseId),
    queryFn: () => kvue.cases.get({ caseId }),
  });
}

/**
 * This console's work on the case, newest first, including what the server already applied (the
 * detail carries only the unfinished part): the pane tells "sent" from "being sent" with it.
 */
export function useCaseOutbox(caseId: string) {
  return useQuery({
    queryKey: caseDetailKeys.outbox(caseId),
    queryFn: () => kvue.outbox.list({ caseId, limit: 50 }),
  });
}
