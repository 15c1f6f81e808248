/**
 * The bulk selection of the queue, as plain data. Ids are kept with the row index they had when
 * chosen, so the dialog receives them in queue order. Shift+↑/↓ works like a file list: the rows
 * between the anchor and the focus are added to what was selected before the range began.
 */
export interface Selection {
  ids: ReadonlyMap<string, number>;
  /** Where a Shift range starts; null before the first toggle. */
  anchor: number | null;
  /** The selection before the current Shift range. */
  base: ReadonlyMap<string, number>;
}

export const EMPTY_SELECTION: Selection = { ids: new Map(), anchor: null, base: new Map() };

/** A row as the selection needs it: its id, or undefined while its page is loading. */
export type IdAt = (index: number) => string | undefined;

export function toggle(selection: Selection, id: string, index: number): Selection {
  const ids = new Map(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.set(id, index);
  return { ids, anchor: index, base: ids };
}

/** Extends from the anchor (or `from` when none) to `to`; rows still loading are skipped. */
export function extendTo(selection: Selection, from: number, to: number, idAt: IdAt): Selection {
  const anchor = selection.anchor ?? from;
  const base = selection.anchor === null ? selection.ids : selection.base;
  const ids = new Map(base);
  const [low, high] = anchor <= to ? [anchor, to] : [to, anchor];
  for (let index = low; index <= high; index++) {
    const id = idAt(index);
    if (id !== undefined) ids.set(id, index);
  }
  return { ids, anchor, base };
}

/** Adds every given row (Ctrl+A: the loaded page); a repeat when all are in clears them. */
export function selectRows(
  selection: Selection,
  rows: readonly { id: string; index: number }[],
): Selection {
  if (rows.length > 0 && rows.every((row) => selection.ids.has(row.id))) {
    const ids = new Map(selection.ids);
    for (const row of rows) ids.delete(row.id);
    return { ids, anchor: null, base: ids };
  }
  const ids = new Map(selection.ids);
  for (const row of rows) ids.set(row.id, row.index);
  return { ids, anchor: null, base: ids };
}

/** The selected ids in queue order, for the bulk dialog. */
export function selectedIds(selection: Selection): string[] {
  return [...selection.ids].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

/** The rows of the page holding `index` that are loaded, for Ctrl+A. */
export function loadedPageRows(
  index: number,
  pageSize: number,
  rowCount: number,
  idAt: IdAt,
): { id: string; index: number }[] {
  const start = Math.floor(Math.max(0, index) / pageSize) * pageSize;
  const end = Math.min(start + pageSize, rowCount);
  const rows: { id: string; index: number }[] = [];
  for (let i = start; i < end; i++) {
    const id = idAt(i);
    if (id !== undefined) rows.push({ id, index: i });
  }
  return rows;
}

/**
 * Where the queue goes after the clerk decided the case at `index`: the next case by position.
 * Until the queue refetches, the decided case still sits at `index` and the next one below it;
 * once it has left the view, the next one has moved up into its place. Null at the end.
 */
export function nextAfterDecision(
  index: number,
  decidedId: string | undefined,
  idAt: IdAt,
  rowCount: number | undefined,
): number | null {
  const stillThere = decidedId !== undefined && idAt(index) === decidedId;
  const target = stillThere ? index + 1 : index;
  if (rowCount !== undefined && target >= rowCount) return null;
  return target;
}
