import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../shared/contract';
import { CaseGridHeader } from './CaseGridHeader';
import { COLUMNS, HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { useGridStyles } from './grid-styles';
import { GridRow } from './GridRow';
import { nextRowIndex } from './keyboard';
import { type RowRange, withPinnedIndex } from './paging';
import type { CaseSort } from './sort';

/** Placeholder rows shown before the first page says how long the list is. */
const UNKNOWN_LENGTH_ROWS = 20;

export interface CaseGridProps {
  /** Undefined until the first page has answered. */
  rowCount: number | undefined;
  rowAt: (index: number) => CaseListItem | undefined;
  sort: CaseSort;
  onSortChange: (sort: CaseSort) => void;
  onVisibleRangeChange: (range: RowRange) => void;
  /** Changes when sort or filter change: the list starts again at the top. */
  resetKey: string;
  /** The case open in the side pane, if any. */
  selectedId?: string | null;
  /** Click or Enter on a row. */
  onOpen?: (item: CaseListItem) => void;
}

/**
 * The virtualised case grid: only the rows in view (plus a margin) exist in the DOM, so its cost
 * does not grow with the number of cases. ARIA grid semantics with row focus: one tab stop,
 * arrows / Page Up / Page Down / Home / End move between rows.
 */
export function CaseGrid({
  rowCount,
  rowAt,
  sort,
  onSortChange,
  onVisibleRangeChange,
  resetKey,
  selectedId = null,
  onOpen,
}: CaseGridProps) {
  const { t } = useTranslation();
  const styles = useGridStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = rowCount ?? UNKNOWN_LENGTH_ROWS;

  // The focused row belongs to one sort/filter; a new list starts focus at its first row.
  const [focus, setFocus] = useState({ key: resetKey, index: 0 });
  const focusedIndex = Math.min(focus.key === resetKey ? focus.index : 0, Math.max(count - 1, 0));
  const moveFocusPending = useRef(false);

  const rangeExtractor = useCallback(
    (range: Range) => withPinnedIndex(defaultRangeExtractor(range), focusedIndex, range.count),
    [focusedIndex],
  );
  // TanStack Virtual mutates its instance; fine here, the project does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The sticky header sits inside the scroller, above the rows.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const visibleStart = virtualizer.range?.startIndex ?? 0;
  const visibleEnd = virtualizer.range?.endIndex ?? 0;

  useEffect(() => {
    onVisibleRangeChange({ start: visibleStart, end: visibleEnd });
  }, [visibleStart, visibleEnd, onVisibleRangeChange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // Keyboard moves first render the target row (it is pinned), then focus it.
  useEffect(() => {
    if (!moveFocusPending.current) return;
    moveFocusPending.current = false;
    scrollRef.current
      ?.querySelector<HTMLElement>(`[role="row"][data-index="${focusedIndex}"]`)
      ?.focus({ preventScroll: true });
  }, [focusedIndex]);

  const onFocusRow = useCallback((index: number) => setFocus({ key: resetKey, index }), [resetKey]);
  // Through a ref, so the memoised rows keep one stable callback while pages arrive.
  const openTarget = useRef({ rowAt, onOpen });
  useEffect(() => {
    openTarget.current = { rowAt, onOpen };
  });
  const onOpenRow = useCallback((index: number) => {
    const item = openTarget.current.rowAt(index);
    if (item) openTarget.current.onOpen?.(item);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey || event.shiftKey) return;
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'row') {
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpenRow(focusedIndex);
      return;
    }
    const viewport = (scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT;
    const rowsPerPage = Math.floor(viewport / ROW_HEIGHT) - 1;
    const next = nextRowIndex(event.key, focusedIndex, count, rowsPerPage);
    if (next === null) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (next === focusedIndex) return;
    moveFocusPending.current = true;
    setFocus({ key: resetKey, index: next });
  };

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={t('cases.gridLabel')}
      // One header row plus the cases; -1 tells assistive technology the length is not known yet.
      aria-rowcount={rowCount === undefined ? -1 : rowCount + 1}
      aria-colcount={COLUMNS.length}
      aria-busy={rowCount === undefined}
      data-testid="case-grid"
      className={styles.scroller}
      onKeyDown={onKeyDown}
    >
      <CaseGridHeader sort={sort} onSortChange={onSortChange} />
      <div role="rowgroup" className={styles.body} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <GridRow
            key={item.key}
            index={item.index}
            item={rowCount === undefined ? undefined : rowAt(item.index)}
            top={item.start - HEADER_HEIGHT}
            focused={item.index === focusedIndex}
            selected={selectedId !== null && rowAt(item.index)?.id === selectedId}
            onFocusRow={onFocusRow}
            onOpenRow={onOpenRow}
          />
        ))}
      </div>
    </div>
  );
}
