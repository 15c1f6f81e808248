import { describe, expect, it } from 'vitest';
import { nextRowIndex } from '../../../src/renderer/features/cases/keyboard';
import { ariaSort, DEFAULT_SORT, nextSort } from '../../../src/renderer/features/cases/sort';
import { statusesFor } from '../../../src/renderer/features/cases/status-filter';
import {
  COLUMNS,
  GRID_MIN_WIDTH,
  columnsForWidth,
  gridMinWidth,
} from '../../../src/renderer/features/cases/columns';
import { QUEUE_SORT_FIELDS } from '../../../src/shared/contract';

describe('nextRowIndex', () => {
  it('moves by one, by a page, and to either end', () => {
    expect(nextRowIndex('ArrowDown', 5, 100, 20)).toBe(6);
    expect(nextRowIndex('ArrowUp', 5, 100, 20)).toBe(4);
    expect(nextRowIndex('PageDown', 5, 100, 20)).toBe(25);
    expect(nextRowIndex('PageUp', 25, 100, 20)).toBe(5);
    expect(nextRowIndex('Home', 50, 100, 20)).toBe(0);
    expect(nextRowIndex('End', 50, 1_000_000, 20)).toBe(999_999);
  });

  it('stops at the edges', () => {
    expect(nextRowIndex('ArrowUp', 0, 100, 20)).toBe(0);
    expect(nextRowIndex('ArrowDown', 99, 100, 20)).toBe(99);
    expect(nextRowIndex('PageDown', 90, 100, 20)).toBe(99);
    expect(nextRowIndex('PageUp', 10, 100, 20)).toBe(0);
  });

  it('moves at least one row per page key, even in a tiny window', () => {
    expect(nextRowIndex('PageDown', 0, 100, 0)).toBe(1);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextRowIndex('Enter', 5, 100, 20)).toBeNull();
    expect(nextRowIndex('a', 5, 100, 20)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0, 20)).toBeNull();
  });
});

describe('sorting', () => {
  it('starts newest first', () => {
    expect(DEFAULT_SORT).toEqual({ field: 'observedAt', dir: 'desc' });
  });

  it('flips the direction of the sorted column', () => {
    expect(nextSort({ field: 'plate', dir: 'asc' }, 'plate')).toEqual({
      field: 'plate',
      dir: 'desc',
    });
    expect(nextSort(DEFAULT_SORT, 'observedAt')).toEqual({ field: 'observedAt', dir: 'asc' });
  });

  it('starts a new column in its natural direction', () => {
    expect(nextSort(DEFAULT_SORT, 'fileNumber')).toEqual({ field: 'fileNumber', dir: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'fineCents')).toEqual({ field: 'fineCents', dir: 'desc' });
  });

  it('marks only the sorted column with aria-sort', () => {
    expect(ariaSort(DEFAULT_SORT, 'observedAt')).toBe('descending');
    expect(ariaSort({ field: 'plate', dir: 'asc' }, 'plate')).toBe('ascending');
    expect(ariaSort(DEFAULT_SORT, 'plate')).toBeUndefined();
    expect(ariaSort(DEFAULT_SORT, undefined)).toBeUndefined();
  });

  it('offers every sort field main supports, each on one column', () => {
    const fields = COLUMNS.flatMap((c) => (c.sortField ? [c.sortField] : []));
    expect([...fields].sort()).toEqual([...QUEUE_SORT_FIELDS].sort());
  });
});

describe('status filter', () => {
  it('asks for all statuses with no argument, otherwise exactly one', () => {
    expect(statusesFor('all')).toBeUndefined();
    expect(statusesFor('disputed')).toEqual(['disputed']);
    expect(statusesFor('closed')).toEqual(['closed']);
  });
});

describe('columns', () => {
  it('fit a 1024px-wide window (page padding and borders included) without sideways scrolling', () => {
    expect(GRID_MIN_WIDTH).toBeLessThanOrEqual(1024 - 2 * 16 - 2);
  });

  it('beside the 380px case pane in a 1280px window, keep deadline, status and claim', () => {
    const ids = columnsForWidth(1280 - 2 * 16 - 8 - 380 - 2 - 17).map((c) => c.id);
    expect(ids).toEqual([
      'select',
      'fileNumber',
      'plate',
      'offence',
      'fine',
      'deadline',
      'status',
      'claim',
    ]);
  });

  it('show every column when they fit, and never fewer than the essential ones', () => {
    expect(columnsForWidth(GRID_MIN_WIDTH)).toBe(COLUMNS);
    const ids = columnsForWidth(100).map((c) => c.id);
    expect(ids).toEqual(['select', 'fileNumber', 'plate', 'deadline', 'status']);
    expect(gridMinWidth(columnsForWidth(600))).toBeLessThanOrEqual(600);
  });

  it('still fit beside a classic Windows scrollbar (17px)', () => {
    expect(GRID_MIN_WIDTH).toBeLessThanOrEqual(1024 - 2 * 16 - 2 - 17);
  });
});
