import { describe, expect, it } from 'vitest';
import type { CasesPage } from '../../../src/shared/contract';
import {
  newestTotal,
  pagesForRange,
  rowAt,
  withPinnedIndex,
} from '../../../src/renderer/features/cases/paging';

describe('pagesForRange', () => {
  it('asks for page 0 before anything is visible', () => {
    expect(pagesForRange(null, 100)).toEqual([0]);
  });

  it('covers the visible rows', () => {
    expect(pagesForRange({ start: 0, end: 29 }, 100)).toEqual([0]);
    expect(pagesForRange({ start: 90, end: 120 }, 100)).toEqual([0, 1]);
    expect(pagesForRange({ start: 500_000, end: 500_030 }, 100)).toEqual([5000]);
  });

  it('widens by the margin on both sides, not below row 0', () => {
    expect(pagesForRange({ start: 75, end: 95 }, 100, 10)).toEqual([0, 1]);
    expect(pagesForRange({ start: 105, end: 130 }, 100, 10)).toEqual([0, 1]);
    expect(pagesForRange({ start: 5, end: 20 }, 100, 30)).toEqual([0]);
  });

  it('does not ask beyond the last row when the count is known', () => {
    expect(pagesForRange({ start: 380, end: 399 }, 100, 30, 400)).toEqual([3]);
    expect(pagesForRange({ start: 380, end: 399 }, 100, 30)).toEqual([3, 4]);
  });

  it('copes with an inverted range and an empty list', () => {
    expect(pagesForRange({ start: 10, end: 5 }, 100)).toEqual([0]);
    expect(pagesForRange({ start: 0, end: 0 }, 100, 30, 0)).toEqual([0]);
  });
});

const page = (offset: number, ids: string[], total = 1000): CasesPage => ({
  total,
  offset,
  rows: ids.map((id) => ({
    id,
    fileNumber: `VW-${id}`,
    plate: 'M-AB 1234',
    offenceText: 'Halteverbot',
    fineCents: 2500,
    street: 'Leopoldstraße',
    houseNumber: '12',
    district: 4,
    observedAt: '2026-11-20T09:30:00Z',
    status: 'open',
  })),
});

describe('rowAt', () => {
  it('finds a row in its page by the page offset', () => {
    const pages = new Map([
      [0, page(0, ['a', 'b'])],
      [3, page(300, ['x', 'y'])],
    ]);
    expect(rowAt(pages, 1, 100)?.id).toBe('b');
    expect(rowAt(pages, 301, 100)?.id).toBe('y');
  });

  it('is undefined for rows whose page is not loaded or is short', () => {
    const pages = new Map([[0, page(0, ['a'])]]);
    expect(rowAt(pages, 150, 100)).toBeUndefined();
    expect(rowAt(pages, 5, 100)).toBeUndefined();
  });
});

describe('newestTotal', () => {
  it('is unknown until a page has answered', () => {
    expect(newestTotal([])).toBeUndefined();
    expect(newestTotal([{ data: undefined, dataUpdatedAt: 0 }])).toBeUndefined();
  });

  it('takes the total of the most recently fetched page', () => {
    expect(
      newestTotal([
        { data: { total: 400 }, dataUpdatedAt: 10 },
        { data: { total: 412 }, dataUpdatedAt: 20 },
        { data: undefined, dataUpdatedAt: 30 },
      ]),
    ).toBe(412);
  });
});

describe('withPinnedIndex', () => {
  it('adds the focused row, in order, when it is out of view', () => {
    expect(withPinnedIndex([10, 11, 12], 3, 100)).toEqual([3, 10, 11, 12]);
    expect(withPinnedIndex([10, 11, 12], 50, 100)).toEqual([10, 11, 12, 50]);
  });

  it('changes nothing when the row is already rendered or does not exist', () => {
    const indexes = [10, 11, 12];
    expect(withPinnedIndex(indexes, 11, 100)).toBe(indexes);
    expect(withPinnedIndex(indexes, 100, 100)).toBe(indexes);
    expect(withPinnedIndex(indexes, -1, 100)).toBe(indexes);
  });
});
