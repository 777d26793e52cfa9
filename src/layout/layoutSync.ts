import type { Diagram } from '../model';
import { fromElk, toElk, type LayoutResult, type Size } from './elkAdapter';
import { runElk } from './runElk';

/** Lay out on this thread (Node: CLI, templates, benchmarks, tests). The browser uses layoutInWorker. */
export async function layoutDiagram(
  d: Diagram,
  sizes: Record<string, Size> = {},
): Promise<LayoutResult> {
  return fromElk(await runElk(toElk(d, sizes)));
}
