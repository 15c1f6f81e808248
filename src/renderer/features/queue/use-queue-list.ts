import { useCallback, useMemo, useState } from 'react';
import type { QueueFilter, QueuePage, QueueRow } from '../../../shared/contract';
import { type QueueQuery, useQueuePages, useQueueTotal } from '../../api/use-queue';
import { PAGE_SIZE, pagesForRange, type RowRange, rowAt } from '../cases/paging';
import { useThrottledValue } from '../cases/use-throttled-value';
import { queueRowCount } from './queue-paging';

/** Rows beyond the visible ones whose page is fetched ahead, so scrolling rarely meets a gap. */
const PREFETCH_ROWS = 30;
/** At most this often, a scroll asks for new pages. */
const FETCH_INTERVAL_MS = 150;

/**
 * The queue's data for one filter and sort: the pages for the rows in view, the rows, the length
 * and the errors. Page 0 is always observed, so an empty or short list is known at once.
 */
export function useQueueList(filter: QueueFilter, sort: QueueQuery['sort']) {
  const query = useMemo<QueueQuery>(() => ({ ...filter, sort }), [filter, sort]);
  const resetKey = JSON.stringify(query);

  // The pages the rows in view need; they belong to one filter/sort, a new list starts at its top.
  // Only a change of pages is kept: scrolling moves the range every row or two, and re-rendering
  // the whole screen each time cost frames while the page set stays the same for ~100 rows.
  const [visible, setVisible] = useState<{ key: string; pages: string } | null>(null);
  const visiblePages = visible?.key === resetKey ? visible.pages : '0';
  const onVisibleRangeChange = useCallback(
    (next: RowRange) => {
      const nextPages = pagesForRange(next, PAGE_SIZE, PREFETCH_ROWS).join(',');
      setVisible((prev) =>
        prev?.key === resetKey && prev.pages === nextPages
          ? prev
          : { key: resetKey, pages: nextPages },
      );
    },
    [resetKey],
  );

  const total = useQueueTotal(filter);
  const pages = [...new Set([0, ...visiblePages.split(',').map(Number)])];
  const settled = useThrottledValue(`${resetKey}|${pages.join(',')}`, FETCH_INTERVAL_MS);
  const fetchable = useMemo(() => fetchablePages(settled, resetKey), [settled, resetKey]);

  const results = useQueuePages(query, PAGE_SIZE, pages, fetchable);
  const loaded = new Map<number, QueuePage>();
  for (const result of results) if (result.data) loaded.set(result.pageIndex, result.data);

  // The previous filter's total is kept while counting (no flicker) but must not size this list.
  const currentTotal = total.isPlaceholderData ? undefined : total.data;
  const firstPage = results.find((result) => result.pageIndex === 0);
  const rowCount = firstPage?.data
    ? queueRowCount(currentTotal, loaded.values(), PAGE_SIZE)
    : undefined;
  const failed = results.filter((result) => result.error && !result.isFetching);

  return {
    resetKey,
    rowCount,
    total: total.data,
    rowAt: (index: number): QueueRow | undefined => rowAt(loaded, index, PAGE_SIZE),
    onVisibleRangeChange,
    /** Nothing to show: the first page (or the count) failed. */
    fatalError:
      rowCount === undefined && (firstPage?.error ?? total.error)
        ? (firstPage?.error ?? total.error)
        : null,
    /** Some rows could not be loaded or refreshed; the rest of the list is usable. */
    partialError: rowCount !== undefined && failed.length > 0,
    retry: () => {
      failed.forEach((result) => result.refetch());
      if (total.error) void total.refetch();
    },
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
