import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
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

/** Also for opening a case by id (a `kvue://` link), so the pane then reads it from the cache. */
export const caseDetailQuery = (caseId: string) => ({
  queryKey: caseDetailKeys.detail(caseId),
  queryFn: () => kvue.cases.get({ caseId }),
});

/** Everything about one case (`cases.get`); a `not_found` error is final and is not retried. */
export function useCaseDetail(caseId: string) {
  return useQuery(caseDetailQuery(caseId));
}

/** Held still this long before a case is fetched ahead: arrowing through rows fetches nothing. */
const PREFETCH_AFTER_MS = 120;

/**
 * Fetches the case the clerk will most likely open next (the focused row, or the one after the
 * open case), so that opening it draws from the cache instead of waiting for the main process.
 */
export function usePrefetchCaseDetail(caseId: string | undefined): void {
  const client = useQueryClient();
  useEffect(() => {
    if (caseId === undefined) return;
    const timer = setTimeout(
      () => void client.prefetchQuery(caseDetailQuery(caseId)),
      PREFETCH_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [client, caseId]);
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
