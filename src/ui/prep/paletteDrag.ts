import type { DragEvent } from 'react';
import type { PrepNodeKind } from '../../model';
import type { Stamp } from './actions';

/** What a palette button adds: one box, or a pattern stamp. */
export type PaletteItem = { node: PrepNodeKind } | { stamp: Stamp };

/** Our own type, so the canvas accepts palette drags and ignores dropped files or text. */
export const PALETTE_MIME = 'application/x-waymark-prep-palette';

/** Props that make a palette button draggable onto the canvas (it still adds on click). */
export function paletteDragProps(item: PaletteItem) {
  return {
    draggable: true,
    onDragStart: (e: DragEvent<HTMLElement>) => {
      e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
      e.dataTransfer.effectAllowed = 'copy';
    },
  };
}

export function isPaletteDrag(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(PALETTE_MIME);
}

export function readPaletteDrop(e: DragEvent): PaletteItem | null {
  try {
    const v = JSON.parse(e.dataTransfer.getData(PALETTE_MIME)) as Partial<
      Record<'node' | 'stamp', string>
    >;
    if (v.node === 'deliverable' || v.node === 'knowhow') return { node: v.node };
    if (v.stamp === 'basic' || v.stamp === 'knowhow' || v.stamp === 'sync')
      return { stamp: v.stamp };
  } catch {
    /* not ours */
  }
  return null;
}
