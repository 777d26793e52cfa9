import type { Draft } from 'immer';
import type { HealthModel, Measure } from '../../model';
import { projectStore } from '../../store/projectStore';

/** One health-model command; a typing burst with the same key is one undo step. */
export function editHealth(
  label: string,
  recipe: (h: Draft<HealthModel>) => void,
  coalesceKey?: string,
): void {
  projectStore.edit(label, (p) => recipe(p.health), coalesceKey ? { coalesceKey } : undefined);
}

export function editMeasure(
  label: string,
  id: string,
  recipe: (m: Draft<Measure>) => void,
  coalesceKey?: string,
): void {
  editHealth(
    label,
    (h) => {
      const m = h.measures.find((x) => x.id === id);
      if (m) recipe(m);
    },
    coalesceKey,
  );
}

export const seal = () => projectStore.seal();
