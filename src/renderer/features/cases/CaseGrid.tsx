import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract';
import { CaseGridHeader, type PageCheck } from './CaseGridHeader';
import {
  columnsForWidth,
  COLUMNS,
  gridMinWidth,
  gridTemplateColumns,
  HEADER_HEIGHT,
  ROW_HEIGHT,
} from './columns';
import { GRID_MIN_WIDTH_VAR, GRID_TEMPLATE_VAR, useGridStyles } from './grid-styles';
import { GridRow } from './GridRow';
import { nextRowIndex } from './keyboard';
import { type RowRange, withPinnedIndex } from './paging';
import type { CaseSort } from './sort';

/** Placeholder rows shown before the first page says how long the list is. */
const UNKNOWN_LENGTH_ROWS = 20;
/**
 * How long a row may take to appear and still take the focus meant for it. Long, since the last
 * page of a big queue can take seconds on a busy machine; a wish the clerk has moved on from
 * (focus is somewhere else now) is dropped at once, so it never steals focus.
 */
const FOCUS_WISH_MS = 10_000;

export interface CaseGridProps {
  /** Undefined until the first page has answered. */
  rowCount: number | undefined;
  rowAt: (index: number) => QueueRow | undefined;
  sort: CaseSort;
  onSortChange: (sort: CaseSort) => void;
  onVisibleRangeChange: (range: RowRange) => void;
  /** Changes when sort or filter change: the list starts again at the top. */
  resetKey: string;
  /** The row holding the grid's tab stop; the owner keeps it, so it can move it (next case). */
  focusedIndex: number;
  /** `moveFocus`: a key moved it, so the row takes DOM focus once it is rendered. */
  onFocusedIndexChange: (index: number, moveFocus: boolean) => void;
  /** Set when the owner moved the focus and wants the row to take DOM focus. */
  focusRequest?: number;
  /** The case open in the side pane, if any. */
  selectedId?: string | null;
  /** Click or Enter on a row. */
  onOpen?: (item: QueueRow, index: number) => void;
  isChecked: (id: string) => boolean;
  pageCheck: PageCheck;
  /** Space or a click on the checkbox. */
  onToggle: (index: number) => void;
  /** Shift+↑/↓: extend the selection from its anchor to `to`. */
  onExtend: (from: number, to: number) => void;
  /** Ctrl+A or the header checkbox. */
  onTogglePage: (index: number) => void;
}

