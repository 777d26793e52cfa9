import { migrateProject, type Project } from '../model';
import { db } from './db';
import { clearJournal, writeJournal } from './journal';
import { projectStore } from './projectStore';
import { saveStatus } from './saveStatus';
import { TAB_ID } from './session';
import { classifyStorageError } from './storageErrors';
import { broadcast, onTabMessage, type TabMessage } from './tabSync';

export interface SessionOptions {
  /** Autosave throttle: the first edit schedules a save this long after it. */
  delayMs?: number;
  /** First retry after a failed save; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Keeps the open project stored: throttled autosave, flush when the tab hides, revision checks
 * so two tabs never overwrite each other silently, pull of other tabs' saves when we have no
 * unsaved edits, and a conflict (the user chooses) when we do.
 */
export class ProjectSession {
  private baseRev: number;
  /** The document known to be in IndexedDB (or being written). */
  private storedDoc: Project | null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private retryDelay: number;
  private offs: (() => void)[] = [];
  private stopped = false;

  constructor(
    readonly projectId: string,
    rev: number,
    private readonly opts: SessionOptions = {},
  ) {
    this.baseRev = rev;
    this.storedDoc = projectStore.current;
    this.retryDelay = opts.retryMs ?? 1000;
  }

  get rev(): number {
    return this.baseRev;
  }
  get hasUnsaved(): boolean {
    return this.dirty || this.saving !== null;
  }

  start(): this {
    saveStatus.set({ state: 'saved' });
    this.offs.push(projectStore.onChange(() => this.onLocalChange()));
    this.offs.push(onTabMessage((m) => void this.onTabMessage(m)));
    if (typeof window !== 'undefined') {
      const hide = () => this.onHide();
      const vis = () => document.visibilityState === 'hidden' && this.onHide();
      window.addEventListener('pagehide', hide);
      document.addEventListener('visibilitychange', vis);
      this.offs.push(() => window.removeEventListener('pagehide', hide));
      this.offs.push(() => document.removeEventListener('visibilitychange', vis));
    }
    return this;
  }

  /** Save what is pending and stop listening. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    for (const off of this.offs) off();
    this.offs = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Mark the open document as needing a save (e.g. a recovered journal). */
  markDirty(): void {
    this.dirty = true;
    this.schedule(this.opts.delayMs ?? 300);
  }

  private onLocalChange(): void {
    const cur = projectStore.current;
    if (!cur || cur.id !== this.projectId || cur === this.storedDoc) return;
    if (this.stopped) return;
    this.dirty = true;
    const st = saveStatus.current.state;
    if (st === 'saved') saveStatus.set({ state: 'saving' });
    if (st !== 'conflict' && st !== 'deleted') this.schedule(this.opts.delayMs ?? 300);
  }

  private schedule(ms: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** The tab is going away or hidden: journal synchronously, then try to store. */
  private onHide(): void {
    this.journalNow();
    void this.flush();
  }

  /** Write unsaved edits to the crash journal now (synchronous). */
  journalNow(): void {
    const cur = projectStore.current;
    if (cur && cur.id === this.projectId && this.hasUnsaved) {
      writeJournal(this.projectId, {
        baseRev: this.baseRev,
        at: new Date().toISOString(),
        doc: cur,
      });
    }
  }

  /** Write pending edits now. `force` overwrites a newer stored revision (the user chose "keep mine"). */
  async flush(force = false): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.saving) await this.saving;
    if (!this.dirty) return;
    const st = saveStatus.current.state;
    if ((st === 'conflict' || st === 'deleted') && !force) return;
    const doc = projectStore.current;
    if (!doc || doc.id !== this.projectId) return;
    this.dirty = false;
    saveStatus.set({ state: 'saving' });
    this.saving = this.write(doc, force).finally(() => {
      this.saving = null;
    });
    await this.saving;
  }

