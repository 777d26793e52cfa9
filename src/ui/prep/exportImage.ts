import { toPng, toSvg } from 'html-to-image';
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';

const PADDING = 40;

/**
 * Render the whole diagram (not just the visible part) to PNG or SVG: the viewport element is
 * drawn with a transform that fits every node, as React Flow's own export example does with
 * html-to-image 1.11.11 (later versions mis-export). Text goes through XMLSerializer, so
 * labels with < & > " come out escaped.
 */
export async function renderDiagramImage(
  root: HTMLElement,
  nodes: Node[],
  format: 'png' | 'svg',
): Promise<string> {
  const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('diagram viewport not found');
  const b = getNodesBounds(nodes);
  const width = Math.max(200, Math.ceil(b.width + 2 * PADDING));
  const height = Math.max(120, Math.ceil(b.height + 2 * PADDING));
  const vp = getViewportForBounds(b, width, height, 1, 1, PADDING / Math.max(width, height));
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    pixelRatio: format === 'png' ? 2 : 1,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
    },
    // Handles and selection outlines are editing aids, not part of the drawing.
    filter: (el: HTMLElement) =>
      !(
        el.classList?.contains('react-flow__handle') || el.classList?.contains('prep-marker-ignore')
      ),
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
/** Resolves once what React committed before the call has been painted (two frames). */
export const paintedFrame = async (): Promise<void> => {
  await frame();
  await frame();
};
/**
 * Resolves once `root` shows this many boxes (false after 20 s), then waits for their links to be
 * drawn (React Flow draws a link once both boxes' handles are measured) for up to a second more.
 */
export async function untilDrawn(
  root: HTMLElement,
  boxes: number,
  links: number,
): Promise<boolean> {
  const end = performance.now() + 20_000;
  while (root.querySelectorAll('.react-flow__node').length < boxes) {
    if (performance.now() > end) return false;
    await frame();
  }
  for (let i = 0; i < 60 && root.querySelectorAll('.react-flow__edge').length < links; i++)
    await frame();
  await frame();
  return true;
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body] = dataUrl.split(',', 2);
  const mime = /data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  if (head.includes(';base64')) {
    const bin = atob(body);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: mime });
  }
  return new Blob([decodeURIComponent(body)], { type: mime });
}