/**
 * The virtualised queue grid: only the rows in view (plus a margin) exist in the DOM, so its cost
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
  focusedIndex: requestedIndex,
  onFocusedIndexChange,
  focusRequest = 0,
  selectedId = null,
  onOpen,
  isChecked,
  pageCheck,
  onToggle,
  onExtend,
  onTogglePage,
}: CaseGridProps) {
  const { t } = useTranslation();
  const styles = useGridStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = rowCount ?? UNKNOWN_LENGTH_ROWS;
  const columns = useColumnsThatFit(scrollRef);
  const layoutVars = useMemo(
    () =>
      ({
        [GRID_TEMPLATE_VAR]: gridTemplateColumns(columns),
        [GRID_MIN_WIDTH_VAR]: `${gridMinWidth(columns)}px`,
      }) as CSSProperties,
    [columns],
  );
  const focusedIndex = Math.min(requestedIndex, Math.max(count - 1, 0));
  // When a row should take DOM focus once rendered; a stale wish (the row never came) expires, so
  // it cannot steal focus from the search box seconds later.
  const moveFocusPending = useRef(0);
  // Where the focus was when the wish was made (the search box hands it down with ↓).
  const wishedFrom = useRef<Element | null>(null);
  const wishFocus = () => {
    moveFocusPending.current = Date.now();
    wishedFrom.current = document.activeElement;
  };

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

  // The owner moved the focus (next case after a decision): show that row and focus it.
  useEffect(() => {
    if (focusRequest === 0) return;
    virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
    wishFocus();
    // Only a new request scrolls; a changed index alone is the clerk's own doing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  // Keyboard moves first render the target row (it is pinned), then focus it.
  useEffect(() => {
    if (Date.now() - moveFocusPending.current > FOCUS_WISH_MS) return;
    // While the row is on its way, the focus is where the wish came from, on the grid, or
    // nowhere (the old row left the DOM); anywhere else, the clerk has gone on.
    const active = document.activeElement;
    if (
      active &&
      active !== document.body &&
      active !== wishedFrom.current &&
      !scrollRef.current?.contains(active)
    ) {
      moveFocusPending.current = 0;
      return;
    }
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `[role="row"][data-index="${focusedIndex}"]`,
    );
    if (!row) return;
    moveFocusPending.current = 0;
    row.focus({ preventScroll: true });
  });

  const onFocusRow = useCallback(
    (index: number) => onFocusedIndexChange(index, false),
    [onFocusedIndexChange],
  );
  // Through a ref, so the memoised rows keep one stable callback while pages arrive.
  const target = useRef({ rowAt, onOpen, onToggle, onTogglePage, onSortChange });
  useEffect(() => {
    target.current = { rowAt, onOpen, onToggle, onTogglePage, onSortChange };
  });
  const onOpenRow = useCallback((index: number) => {
    const item = target.current.rowAt(index);
    if (item) target.current.onOpen?.(item, index);
  }, []);
  const onToggleRow = useCallback((index: number) => target.current.onToggle(index), []);
  // Stable too, so the memoised header does not re-render while the grid scrolls.
  const onToggleFocusedPage = useCallback(
    () => target.current.onTogglePage(focusedIndex),
    [focusedIndex],
  );
  const onSort = useCallback((next: CaseSort) => target.current.onSortChange(next), []);

  const moveTo = (next: number) => {
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (next === focusedIndex) return;
    wishFocus();
    onFocusedIndexChange(next, true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey) return;
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'row') {
      return;
    }
    const ctrl = event.ctrlKey;
    if (ctrl && !event.shiftKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onTogglePage(focusedIndex);
      return;
    }
    if (ctrl) return;
    if (event.key === ' ' && !event.shiftKey) {
      event.preventDefault();
      if (rowAt(focusedIndex)) onToggle(focusedIndex);
      return;
    }
    if (event.shiftKey) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      const next = nextRowIndex(event.key, focusedIndex, count, 1);
      if (next === null) return;
      onExtend(focusedIndex, next);
      moveTo(next);
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
    moveTo(next);
  };

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={t('cases.gridLabel')}
      // One header row plus the cases; -1 tells assistive technology the length is not known yet.
      aria-rowcount={rowCount === undefined ? -1 : rowCount + 1}
      aria-colcount={columns.length}
      aria-busy={rowCount === undefined}
      data-testid="case-grid"
      className={styles.scroller}
      style={layoutVars}
      onKeyDown={onKeyDown}
    >
      <CaseGridHeader
        columns={columns}
        sort={sort}
        onSortChange={onSort}
        pageCheck={pageCheck}
        onTogglePage={onToggleFocusedPage}
      />
      <div role="rowgroup" className={styles.body} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowCount === undefined ? undefined : rowAt(item.index);
          return (
            <GridRow
              key={item.key}
              index={item.index}
              item={row}
              columns={columns}
              top={item.start - HEADER_HEIGHT}
              focused={item.index === focusedIndex}
              selected={selectedId !== null && row?.id === selectedId}
              checked={row ? isChecked(row.id) : false}
              onFocusRow={onFocusRow}
              onOpenRow={onOpenRow}
              onToggleRow={onToggleRow}
            />
          );
        })}
      </div>
    </div>
  );
}

/**
 * The columns that fit the grid's width, following it as the window or the case pane changes it,
 * so a narrow grid shows the essential columns whole instead of cutting off deadline and status.
 */
function useColumnsThatFit(ref: RefObject<HTMLDivElement | null>) {
  const [columns, setColumns] = useState(COLUMNS);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setColumns(columnsForWidth(element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return columns;
}
