import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { CasesQueueInput, QueueFilter, QueuePage } from '../../shared/contract';
import { kvue } from './kvue';
import { queryKeys } from './query-keys';

/**
 * Every queue key starts under `cases`, so a `data.changed` for cases (a synced page, a decision,
 * a claim) refetches pages, totals and counts together.
 */
export const queueKeys = {
  all: [...queryKeys.cases.all, 'queue'] as const,
  counts: [...queryKeys.cases.all, 'queue', 'counts'] as const,
  total: (filter: QueueFilter) => [...queryKeys.cases.all, 'queue', 'total', filter] as const,
  page: (query: QueueQuery, pageSize: number, pageIndex: number) =>
    [...queryKeys.cases.all, 'queue', 'page', query, pageSize, pageIndex] as const,
};

/** What identifies a list of the queue, independent of paging. */
export type QueueQuery = Omit<CasesQueueInput, 'offset' | 'limit' | 'withTotal'>;

export interface QueuePageResult {
  pageIndex: number;
  data: QueuePage | undefined;
  dataUpdatedAt: number;
  error: Error | null;
  isFetching: boolean;
  refetch: () => void;
}

/** Cases per saved view, for the tab row. */
export function useQueueCounts() {
  return useQuery({
    queryKey: queueKeys.counts,
    queryFn: () => kvue.cases.queueCounts({}),
  });
}

/**
 * The (capped) number of cases the filter matches, asked once per filter and in parallel with the
 * pages. The previous answer stays while a new filter is counted, so the count does not flicker.
 */
export function useQueueTotal(filter: QueueFilter) {
  return useQuery({
    queryKey: queueKeys.total(filter),
    queryFn: () => kvue.cases.queueTotal(filter),
    placeholderData: keepPreviousData,
  });
}

/**
 * One query per page, so only the pages on screen are asked for. Pages not in `fetchable` are read
 * from the cache only: while the clerk drags the scrollbar, the grid shows what it has and asks
 * for the pages where the scrolling settles.
 */
export function useQueuePages(
  query: QueueQuery,
  pageSize: number,
  pageIndexes: readonly number[],
  fetchable: ReadonlySet<number>,
): QueuePageResult[] {
  return useQueries({
    queries: pageIndexes.map((pageIndex) => ({
      queryKey: queueKeys.page(query, pageSize, pageIndex),
      queryFn: () => kvue.cases.queue({ ...query, offset: pageIndex * pageSize, limit: pageSize }),
      enabled: fetchable.has(pageIndex),
    })),
    combine: (results) =>
      results.map((result, i) => ({
        pageIndex: pageIndexes[i] ?? -1,
        data: result.data,
        dataUpdatedAt: result.dataUpdatedAt,
        error: result.error,
        isFetching: result.isFetching,
        refetch: () => void result.refetch(),
      })),
  });
}

/**
 * Officers and offences by name, for the filters. Kept under `cases`: people and offences arrive
 * in the same feed, and a few hundred rows cost nothing to read again after a synced page.
 */
export function useDirectory() {
  return useQuery({
    queryKey: [...queryKeys.cases.all, 'directory'] as const,
    queryFn: () => kvue.cases.directory({}),
    staleTime: 60_000,
  });
}
