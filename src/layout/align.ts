import type { Point } from '../model';

/** A box on the canvas: top-left position and size. */
export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Alignment = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

/** New top-left positions that align the boxes to the selection's edge or centre line. */
export function align(boxes: Box[], how: Alignment): Record<string, Point> {
  const out: Record<string, Point> = {};
  if (boxes.length < 2) return out;
  const minX = Math.min(...boxes.map((b) => b.x));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  for (const b of boxes) {
    let { x, y } = b;
    if (how === 'left') x = minX;
    if (how === 'right') x = maxX - b.width;
    if (how === 'center') x = (minX + maxX) / 2 - b.width / 2;
    if (how === 'top') y = minY;
    if (how === 'bottom') y = maxY - b.height;
    if (how === 'middle') y = (minY + maxY) / 2 - b.height / 2;
    out[b.id] = { x: Math.round(x), y: Math.round(y) };
  }
  return out;
}

/** Equal gaps between boxes along an axis, keeping the first and last where they are. */
export function distribute(boxes: Box[], axis: 'horizontal' | 'vertical'): Record<string, Point> {
  const out: Record<string, Point> = {};
  if (boxes.length < 3) return out;
  const h = axis === 'horizontal';
  const pos = (b: Box) => (h ? b.x : b.y);
  const len = (b: Box) => (h ? b.width : b.height);
  const sorted = [...boxes].sort((a, b) => pos(a) - pos(b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const span = pos(last) + len(last) - pos(first);
  const total = sorted.reduce((s, b) => s + len(b), 0);
  const gap = (span - total) / (sorted.length - 1);
  let cursor = pos(first);
  for (const b of sorted) {
    out[b.id] = h ? { x: Math.round(cursor), y: b.y } : { x: b.x, y: Math.round(cursor) };
    cursor += len(b) + gap;
  }
  return out;
}
