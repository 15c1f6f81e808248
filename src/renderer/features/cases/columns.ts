import type { SortField } from './sort';

export type ColumnId =
  | 'select'
  | 'fileNumber'
  | 'plate'
  | 'offence'
  | 'fine'
  | 'place'
  | 'observedAt'
  | 'deadline'
  | 'status'
  | 'claim';

export interface ColumnDef {
  id: ColumnId;
  /** Absent where main cannot sort (the offence text is free text). */
  sortField?: SortField;
  /** Minimum width in px: what the German label and typical values need at 14px. Together they
   * fit a 1024px-wide window. */
  min: number;
  /** Share of the remaining width; fixed-width columns have none. */
  grow?: number;
  align?: 'end';
  /**
   * When the grid is too narrow for every column (the case pane is open, a small window), columns
   * are left out from the lowest rank up; the pane and the tooltips still show them. None: kept.
   */
  dropRank?: number;
}

/** The queue's columns, in display order. Header and rows share one grid template. */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'select', min: 20 },
  // File numbers (VW-2026-0000063) and plates are read in full, never cut.
  { id: 'fileNumber', sortField: 'fileNumber', min: 122, grow: 0.3 },
  { id: 'plate', sortField: 'plate', min: 98, grow: 0.3 },
  { id: 'offence', min: 90, grow: 3, dropRank: 3 },
  { id: 'fine', sortField: 'fineCents', min: 60, align: 'end', dropRank: 4 },
  // Main sorts places by Stadtbezirk, the unit clerks and teams are organised by.
  { id: 'place', sortField: 'district', min: 98, grow: 2, dropRank: 2 },
  // The date only: the time of day is in the tooltip, the width goes to the deadline.
  { id: 'observedAt', sortField: 'observedAt', min: 80, dropRank: 1 },
  { id: 'deadline', sortField: 'deadline', min: 126 },
  { id: 'status', sortField: 'status', min: 110 },
  { id: 'claim', min: 66, grow: 1, dropRank: 5 },
];

export const COLUMN_GAP = 8;
export const ROW_PADDING_INLINE = 12;

export function gridTemplateColumns(columns: readonly ColumnDef[]): string {
  return columns.map((c) => (c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`)).join(' ');
}

/** Below this width the list scrolls sideways instead of squeezing German text into nothing. */
export function gridMinWidth(columns: readonly ColumnDef[]): number {
  return (
    columns.reduce((sum, c) => sum + c.min, 0) +
    COLUMN_GAP * (columns.length - 1) +
    ROW_PADDING_INLINE * 2
  );
}

/** The column sets from all columns down to the essential ones; stable arrays for memoised rows. */
const COLUMN_SETS: readonly (readonly ColumnDef[])[] = (() => {
  const ranks = [...new Set(COLUMNS.flatMap((c) => (c.dropRank ? [c.dropRank] : [])))].sort(
    (a, b) => a - b,
  );
  return [COLUMNS, ...ranks.map((rank) => COLUMNS.filter((c) => !c.dropRank || c.dropRank > rank))];
})();

/** The most columns that fit `width` px (the grid's inner width); at least the essential ones. */
export function columnsForWidth(width: number): readonly ColumnDef[] {
  return COLUMN_SETS.find((set) => gridMinWidth(set) <= width) ?? COLUMN_SETS.at(-1) ?? COLUMNS;
}

export const GRID_TEMPLATE_COLUMNS = gridTemplateColumns(COLUMNS);
export const GRID_MIN_WIDTH = gridMinWidth(COLUMNS);

/** Row and header height: dense, as in Outlook's compact list, still a comfortable click target. */
export const ROW_HEIGHT = 32;
export const HEADER_HEIGHT = 32;
