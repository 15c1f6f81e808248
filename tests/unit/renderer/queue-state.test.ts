import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  centsToInput,
  EMPTY_FILTERS,
  INITIAL_QUEUE_STATE,
  isNarrowed,
  loadQueueState,
  parseEuros,
  QUEUE_STORAGE_KEY,
  queueReducer,
  type QueueState,
  saveQueueState,
  toQueueFilter,
  toQueueInput,
  VIEW_ORDER,
  viewForKey,
} from '../../../src/renderer/features/queue/queue-state';
import {
  casesQueueInputSchema,
  QUEUE_VIEWS,
  queueFilterSchema,
} from '../../../src/shared/contract';

/** A Storage stand-in: a Map behind getItem/setItem. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    map,
  };
}

const narrowed: QueueState = {
  view: 'due_soon',
  search: '  M-AB 123 ',
  sort: { field: 'deadline', dir: 'asc' },
  filters: {
    status: ['disputed', 'awaiting_statement'],
    district: [12, 4],
    officerId: ' officer-07 ',
    offenceCode: 'p101',
    observedFrom: '2026-10-01',
    observedTo: '2026-10-31',
    fineMin: 2000,
    fineMax: 5550,
  },
};

describe('queue state → cases.queue input', () => {
  it('starts on the disputed view, newest first, nothing narrowed', () => {
    expect(INITIAL_QUEUE_STATE.view).toBe('disputed');
    expect(toQueueFilter(INITIAL_QUEUE_STATE)).toEqual({ view: 'disputed' });
    expect(toQueueInput(INITIAL_QUEUE_STATE, 0, 100)).toEqual({
      view: 'disputed',
      sort: { field: 'observedAt', dir: 'desc' },
      offset: 0,
      limit: 100,
    });
    expect(isNarrowed(INITIAL_QUEUE_STATE)).toBe(false);
  });

  it('sends every filter, trimmed, and main accepts it', () => {
    const input = toQueueInput(narrowed, 200, 100);
    expect(input).toEqual({
      view: 'due_soon',
      status: ['disputed', 'awaiting_statement'],
      district: [4, 12],
      officerId: 'officer-07',
      offenceCode: 'P101',
      observedFrom: '2026-10-01',
      observedTo: '2026-10-31',
      fineMin: 2000,
      fineMax: 5550,
      search: 'M-AB 123',
      sort: { field: 'deadline', dir: 'asc' },
      offset: 200,
      limit: 100,
    });
    expect(casesQueueInputSchema.safeParse(input).success).toBe(true);
    expect(activeFilterCount(narrowed.filters)).toBe(6);
  });

  it('leaves out blanks and half-typed values instead of sending invalid input', () => {
    const state: QueueState = {
      ...INITIAL_QUEUE_STATE,
      search: '   ',
      filters: { ...EMPTY_FILTERS, officerId: '  ', observedFrom: '2026-1', fineMin: -5 },
    };
    expect(toQueueFilter(state)).toEqual({ view: 'disputed' });
    const long = toQueueFilter({ ...INITIAL_QUEUE_STATE, search: 'x'.repeat(500) });
    expect(queueFilterSchema.safeParse(long).success).toBe(true);
  });

  it('every view of the contract is reachable from the tab row, once', () => {
    expect([...VIEW_ORDER].sort()).toEqual([...QUEUE_VIEWS].sort());
    expect(VIEW_ORDER[0]).toBe('disputed');
  });
});

describe('queueReducer', () => {
  it('switches views, sorts, searches and filters', () => {
    let state = queueReducer(INITIAL_QUEUE_STATE, { type: 'view', view: 'mine' });
    state = queueReducer(state, { type: 'sort', sort: { field: 'plate', dir: 'asc' } });
    state = queueReducer(state, { type: 'search', search: 'Leopold' });
    state = queueReducer(state, { type: 'filters', patch: { district: [4] } });
    state = queueReducer(state, { type: 'filters', patch: { fineMin: 1000 } });
    expect(state).toEqual({
      view: 'mine',
      search: 'Leopold',
      sort: { field: 'plate', dir: 'asc' },
      filters: { ...EMPTY_FILTERS, district: [4], fineMin: 1000 },
    });
  });

  it('keeps the same object when nothing changes (no needless refetch)', () => {
    expect(queueReducer(INITIAL_QUEUE_STATE, { type: 'view', view: 'disputed' })).toBe(
      INITIAL_QUEUE_STATE,
    );
    expect(queueReducer(INITIAL_QUEUE_STATE, { type: 'search', search: '' })).toBe(
      INITIAL_QUEUE_STATE,
    );
  });

  it('reset clears filters and search but keeps view and sort', () => {
    const state = queueReducer(narrowed, { type: 'reset' });
    expect(state).toEqual({ ...narrowed, search: '', filters: EMPTY_FILTERS });
    expect(isNarrowed(state)).toBe(false);
  });
});

describe('persistence', () => {
  it('round-trips view, sort and filters; the search is not restored', () => {
    const storage = memoryStorage();
    saveQueueState(storage, narrowed);
    expect(loadQueueState(storage)).toEqual({ ...narrowed, search: '' });
  });

  it('starts fresh without storage, with nothing stored, or with broken JSON', () => {
    expect(loadQueueState(undefined)).toEqual(INITIAL_QUEUE_STATE);
    expect(loadQueueState(memoryStorage())).toEqual(INITIAL_QUEUE_STATE);
    expect(loadQueueState(memoryStorage({ [QUEUE_STORAGE_KEY]: '{not json' }))).toEqual(
      INITIAL_QUEUE_STATE,
    );
    expect(loadQueueState(memoryStorage({ [QUEUE_STORAGE_KEY]: '42' }))).toEqual(
      INITIAL_QUEUE_STATE,
    );
    expect(loadQueueState(memoryStorage({ [QUEUE_STORAGE_KEY]: 'null' }))).toEqual(
      INITIAL_QUEUE_STATE,
    );
  });

  it('drops only the bad fields and keeps the rest', () => {
    const stored = {
      view: 'retired_view',
      sort: { field: 'colour', dir: 'up' },
      filters: {
        status: ['disputed', 'nonsense'],
        district: [4, 12],
        officerId: 42,
        offenceCode: 'P101',
        observedFrom: 'yesterday',
        observedTo: '2026-10-31',
        fineMin: -1,
        fineMax: 5000,
      },
    };
    const storage = memoryStorage({ [QUEUE_STORAGE_KEY]: JSON.stringify(stored) });
    expect(loadQueueState(storage)).toEqual({
      view: 'disputed',
      search: '',
      sort: { field: 'observedAt', dir: 'desc' },
      filters: {
        ...EMPTY_FILTERS,
        district: [4, 12],
        offenceCode: 'P101',
        observedTo: '2026-10-31',
        fineMax: 5000,
      },
    });
  });

  it('fills in filters an older version did not store', () => {
    const storage = memoryStorage({
      [QUEUE_STORAGE_KEY]: JSON.stringify({ view: 'mine', filters: { district: [3] } }),
    });
    const state = loadQueueState(storage);
    expect(state.view).toBe('mine');
    expect(state.filters).toEqual({ ...EMPTY_FILTERS, district: [3] });
  });

  it('survives a storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadQueueState(throwing)).toEqual(INITIAL_QUEUE_STATE);
    expect(() => saveQueueState(throwing, narrowed)).not.toThrow();
  });
});

describe('amounts as typed', () => {
  it('reads German and plain notations as cents', () => {
    expect(parseEuros('25')).toBe(2500);
    expect(parseEuros('25,5')).toBe(2550);
    expect(parseEuros('25,50 €')).toBe(2550);
    expect(parseEuros('12.5')).toBe(1250);
    expect(parseEuros('1.000')).toBe(100_000);
    expect(parseEuros('1.000,99')).toBe(100_099);
  });

  it('reads nothing from blanks and junk', () => {
    expect(parseEuros('')).toBeNull();
    expect(parseEuros('  ')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
    expect(parseEuros('-5')).toBeNull();
    expect(parseEuros('1,234')).toBeNull();
    expect(parseEuros('99999999')).toBeNull();
  });

  it('shows cents back the way they are typed', () => {
    expect(centsToInput(null)).toBe('');
    expect(centsToInput(2500)).toBe('25');
    expect(centsToInput(2550)).toBe('25,50');
  });
});

describe('view keys', () => {
  it('maps Alt+1 … Alt+7 (row or keypad) to the tab order', () => {
    expect(viewForKey('Digit1')).toBe('disputed');
    expect(viewForKey('Numpad2')).toBe('mine');
    expect(viewForKey('Digit7')).toBe('all');
    expect(viewForKey('Digit8')).toBeUndefined();
    expect(viewForKey('KeyA')).toBeUndefined();
  });
});
