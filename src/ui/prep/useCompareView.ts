import { createContext, useMemo } from 'react';
import type { Diagram } from '../../model';
import { compareDiagrams, type ComparedField, type DiagramDiff } from '../../analysis/compare';
import { pickComparison, type PickReason } from '../../analysis/comparePick';
import type { PresetName } from '../../analysis/presets';
import type { PrepUi } from './prepUi';

export type DiffMark = { mark: 'added' } | { mark: 'changed'; fields: ComparedField[] };

/** On the canvas: how each box and link of the to-be differs from the as-is (none: no comparison shown). */
export interface CanvasMarks {
  nodes: Map<string, DiffMark>;
  addedEdges: Set<string>;
}
export const DiffMarks = createContext<CanvasMarks | null>(null);

export interface CompareView {
  from: Diagram;
  to: Diagram;
  reason: PickReason | 'picked';
  diff: DiagramDiff;
  /** Set when the canvas shows the to-be and Compare marks the difference on it. */
  canvas: CanvasMarks | null;
}

/**
 * The comparison Compare shows: the pair picked, or the default pick (comparePick.ts), its
 * difference and — while the Compare panel is open on the to-be's canvas — the marks for it.
 */
export function useCompareView(
  diagrams: Diagram[],
  diagram: Diagram,
  preset: PresetName,
  ui: PrepUi,
): CompareView | null {
  const open = ui.panel === 'compare';
  const def = useMemo(() => pickComparison(diagrams, diagram.id), [diagrams, diagram.id]);
  const byId = (id: string) => diagrams.find((d) => d.id === id);
  const picked = ui.compare && byId(ui.compare.fromId) && byId(ui.compare.toId) ? ui.compare : null;
  const from = byId(picked?.fromId ?? def.fromId) ?? diagram;
  const to = byId(picked?.toId ?? def.toId) ?? diagram;
  const diff = useMemo(
    () => (open ? compareDiagrams(from, to, { preset }) : null),
    [open, from, to, preset],
  );
  const onCanvas = open && ui.showDiff && to.id === diagram.id && from.id !== to.id;
  const canvas = useMemo(() => {
    if (!diff || !onCanvas) return null;
    const nodes = new Map<string, DiffMark>();
    for (const n of diff.added) nodes.set(n.id, { mark: 'added' });
    for (const c of diff.changed) nodes.set(c.after.id, { mark: 'changed', fields: c.fields });
    return { nodes, addedEdges: new Set(diff.edgesAdded.map((e) => e.id)) };
  }, [diff, onCanvas]);
  if (!diff) return null;
  return { from, to, reason: picked ? 'picked' : def.reason, diff, canvas };
}
