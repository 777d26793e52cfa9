export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 24;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width + GAP &&
  b.x < a.x + a.width + GAP &&
  a.y < b.y + b.height + GAP &&
  b.y < a.y + a.height + GAP;

/**
 * Where a new box (or a stamp's bounding box) of `size` goes: at `want` if that is clear of
 * every box (with a 24 px gap), else the nearest clear spot below it, then in the next columns to
 * the right — never on top of another box.
 */
export function freeSpot(
  boxes: Rect[],
  want: { x: number; y: number },
  size: { width: number; height: number },
): { x: number; y: number } {
  const stepY = size.height + GAP;
  const stepX = size.width + GAP;
  for (let col = 0; col < 20; col++)
    for (let row = 0; row < 20; row++) {
      const r = { x: want.x + col * stepX, y: want.y + row * stepY, ...size };
      if (!boxes.some((b) => overlaps(r, b))) return { x: r.x, y: r.y };
    }
  return want;
}

/** Right of the selection's bounding box, top-aligned with it: where "beside the selection" is. */
export function besideSelection(selected: Rect[]): { x: number; y: number } | null {
  if (!selected.length) return null;
  const right = Math.max(...selected.map((b) => b.x + b.width));
  const top = Math.min(...selected.map((b) => b.y));
  return { x: right + 80, y: top };
}
