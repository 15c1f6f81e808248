import { z } from 'zod';
import {
  QUEUE_SEARCH_MAX,
  QUEUE_SORT_FIELDS,
  QUEUE_VIEWS,
  type CasesQueueInput,
  type QueueFilter,
  type QueueView,
} from '../../../shared/contract';
import { caseStatusSchema, type CaseStatus } from '../../../shared/domain/case';
import type { CaseSort } from '../cases/sort';
import { DEFAULT_SORT } from '../cases/sort';

/**
 * The saved views in the order of the tab row, which is also the order of Alt+1 … Alt+7: the
 * clerk's daily work first, the catch-all last.
 */
export const VIEW_ORDER: readonly QueueView[] = [
  'disputed',
  'mine',
  'unassigned',
  'due_soon',
  'awaiting_statement',
  'conflicts',
  'all',
];

export interface QueueFilters {
  status: readonly CaseStatus[];
  district: readonly number[];
  /** As typed; blank means any officer. */
  officerId: string;
  /** As typed; blank means any offence. */
  offenceCode: string;
  /** Berlin dates 'YYYY-MM-DD', or '' for open. */
  observedFrom: string;
  observedTo: string;
  /** Euro cents, or null for open. */
  fineMin: number | null;
  fineMax: number | null;
}

export interface QueueState {
  view: QueueView;
  /** The debounced search text; what the input shows lives in the component. */
  search: string;
  filters: QueueFilters;
  sort: CaseSort;
}

export const EMPTY_FILTERS: QueueFilters = {
  status: [],
  district: [],
  officerId: '',
  offenceCode: '',
  observedFrom: '',
  observedTo: '',
  fineMin: null,
  fineMax: null,
};

export const INITIAL_QUEUE_STATE: QueueState = {
  view: 'disputed',
  search: '',
  filters: EMPTY_FILTERS,
  sort: DEFAULT_SORT,
};

export type QueueAction =
  | { type: 'view'; view: QueueView }
  | { type: 'search'; search: string }
  | { type: 'filters'; patch: Partial<QueueFilters> }
  | { type: 'sort'; sort: CaseSort }
  /** Clears filters and search; the view and the sort are the clerk's way of working, they stay. */
  | { type: 'reset' };

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'view':
      return state.view === action.view ? state : { ...state, view: action.view };
    case 'search':
      return state.search === action.search ? state : { ...state, search: action.search };
    case 'filters':
      return { ...state, filters: { ...state.filters, ...action.patch } };
    case 'sort':
      return { ...state, sort: action.sort };
    case 'reset':
      return { ...state, search: '', filters: EMPTY_FILTERS };
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CENTS = 10_000_000;

const validCents = (cents: number | null): number | undefined =>
  cents !== null && Number.isInteger(cents) && cents >= 0 && cents <= MAX_CENTS ? cents : undefined;

/** The filter part of `cases.queue`: blanks and half-typed values are left out, not sent. */
export function toQueueFilter(state: QueueState): QueueFilter {
  const { filters } = state;
  const out: QueueFilter = { view: state.view };
  if (filters.status.length > 0) out.status = [...filters.status];
  if (filters.district.length > 0) out.district = [...filters.district].sort((a, b) => a - b);
  const officer = filters.officerId.trim();
  if (officer) out.officerId = officer.slice(0, 64);
  const offence = filters.offenceCode.trim().toUpperCase();
  if (offence) out.offenceCode = offence.slice(0, 16);
  if (DATE.test(filters.observedFrom)) out.observedFrom = filters.observedFrom;
  if (DATE.test(filters.observedTo)) out.observedTo = filters.observedTo;
  const fineMin = validCents(filters.fineMin);
  const fineMax = validCents(filters.fineMax);
  if (fineMin !== undefined) out.fineMin = fineMin;
  if (fineMax !== undefined) out.fineMax = fineMax;
  const search = state.search.trim().slice(0, QUEUE_SEARCH_MAX);
  if (search) out.search = search;
  return out;
}

/** One page of `cases.queue` for the state. */
export function toQueueInput(state: QueueState, offset: number, limit: number): CasesQueueInput {
  return { ...toQueueFilter(state), sort: { ...state.sort }, offset, limit };
}

