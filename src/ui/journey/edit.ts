import type { Draft } from 'immer';
import type { Project, Stage } from '../../model';
import { projectStore } from '../../store/projectStore';

/** Edit one stage by id as one command; typing in the same cell coalesces into one undo step. */
export function editStage(
  label: string,
  stageId: string,
  recipe: (s: Draft<Stage>, p: Draft<Project>) => void,
  coalesceKey?: string,
): void {
  projectStore.edit(
    label,
    (p) => {
      const s = p.journey.stages.find((x) => x.id === stageId);
      if (s) recipe(s, p);
    },
    coalesceKey ? { coalesceKey } : undefined,
  );
}

/** Close the typing window on blur so the next burst is its own undo step. */
export const seal = () => projectStore.seal();

/** Cell texts are one line (labels, items): Enter does not insert a line break. */
export function noNewline(e: {
  key: string;
  preventDefault(): void;
  nativeEvent: { isComposing?: boolean };
}): void {
  if (e.key === 'Enter' && !e.nativeEvent.isComposing) e.preventDefault();
}
