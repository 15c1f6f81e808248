import type { SortField } from './sort';

export type ColumnId =
  'fileNumber' | 'plate' | 'offence' | 'fine' | 'place' | 'observedAt' | 'status';

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
}

/** The case list's columns, in display order. Header and rows share one grid template. */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'fileNumber', sortField: 'fileNumber', min: 132, grow: 1 },
  { id: 'plate', sortField: 'plate', min: 104, grow: 0.8 },
  { id: 'offence', min: 160, grow: 3 },
  { id: 'fine', sortField: 'fineCents', min: 84, align: 'end' },
  // Main sorts places by Stadtbezirk, the unit clerks and teams are organised by.
  { id: 'place', sortField: 'district', min: 160, grow: 2.2 },
  { id: 'observedAt', sortField: 'observedAt', min: 128 },
  { id: 'status', sortField: 'status', min: 112 },
];

export const COLUMN_GAP = 12;
export const ROW_PADDING_INLINE = 12;

export const GRID_TEMPLATE_COLUMNS = COLUMNS.map((c) =>
  c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`,
).join(' ');

/** Below this width the list scrolls sideways instead of squeezing German text into nothing. */
export const GRID_MIN_WIDTH =
  COLUMNS.reduce((sum, c) => sum + c.min, 0) +
  COLUMN_GAP * (COLUMNS.length - 1) +
  ROW_PADDING_INLINE * 2;

/** Row and header height: dense, as in Outlook's compact list, still a comfortable click target. */
export const ROW_HEIGHT = 32;
export const HEADER_HEIGHT = 32;