/** How many filters narrow the view (search not counted: it has its own box). */
export function activeFilterCount(filters: QueueFilters): number {
  return [
    filters.status.length > 0,
    filters.district.length > 0,
    filters.officerId.trim() !== '',
    filters.offenceCode.trim() !== '',
    filters.observedFrom !== '' || filters.observedTo !== '',
    filters.fineMin !== null || filters.fineMax !== null,
  ].filter(Boolean).length;
}

/** Whether "Filter zurücksetzen" has anything to do. */
export function isNarrowed(state: QueueState): boolean {
  return state.search.trim() !== '' || activeFilterCount(state.filters) > 0;
}

/**
 * Euros as a clerk types them ("25", "25,50", "1.000", "12.5") to cents; null for blank or
 * unreadable input, so a half-typed amount filters nothing rather than everything.
 */
export function parseEuros(text: string): number | null {
  let value = text.trim().replace(/\s|€/g, '');
  if (!value) return null;
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const cents = Math.round(Number(value) * 100);
  return cents <= MAX_CENTS ? cents : null;
}

/** Cents back to what the amount box shows: "25" or "25,50". */
export function centsToInput(cents: number | null): string {
  if (cents === null) return '';
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
}

/** The view for Alt+1 … Alt+7, read from the physical key so keyboard layouts do not matter. */
export function viewForKey(code: string): QueueView | undefined {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  return match ? VIEW_ORDER[Number(match[1]) - 1] : undefined;
}

// ——— Persistence ———

// The parts of Web Storage used here, declared locally so tests type-check without the DOM lib.
interface ReadStorage {
  getItem(key: string): string | null;
}
interface WriteStorage {
  setItem(key: string, value: string): void;
}

/** Versioned, so a future shape change starts from defaults instead of misreading old data. */
export const QUEUE_STORAGE_KEY = 'kvue.queue.v1';

/**
 * Each field falls back to its default on its own: one bad value (an old view name, a hand-edited
 * entry) must not throw away the rest of the clerk's setup.
 */
const storedSchema = z.object({
  view: z.enum(QUEUE_VIEWS).catch(INITIAL_QUEUE_STATE.view),
  sort: z
    .object({ field: z.enum(QUEUE_SORT_FIELDS), dir: z.enum(['asc', 'desc']) })
    .catch(DEFAULT_SORT),
  filters: z
    .object({
      status: z.array(caseStatusSchema).max(20).catch([]),
      district: z.array(z.number().int().min(1).max(25)).max(25).catch([]),
      officerId: z.string().max(64).catch(''),
      offenceCode: z.string().max(16).catch(''),
      observedFrom: z.string().regex(DATE).or(z.literal('')).catch(''),
      observedTo: z.string().regex(DATE).or(z.literal('')).catch(''),
      fineMin: z.number().int().min(0).max(MAX_CENTS).nullable().catch(null),
      fineMax: z.number().int().min(0).max(MAX_CENTS).nullable().catch(null),
    })
    .catch(() => ({ ...EMPTY_FILTERS, status: [], district: [] })),
});

/**
 * The state saved by `saveQueueState`, or the initial state. The search is not restored: it is a
 * one-off look-up, and finding yesterday's plate still typed in the box next morning would hide
 * the day's work.
 */
export function loadQueueState(storage: ReadStorage | undefined): QueueState {
  try {
    const raw = storage?.getItem(QUEUE_STORAGE_KEY);
    if (!raw) return INITIAL_QUEUE_STATE;
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return INITIAL_QUEUE_STATE;
    const { view, sort, filters } = parsed.data;
    return { view, search: '', sort, filters: { ...EMPTY_FILTERS, ...filters } };
  } catch {
    // Unreadable storage (quota, privacy mode, broken JSON): start fresh, never fail the queue.
    return INITIAL_QUEUE_STATE;
  }
}

export function saveQueueState(storage: WriteStorage | undefined, state: QueueState): void {
  try {
    storage?.setItem(
      QUEUE_STORAGE_KEY,
      JSON.stringify({ view: state.view, sort: state.sort, filters: state.filters }),
    );
  } catch {
    // A full or disabled storage only costs the clerk their setup after a reload.
  }
}
