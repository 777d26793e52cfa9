import { useSyncExternalStore } from 'react';

/**
 * The diagram open in the diagrams view, for the shell: the undo button says when the step it
 * would undo was made in another diagram. Set by the diagrams view; null when none is open.
 */
let open: string | null = null;
const listeners = new Set<() => void>();

export function setOpenDiagram(id: string | null): void {
  if (open === id) return;
  open = id;
  for (const l of listeners) l();
}

export function useOpenDiagram(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}

/** A step's scope for an edit of a diagram (see ApplyOptions.scope). */
export const diagramScope = (id: string): string => `diagrams:${id}`;
export const diagramOfScope = (scope: string | undefined): string | null =>
  scope?.startsWith('diagrams:') ? scope.slice('diagrams:'.length) : null;
