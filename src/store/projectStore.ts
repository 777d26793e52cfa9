import type { Draft, Patch } from 'immer';
import type { Project } from '../model';
import { DocumentHistory, type ApplyOptions, type StepInfo } from './history';

/**
 * The open project: one DocumentHistory shared by every view, so undo/redo and the history
 * survive switching views. Views read with useProject(selector) (src/ui/common/useProject.ts) and write with edit().
 * Persistence (autosave, other tabs) listens through onChange().
 */
type Listener = () => void;
export type ChangeListener = (
  project: Project,
  patches: Patch[],
  source: 'edit' | 'undo' | 'redo' | 'load' | 'remote',
  /** For undo and redo: where the step undone or redone was made. */
  scope?: string,
) => void;

let history: DocumentHistory<Project> | null = null;
let version = 0;
const listeners = new Set<Listener>();
const changeListeners = new Set<ChangeListener>();

function emit(patches: Patch[], source: Parameters<ChangeListener>[2], scope?: string) {
  version++;
  for (const l of listeners) l();
  if (history) for (const l of changeListeners) l(history.current, patches, source, scope);
}

export const projectStore = {
  /** Open a project (clears the history). */
  load(project: Project): void {
    history = new DocumentHistory(project);
    emit([], 'load');
  },
  close(): void {
    history = null;
    emit([], 'load');
  },
  get current(): Project | null {
    return history?.current ?? null;
  },
  get canUndo(): boolean {
    return history?.canUndo ?? false;
  },
  get canRedo(): boolean {
    return history?.canRedo ?? false;
  },
  /** The step the next undo / redo applies: its label and where it was made. */
  get undoStep(): StepInfo | undefined {
    return history?.undoStep;
  },
  get redoStep(): StepInfo | undefined {
    return history?.redoStep;
  },
  /** Apply one command to the open project. Returns false when no project is open or nothing changed. */
  edit(label: string, recipe: (draft: Draft<Project>) => void, options?: ApplyOptions): boolean {
    if (!history) return false;
    const patches = history.apply(label, recipe, options);
    if (patches.length === 0) return false;
    emit(patches, options?.skipHistory ? 'remote' : 'edit');
    return true;
  },
  /** A drag or any multi-event gesture: one undo step from begin to end. */
  beginGesture(label: string): void {
    history?.beginGesture(label);
  },
  endGesture(): void {
    history?.endGesture();
    emit([], 'edit');
  },
  /** Close the typing/drag coalescing window (e.g. on blur). */
  seal(): void {
    history?.seal();
  },
  undo(): void {
    const scope = history?.undoStep?.scope;
    const p = history?.undo();
    if (p) emit(p, 'undo', scope);
  },
  redo(): void {
    const scope = history?.redoStep?.scope;
    const p = history?.redo();
    if (p) emit(p, 'redo', scope);
  },
  /** Replace the document with one another tab saved, keeping the local history only if asked. */
  replace(project: Project, keepHistory = false): void {
    if (!history) history = new DocumentHistory(project);
    else history.reset(project, keepHistory);
    emit([], 'remote');
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  onChange(l: ChangeListener): () => void {
    changeListeners.add(l);
    return () => changeListeners.delete(l);
  },
  get version(): number {
    return version;
  },
};
