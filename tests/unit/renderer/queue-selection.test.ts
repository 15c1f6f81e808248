import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  extendTo,
  loadedPageRows,
  nextAfterDecision,
  selectedIds,
  selectRows,
  toggle,
} from '../../../src/renderer/features/queue/selection';
import { countLabel, queueRowCount } from '../../../src/renderer/features/queue/queue-paging';

/** Rows 0…n-1 with ids r0…; undefined for indexes in `loading`. */
const rows =
  (n: number, loading: number[] = []) =>
  (index: number) =>
    index >= 0 && index < n && !loading.includes(index) ? `r${index}` : undefined;

describe('selection', () => {
  it('toggles a row on and off (Space)', () => {
    const on = toggle(EMPTY_SELECTION, 'r3', 3);
    expect(selectedIds(on)).toEqual(['r3']);
    expect(selectedIds(toggle(on, 'r3', 3))).toEqual([]);
  });

  it('extends from the anchor with Shift+↓ and shrinks back with Shift+↑', () => {
    const idAt = rows(10);
    let s = toggle(EMPTY_SELECTION, 'r2', 2);
    s = extendTo(s, 2, 3, idAt);
    s = extendTo(s, 3, 4, idAt);
    expect(selectedIds(s)).toEqual(['r2', 'r3', 'r4']);
    s = extendTo(s, 4, 3, idAt);
    expect(selectedIds(s)).toEqual(['r2', 'r3']);
  });

  it('extends upwards from the focused row when nothing was toggled yet', () => {
    const s = extendTo(EMPTY_SELECTION, 5, 4, rows(10));
    expect(selectedIds(s)).toEqual(['r4', 'r5']);
  });

  it('keeps earlier picks when a new range starts elsewhere', () => {
    const idAt = rows(20);
    let s = toggle(EMPTY_SELECTION, 'r1', 1);
    s = toggle(s, 'r10', 10);
    s = extendTo(s, 10, 11, idAt);
    expect(selectedIds(s)).toEqual(['r1', 'r10', 'r11']);
  });

  it('skips rows still loading', () => {
    const s = extendTo(toggle(EMPTY_SELECTION, 'r0', 0), 0, 3, rows(10, [2]));
    expect(selectedIds(s)).toEqual(['r0', 'r1', 'r3']);
  });

  it('selects the loaded page with Ctrl+A, and a second Ctrl+A clears it', () => {
    const page = loadedPageRows(150, 100, 250, rows(250, [120]));
    expect(page).toHaveLength(99);
    expect(page[0]).toEqual({ id: 'r100', index: 100 });
    const all = selectRows(toggle(EMPTY_SELECTION, 'r5', 5), page);
    expect(all.ids.size).toBe(100);
    expect(selectedIds(all)[0]).toBe('r5');
    const none = selectRows(all, page);
    expect(selectedIds(none)).toEqual(['r5']);
  });

  it('stops the page at the end of the list', () => {
    expect(loadedPageRows(205, 100, 230, rows(230))).toHaveLength(30);
  });

  it('hands the ids over in queue order, whatever the order of picking', () => {
    let s = toggle(EMPTY_SELECTION, 'r9', 9);
    s = toggle(s, 'r2', 2);
    s = toggle(s, 'r5', 5);
    expect(selectedIds(s)).toEqual(['r2', 'r5', 'r9']);
  });
});

describe('next case after a decision', () => {
  const before = ['a', 'b', 'c', 'd'];
  const after = ['a', 'c', 'd']; // b decided, left the disputed view
  const idAt = (ids: string[]) => (i: number) => ids[i];

  it('takes the row below while the decided case is still listed', () => {
    expect(nextAfterDecision(1, 'b', idAt(before), 4)).toBe(2);
  });

  it('stays on the index once the decided case has left the view', () => {
    expect(nextAfterDecision(1, 'b', idAt(after), 3)).toBe(1);
  });

  it('stops at the end of the queue', () => {
    expect(nextAfterDecision(3, 'd', idAt(before), 4)).toBeNull();
    expect(nextAfterDecision(2, 'd', idAt(['a', 'b']), 2)).toBeNull();
  });
});

describe('queue length', () => {
  const page = (offset: number, n: number) => ({ offset, rows: new Array<unknown>(n).fill(0) });

  it('uses an exact total as it is', () => {
    expect(queueRowCount({ total: 42, totalExact: true }, [page(0, 42)], 100)).toBe(42);
  });

  it('knows the length from a short first page before the count answers', () => {
    expect(queueRowCount(undefined, [page(0, 7)], 100)).toBe(7);
    expect(queueRowCount(undefined, [page(0, 100)], 100)).toBe(200);
    expect(queueRowCount(undefined, [], 100)).toBeUndefined();
  });

  it('lets a capped list grow a page past the deepest loaded page', () => {
    const capped = { total: 10_000, totalExact: false };
    expect(queueRowCount(capped, [page(0, 100)], 100)).toBe(10_000);
    expect(queueRowCount(capped, [page(9_900, 100), page(0, 100)], 100)).toBe(10_100);
    expect(queueRowCount(capped, [page(500_000, 100)], 100)).toBe(500_200);
  });

  it('ends a capped list at its first short page', () => {
    const capped = { total: 10_000, totalExact: false };
    expect(queueRowCount(capped, [page(0, 100), page(12_300, 45)], 100)).toBe(12_345);
  });

  it('labels a capped count with a plus', () => {
    const de = (n: number) => n.toLocaleString('de-DE');
    expect(countLabel({ total: 1234, totalExact: true }, de)).toBe('1.234');
    expect(countLabel({ total: 10_000, totalExact: false }, de)).toBe('10.000+');
    expect(countLabel(undefined, de)).toBeUndefined();
  });
});
