/**
 * Keyboard navigation of the journey grid (a roving tabindex, as in the WAI-ARIA grid pattern):
 * arrow keys move between cells, Home/End go to the row's ends, Enter or F2 edits the first
 * field in the cell, Escape inside a field returns to its cell. Pure so it is unit-tested.
 */
export type Cell = { row: number; col: number };

export function nextCell(
  key: string,
  at: Cell,
  rows: number,
  cols: number,
  ctrl = false,
): Cell | null {
  const clamp = (r: number, c: number): Cell => ({
    row: Math.max(0, Math.min(rows - 1, r)),
    col: Math.max(0, Math.min(cols - 1, c)),
  });
  switch (key) {
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(at.row, cols - 1);
    default:
      return null;
  }
}

export function cellElement(root: HTMLElement | null, c: Cell): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`[data-cell="${c.row}:${c.col}"]`) ?? null;
}

export function parseCell(el: Element | null): Cell | null {
  const v = el?.getAttribute('data-cell');
  if (!v) return null;
  const [row, col] = v.split(':').map(Number);
  return { row, col };
}
