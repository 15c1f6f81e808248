import type { QueueTotal } from '../../../shared/contract';

interface LoadedPage {
  offset: number;
  rows: readonly unknown[];
}

/**
 * How many rows the grid offers. An exact total is the length. A capped total ("10.000+") only
 * says the list is longer: the grid then reaches one page past the deepest loaded page, so the
 * clerk can keep scrolling through a million cases, and a short page marks the true end.
 */
export function queueRowCount(
  total: QueueTotal | undefined,
  pages: Iterable<LoadedPage>,
  pageSize: number,
): number | undefined {
  let reach = 0;
  let end: number | undefined;
  for (const page of pages) {
    const pageEnd = page.offset + page.rows.length;
    if (page.rows.length < pageSize) end = end === undefined ? pageEnd : Math.min(end, pageEnd);
    else reach = Math.max(reach, pageEnd + pageSize);
  }
  // Before the count answers, the loaded pages are all there is to go by.
  if (total === undefined) return end ?? (reach > 0 ? reach : undefined);
  if (total.totalExact) return total.total;
  if (end !== undefined && end >= total.total) return end;
  return Math.max(total.total, reach);
}

/** What the count says: "1.234" or, past the cap, "10.000+". */
export function countLabel(
  total: QueueTotal | undefined,
  format: (value: number) => string,
): string | undefined {
  if (!total) return undefined;
  return total.totalExact ? format(total.total) : `${format(total.total)}+`;
}
