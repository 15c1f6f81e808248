/**
 * The row the grid moves focus to for a key, or null if the key is not a grid navigation key.
 * Home/End go to the first/last row (with or without Ctrl): the grid focuses rows, not cells.
 */
export function nextRowIndex(
  key: string,
  current: number,
  rowCount: number,
  rowsPerPage: number,
): number | null {
  if (rowCount <= 0) return null;
  const last = rowCount - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  const page = Math.max(1, rowsPerPage);
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