  private async write(doc: Project, force: boolean): Promise<void> {
    const d = db();
    try {
      const res = await d.transaction('rw', d.projects, async () => {
        const row = await d.projects.get(this.projectId);
        if (!force) {
          if (!row && this.baseRev > 0) return { kind: 'deleted' as const };
          if (row && row.rev !== this.baseRev) return { kind: 'conflict' as const, row };
        }
        const rev = (row?.rev ?? 0) + 1;
        await d.projects.put({
          id: doc.id,
          name: doc.meta.name,
          updatedAt: new Date().toISOString(),
          rev,
          writer: TAB_ID,
          doc,
        });
        return { kind: 'saved' as const, rev };
      });
      if (res.kind === 'deleted') {
        this.dirty = true;
        saveStatus.set({ state: 'deleted' });
        return;
      }
      if (res.kind === 'conflict') {
        this.dirty = true;
        const theirs = migrateProject(res.row.doc);
        if (theirs.ok)
          saveStatus.set({ state: 'conflict', theirs: theirs.project, theirRev: res.row.rev });
        else {
          // Their copy is unreadable: ours is the only good one, so keep it.
          this.baseRev = res.row.rev;
          this.dirty = true;
          this.schedule(0);
        }
        return;
      }
      this.baseRev = res.rev;
      this.storedDoc = doc;
      this.retryDelay = this.opts.retryMs ?? 1000;
      clearJournal(this.projectId);
      broadcast({ type: 'saved', projectId: this.projectId, rev: res.rev, writer: TAB_ID });
      if (this.dirty) this.schedule(this.opts.delayMs ?? 300);
      else saveStatus.set({ state: 'saved' });
    } catch (e) {
      this.dirty = true;
      const problem = classifyStorageError(e);
      saveStatus.set({ state: 'error', problem });
      if (problem.kind === 'version') {
        // Old code cannot write the upgraded database: keep the edits for after the reload.
        this.journalNow();
        return;
      }
      if (problem.kind === 'connection') {
        // Safari drops the connection after idling; a fresh open usually works.
        try {
          d.close();
          await d.open();
        } catch {
          /* the retry below reports again */
        }
      }
      this.schedule(this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryMs ?? 30_000);
    }
  }

  /** Retry a failed save right away (the "retry" button). */
  retry(): Promise<void> {
    this.retryDelay = this.opts.retryMs ?? 1000;
    return this.flush();
  }

  private async onTabMessage(m: TabMessage): Promise<void> {
    if (this.stopped) return;
    if (m.type === 'deleted' && m.projectId === this.projectId) {
      this.dirty = true;
      saveStatus.set({ state: 'deleted' });
      return;
    }
    if (
      m.type !== 'saved' ||
      m.projectId !== this.projectId ||
      m.writer === TAB_ID ||
      m.rev <= this.baseRev
    )
      return;
    // We have edits of our own: the save's revision check turns this into a conflict.
    if (this.hasUnsaved) return this.flush();
    await this.pull();
  }

  /** Take the stored revision into the editor (another tab saved; we had nothing unsaved). */
  private async pull(): Promise<void> {
    const row = await db().projects.get(this.projectId);
    if (!row || row.rev <= this.baseRev) return;
    const r = migrateProject(row.doc);
    if (!r.ok) return;
    if (this.hasUnsaved) {
      saveStatus.set({ state: 'conflict', theirs: r.project, theirRev: row.rev });
      return;
    }
    this.baseRev = row.rev;
    this.storedDoc = r.project;
    projectStore.replace(r.project);
  }

  /** Conflict answer: our document wins and is written over theirs. */
  async keepMine(): Promise<void> {
    this.dirty = true;
    saveStatus.set({ state: 'saving' });
    await this.flush(true);
  }

  /** The user chose to drop unsaved edits (the project was deleted elsewhere): stop saving. */
  discard(): void {
    this.dirty = false;
    clearJournal(this.projectId);
    saveStatus.set({ state: 'saved' });
  }

  /** Conflict answer: their stored document replaces ours (ours is dropped). */
  takeTheirs(): void {
    const s = saveStatus.current;
    if (s.state !== 'conflict') return;
    this.dirty = false;
    this.baseRev = s.theirRev;
    this.storedDoc = s.theirs;
    clearJournal(this.projectId);
    projectStore.replace(s.theirs);
    saveStatus.set({ state: 'saved' });
  }
}
