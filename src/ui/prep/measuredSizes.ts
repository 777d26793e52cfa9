import type { Size } from '../../layout/elkAdapter';
import type { PrepFlowNode } from './flowModel';

/** The sizes React Flow measured, by box id (layout and export use them; unmeasured boxes are left out). */
export function measuredSizes(nodes: PrepFlowNode[]): Record<string, Size> {
  const sizes: Record<string, Size> = {};
  for (const n of nodes)
    if (n.measured?.width && n.measured?.height)
      sizes[n.id] = { width: n.measured.width, height: n.measured.height };
  return sizes;
}
