import type { PrepEdge } from '../model';

/** Vertical distance between links that join the same two boxes, at both ends. */
export const PARALLEL_GAP = 14;

/**
 * Links between the same two boxes (either direction, any kind — typically an input/output
 * arrow and a synchronisation link) would be drawn on one path and only the top one could be
 * seen or clicked. Each gets an offset (px) for its end points, spread around 0 in document
 * order; a link alone between its boxes gets none (absent from the map).
 */
export function parallelOffsets(edges: readonly PrepEdge[]): Map<string, number> {
  const groups = new Map<string, string[]>();
  for (const e of edges) {
    const k = e.source < e.target ? `${e.source}\n${e.target}` : `${e.target}\n${e.source}`;
    const g = groups.get(k);
    if (g) g.push(e.id);
    else groups.set(k, [e.id]);
  }
  const out = new Map<string, number>();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    ids.forEach((id, i) => out.set(id, (i - (ids.length - 1) / 2) * PARALLEL_GAP));
  }
  return out;
}
