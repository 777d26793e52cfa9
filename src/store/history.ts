import { enablePatches, produceWithPatches, applyPatches, type Patch, type Draft } from 'immer';

enablePatches();

/** One undo step: the patches that redo it and the ones that revert it. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  /** Edits with the same key close together in time merge into this step (typing, dragging). */
  coalesceKey?: string;
  at: number;
  /** Where the edit was made (e.g. `diagrams:<id>`), so undo can say where it goes or go there. */
  scope?: string;
}

/** What the next undo or redo would do: its label and where it was made. */
export interface StepInfo {
  label: string;
  scope?: string;
}

export interface ApplyOptions {
  /** Merge into the previous step when it has the same key and is younger than `coalesceMs`. */
  coalesceKey?: string;
  /** Do not record an undo step (remote edits from another tab, derived data). */
  skipHistory?: boolean;
  /** Where the edit is made (a view and the thing in it): stored with the step. */
  scope?: string;
}

/**
 * Document history: every edit is a command applied with immer's produceWithPatches; undo and
 * redo walk the patch stacks. Pure (no React, no DOM), so it is tested directly.
 */
export class DocumentHistory<T> {
  private past: HistoryEntry[] = [];
  private future: HistoryEntry[] = [];
  /** Open gesture (drag): all edits until endGesture() become one step. */
  private gesture: HistoryEntry | null = null;

  constructor(
    private doc: T,
    private readonly opts: { limit?: number; coalesceMs?: number; now?: () => number } = {},
  ) {}

  get current(): T {
    return this.doc;
  }
  get canUndo(): boolean {
    return this.past.length > 0 || this.gesture !== null;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  get undoLabel(): string | undefined {
    return this.past[this.past.length - 1]?.label;
  }
  get redoLabel(): string | undefined {
    return this.future[this.future.length - 1]?.label;
  }
  get undoStep(): StepInfo | undefined {
    const e = this.gesture?.patches.length ? this.gesture : this.past[this.past.length - 1];
    return e && { label: e.label, scope: e.scope };
  }
  get redoStep(): StepInfo | undefined {
    const e = this.future[this.future.length - 1];
    return e && { label: e.label, scope: e.scope };
  }

  /** Apply a command; returns the patches it made (empty when nothing changed). */
  apply(label: string, recipe: (draft: Draft<T>) => void, options: ApplyOptions = {}): Patch[] {
    const [next, patches, inverse] = produceWithPatches(this.doc, recipe);
    if (patches.length === 0) return patches;
    this.doc = next as T;
    if (options.skipHistory) return patches;
    const now = (this.opts.now ?? Date.now)();
    this.future = [];
    if (this.gesture) {
      this.gesture.patches.push(...patches);
      this.gesture.inverse.unshift(...inverse);
      return patches;
    }
    const last = this.past[this.past.length - 1];
    const windowMs = this.opts.coalesceMs ?? 1000;
    if (
      options.coalesceKey &&
      last &&
      last.coalesceKey === options.coalesceKey &&
      now - last.at < windowMs
    ) {
      last.patches.push(...patches);
      last.inverse.unshift(...inverse);
      last.at = now;
      return patches;
    }
    this.past.push({
      label,
      patches,
      inverse,
      coalesceKey: options.coalesceKey,
      at: now,
      scope: options.scope,
    });
    const limit = this.opts.limit ?? 500;
    if (this.past.length > limit) this.past.splice(0, this.past.length - limit);
    return patches;
  }

  /** Start a gesture: every edit until endGesture() is one undo step (a drag). */
  beginGesture(label: string): void {
    this.endGesture();
    this.gesture = { label, patches: [], inverse: [], at: (this.opts.now ?? Date.now)() };
  }

  endGesture(): void {
    const g = this.gesture;
    this.gesture = null;
    if (g && g.patches.length > 0) {
      this.past.push(g);
      this.future = [];
    }
  }

  /** Close the current coalescing window, so the next edit starts a new step. */
  seal(): void {
    const last = this.past[this.past.length - 1];
    if (last) last.coalesceKey = undefined;
  }

  undo(): Patch[] | null {
    this.endGesture();
    const e = this.past.pop();
    if (!e) return null;
    this.doc = applyPatches(this.doc as object, e.inverse) as T;
    this.future.push(e);
    return e.inverse;
  }

  redo(): Patch[] | null {
    const e = this.future.pop();
    if (!e) return null;
    this.doc = applyPatches(this.doc as object, e.patches) as T;
    this.past.push(e);
    return e.patches;
  }

  /** Replace the document without history (load, or an edit another tab made that conflicts). */
  reset(doc: T, keepHistory = false): void {
    this.doc = doc;
    this.gesture = null;
    if (!keepHistory) {
      this.past = [];
      this.future = [];
    }
  }
}
