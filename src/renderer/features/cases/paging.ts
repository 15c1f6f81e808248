/** Rows per `cases.queue` call: a few screens' worth, small enough to answer quickly from SQLite. */
export const PAGE_SIZE = 100;

/** Inclusive row indexes, as the virtualizer reports them. */
export interface RowRange {
  start: number;
  end: number;
}

/**
 * The page indexes covering `range` widened by `margin` rows on both sides, so the next page is
 * asked for shortly before it scrolls into view. Page 0 is always needed: it carries the first
 * total, before which the list cannot know its length.
 */
export function pagesForRange(
  range: RowRange | null,
  pageSize: number,
  margin = 0,
  rowCount?: number,
): number[] {
  if (!range || range.end < range.start) return [0];
  const last = rowCount === undefined ? Infinity : Math.max(rowCount - 1, 0);
  const first = Math.floor(Math.max(0, range.start - margin) / pageSize);
  const end = Math.floor(Math.min(last, range.end + margin) / pageSize);
  const pages: number[] = [];
  for (let page = first; page <= Math.max(first, end); page++) pages.push(page);
  return pages;
}

/** The row at `index`, if its page is loaded. Uses the page's own offset, as main answered it. */
export function rowAt<Row>(
  pages: ReadonlyMap<number, { offset: number; rows: readonly Row[] }>,
  index: number,
  pageSize: number,
): Row | undefined {
  const page = pages.get(Math.floor(index / pageSize));
  return page?.rows[index - page.offset];
}

/**
 * The list's length from the most recently fetched page. Pages are fetched at different times
 * while data changes; the newest answer is the best estimate of the current total.
 */
export function newestTotal(
  results: readonly { data: { total: number } | undefined; dataUpdatedAt: number }[],
): number | undefined {
  let newest: { total: number; at: number } | undefined;
  for (const result of results) {
    if (result.data && (!newest || result.dataUpdatedAt > newest.at)) {
      newest = { total: result.data.total, at: result.dataUpdatedAt };
    }
  }
  return newest?.total;
}

/**
 * Adds `pinned` to the virtualizer's sorted index list, so the focused row stays mounted (and keeps
 * keyboard focus) when the clerk scrolls it out of view with the mouse.
 */
export function withPinnedIndex(indexes: number[], pinned: number, count: number): number[] {
  if (pinned < 0 || pinned >= count || indexes.includes(pinned)) return indexes;
  return [...indexes, pinned].sort((a, b) => a - b);
}
