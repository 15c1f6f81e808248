import type { QueueSortField } from '../../../shared/contract';

export type SortField = QueueSortField;
export type SortDir = 'asc' | 'desc';
export interface CaseSort {
  field: SortField;
  dir: SortDir;
}

/** Newest first: the clerk's daily work starts with what came in last. */
export const DEFAULT_SORT: CaseSort = { field: 'observedAt', dir: 'desc' };

/** The first direction when a column is chosen: times and amounts are wanted largest first. */
const FIRST_DIR: Record<SortField, SortDir> = {
  observedAt: 'desc',
  fineCents: 'desc',
  fileNumber: 'asc',
  plate: 'asc',
  district: 'asc',
  status: 'asc',
  // The most urgent first: what lapses soonest.
  deadline: 'asc',
};

/** Clicking the sorted column flips its direction; clicking another column starts there. */
export function nextSort(current: CaseSort, field: SortField): CaseSort {
  if (current.field === field) return { field, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { field, dir: FIRST_DIR[field] };
}

/** `aria-sort` for a column header; only the sorted column carries it, as ARIA advises. */
export function ariaSort(
  current: CaseSort,
  field: SortField | undefined,
): 'ascending' | 'descending' | undefined {
  if (!field || current.field !== field) return undefined;
  return current.dir === 'asc' ? 'ascending' : 'descending';
}
