import { useSyncExternalStore } from 'react';
import type { Project } from '../../model';
import { projectStore } from '../../store/projectStore';
import type { StepInfo } from '../../store/history';

// React's view of the project store; the store itself knows nothing of React.

/** Read from the open project. The selector must return stable references (parts of the doc). */
export function useProject<T>(selector: (p: Project) => T): T {
  return useSyncExternalStore(projectStore.subscribe, () => {
    const p = projectStore.current;
    if (!p) throw new Error('useProject used with no project open');
    return selector(p);
  });
}

/** The open project or null (for the shell). */
export function useOpenProject(): Project | null {
  return useSyncExternalStore(projectStore.subscribe, () => projectStore.current);
}

/** Undo/redo availability and the steps they would apply, for toolbars. */
export function useHistoryState(): {
  canUndo: boolean;
  canRedo: boolean;
  undoStep?: StepInfo;
  redoStep?: StepInfo;
} {
  const v = useSyncExternalStore(projectStore.subscribe, () => projectStore.version);
  void v;
  return {
    canUndo: projectStore.canUndo,
    canRedo: projectStore.canRedo,
    undoStep: projectStore.undoStep,
    redoStep: projectStore.redoStep,
  };
}
