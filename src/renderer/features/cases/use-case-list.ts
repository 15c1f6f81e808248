import { useCallback, useMemo, useState } from 'react';
import type { CasesPage } from '../../../shared/contract';
import type { CasesQuery } from '../../api/query-keys';
import { useCasesPages } from '../../api/use-cases-pages';
import { newestTotal, PAGE_SIZE, pagesForRange, type RowRange, rowAt } from './paging';
import { useThrottledValue } from './use-throttled-value';

/** Rows beyond the visible ones whose page is fetched ahead, so scrolling rarely meets a gap. */
const PREFETCH_ROWS = 30;
/** At most this often, a scroll asks for new pages. */
const FETCH_INTERVAL_MS = 150;

/**
 * The case list's data: which pages to fetch for the rows in view, the rows themselves, the total
 * and the errors. Page 0 is always observed: it keeps the total current (it is refetched on every
 * change) even while the clerk looks at rows whose pages are still loading.
 */
export function useCaseList(query: CasesQuery) {
  const resetKey = JSON.stringify(query);

  // The visible range belongs to one sort/filter; a new list starts at its top.
  const [visible, setVisible] = useState<{ key: string; range: RowRange } | null>(null);
  const range = visible?.key === resetKey ? visible.range : null;
  const onVisibleRangeChange = useCallback(
    (next: RowRange) =>
      setVisible((prev) =>
        prev?.key === resetKey && prev.range.start === next.start && prev.range.end === next.end
          ? prev
          : { key: resetKey, range: next },
      ),
    [resetKey],
  );

  const pages = [...new Set([0, ...pagesForRange(range, PAGE_SIZE, PREFETCH_ROWS)])];
  const settled = useThrottledValue(`${resetKey}|${pages.join(',')}`, FETCH_INTERVAL_MS);
  const fetchable = useMemo(() => fetchablePages(settled, resetKey), [settled, resetKey]);

  const results = useCasesPages(query, PAGE_SIZE, pages, fetchable);
  const loaded = new Map<number, CasesPage>();
  for (const result of results) if (result.data) loaded.set(result.pageIndex, result.data);

  const rowCount = newestTotal(results);
  const failed = results.filter((result) => result.error && !result.isFetching);
  const firstPage = results.find((result) => result.pageIndex === 0);

  return {
    resetKey,
    rowCount,
    rowAt: (index: number) => rowAt(loaded, index, PAGE_SIZE),
    onVisibleRangeChange,
    /** Nothing to show: the first page failed. */
    fatalError: rowCount === undefined && firstPage?.error ? firstPage.error : null,
    /** Some rows could not be loaded or refreshed; the rest of the list is usable. */
    partialError: rowCount !== undefined && failed.length > 0,
    retry: () => failed.forEach((result) => result.refetch()),
  };
}

/** The pages the throttled value allows to fetch; page 0 always, a new list must not wait. */
function fetchablePages(settled: string, resetKey: string): ReadonlySet<number> {
  const separator = settled.lastIndexOf('|');
  const pages = new Set([0]);
  if (settled.slice(0, separator) !== resetKey) return pages;
  for (const page of settled.slice(separator + 1).split(',')) pages.add(Number(page));
  return pages;
}
