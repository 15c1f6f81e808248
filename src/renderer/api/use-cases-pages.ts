import { useQueries } from '@tanstack/react-query';
import type { CasesPage } from '../../shared/contract';
import { kvue } from './kvue';
import { type CasesQuery, queryKeys } from './query-keys';

export interface CasesPageResult {
  pageIndex: number;
  data: CasesPage | undefined;
  dataUpdatedAt: number;
  error: Error | null;
  isFetching: boolean;
  refetch: () => void;
}

/**
 * One query per page of the case list, so only the pages on screen are ever asked for. Pages not
 * in `fetchable` are read from the cache only: while the clerk drags the scrollbar through a
 * million rows, the list shows what it has and asks for the pages where the scrolling settles.
 */
export function useCasesPages(
  query: CasesQuery,
  pageSize: number,
  pageIndexes: readonly number[],
  fetchable: ReadonlySet<number>,
): CasesPageResult[] {
  return useQueries({
    queries: pageIndexes.map((pageIndex) => ({
      queryKey: queryKeys.cases.page(query, pageSize, pageIndex),
      queryFn: () =>
        kvue.cases.list({
          offset: pageIndex * pageSize,
          limit: pageSize,
          sort: query.sort,
          ...(query.status ? { status: query.status } : {}),
        }),
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
