import type { Draft, Patch } from 'immer';
import type { Project } from '../../model';
import { DocumentHistory } from '../history';
import type { KeyValueStorage } from '../journal';
import type { Clock, EditorDoc, PageEvents } from '../persistDeps';
import type { TabChannel, TabMessage } from '../tabSync';

/**
 * In-memory stand-ins for what persistence touches outside itself, so tests run tabs, time and
 * storage by hand (no real timers, no BroadcastChannel, no localStorage).
 */

/** Time moves only when the test says so. */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, { at: number; f: () => void }>();
  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  setTimeout(f: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, f });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers.delete(h as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Move time forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; f: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].f();
    }
    this.t = end;
  }
}

/** A BroadcastChannel between simulated tabs: delivers to the others, asynchronously. */
export class ChannelHub {
  private ends = new Set<Set<(m: TabMessage) => void>>();
  readonly sent: TabMessage[] = [];
  endpoint(): TabChannel {
    const mine = new Set<(m: TabMessage) => void>();
    this.ends.add(mine);
    return {
      post: (m) => {
        this.sent.push(m);
        // Delivered later, to whoever listens then (as BroadcastChannel does).
        for (const end of this.ends)
          if (end !== mine)
            queueMicrotask(() => {
              for (const l of end) l(structuredClone(m));
            });
      },
      subscribe: (l) => {
        mine.add(l);
        return () => mine.delete(l);
      },
    };
  }
}

/** localStorage in memory; `full` makes every write throw as a full browser storage does. */
export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  full = false;
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.full)
      throw Object.assign(new Error("Failed to execute 'setItem' on 'Storage'"), {
        name: 'QuotaExceededError',
      });
    this.map.set(k, String(v));
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

/** The editor's document for one simulated tab (projectStore's part persistence uses). */
export class DocStore implements EditorDoc {
  private history: DocumentHistory<Project> | null = null;
  private listeners = new Set<(p: Project, patches: Patch[], source: string) => void>();
  get current(): Project | null {
    return this.history?.current ?? null;
  }
  private emit(patches: Patch[], source: string) {
    if (this.history) for (const l of this.listeners) l(this.history.current, patches, source);
  }
  load(p: Project): void {
    this.history = new DocumentHistory(p);
    this.emit([], 'load');
  }
  close(): void {
    this.history = null;
  }
  replace(p: Project): void {
    if (!this.history) this.history = new DocumentHistory(p);
    else this.history.reset(p);
    this.emit([], 'remote');
  }
  edit(label: string, recipe: (d: Draft<Project>) => void): boolean {
    if (!this.history) return false;
    const patches = this.history.apply(label, recipe);
    if (patches.length) this.emit(patches, 'edit');
    return patches.length > 0;
  }
  get undoLabel(): string | undefined {
    return this.history?.undoLabel;
  }
  undo(): void {
    const p = this.history?.undo();
    if (p) this.emit(p, 'undo');
  }
  onChange(l: (p: Project, patches: Patch[], source: string) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** Page lifecycle under the test's control: hide() is pagehide, leaving() asks beforeunload. */
export class FakePage implements PageEvents {
  private hides = new Set<() => void>();
  private guards = new Set<() => boolean>();
  onHide(f: () => void): () => void {
    this.hides.add(f);
    return () => this.hides.delete(f);
  }
  onBeforeUnload(block: () => boolean): () => void {
    this.guards.add(block);
    return () => this.guards.delete(block);
  }
  hide(): void {
    for (const f of this.hides) f();
  }
  /** True when the page would ask the user before closing. */
  leaving(): boolean {
    return [...this.guards].some((g) => g());
  }
  get listening(): number {
    return this.hides.size + this.guards.size;
  }
}
