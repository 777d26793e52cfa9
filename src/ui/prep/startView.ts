import type { Viewport } from '@xyflow/react';
import type { LayoutResult } from '../../layout/elkAdapter';

/** Zoom at which a big diagram is shown after auto-layout: labels readable, few boxes mounted. */
export const START_ZOOM = 0.75;
/** Screen pixels kept free between the window's edge and the first boxes. */
const PAD = 24;

/**
 * The view to show after auto-layout of a big diagram: the START of the flow (ELK layers left to
 * right, so its first layer at the left edge) at a readable zoom, not the whole diagram fitted.
 * Fitted, 1,000 boxes are a few pixels each and every one of them is on screen and rendered,
 * which is what froze the page; here only the boxes in view are mounted. Vertically the first
 * layer is centred, but without empty space above the boxes of the columns in view; a first
 * layer taller than the window shows its top. Fit view still shows everything.
 */
export function startOfFlowView(
  r: LayoutResult,
  width: number,
  height: number,
  zoom = START_ZOOM,
): Viewport {
  let left = Infinity;
  let leftId = '';
  for (const [id, p] of Object.entries(r.positions)) if (p.x < left) [left, leftId] = [p.x, id];
  if (!leftId) return { x: PAD, y: PAD, zoom };
  // First layer: the boxes that overlap the leftmost one's column (a layer's boxes of different
  // widths need not share one x).
  const column = left + (r.sizes[leftId]?.width ?? 1);
  const inView = left + width / zoom;
  let top = Infinity;
  let bottom = -Infinity;
  let viewTop = Infinity;
  for (const [id, p] of Object.entries(r.positions)) {
    if (p.x < inView) viewTop = Math.min(viewTop, p.y);
    if (p.x >= column) continue;
    top = Math.min(top, p.y);
    bottom = Math.max(bottom, p.y + (r.sizes[id]?.height ?? 0));
  }
  const pad = PAD / zoom;
  const fits = bottom - top + 2 * pad <= height / zoom;
  const y0 = fits ? Math.max((top + bottom) / 2 - height / zoom / 2, viewTop - pad) : top - pad;
  return { x: PAD - left * zoom, y: -y0 * zoom, zoom };
}
