import { migrateProject, PROJECT_SCHEMA_VERSION, type Project } from '../model';
import { appDeps, type PersistDeps } from './persistDeps';
import type { ProjectRow } from './db';
import type { SaveState } from './saveStatus';
import { classifyStorageError } from './storageErrors';
import type { TabMessage } from './tabSync';

export interface SessionOptions {
  /** Autosave throttle: the first edit schedules a save this long after it. */
  delayMs?: number;
  /** First retry after a failed save; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** States in which unsaved edits cannot reach IndexedDB without the user's choice or a retry. */
export type BlockedState = Exclude<SaveState, { state: 'saved' } | { state: 'saving' }>;

/** What a stored row holds when this build cannot read it: the schema version, if newer. */
function newerVersionOf(raw: unknown): number | null {
  const v = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof v === 'number' && v > PROJECT_SCHEMA_VERSION ? v : null;
}

/** A write stored revision `rev`, or found `other` (another writer's row; undefined: deleted). */
type WriteResult = { rev: number } | { other: ProjectRow | undefined };

/**
 * Keeps the open project stored: throttled autosave, flush when the tab hides, revision checks
 * so two tabs never overwrite each other silently, pull of other tabs' saves when we have no
 * unsaved edits, and a conflict (the user chooses) when we do. Whenever edits cannot be
 * stored (an error, a conflict, a deletion, a stored document this build cannot read) they stay
 * in memory and in this tab's crash journal, and `blocked` says so, so the project is not closed
 * over them.
 */
export class ProjectSession {
  private baseRev: number;
  /** The document known to be in IndexedDB (or being written). */
  private storedDoc: Project | null;
  private dirty = false;
  private timer: unknown = null;
  private saving: Promise<void> | null = null;
  private retryDelay: number;
  private offs: (() => void)[] = [];
  private stopped = false;
  /** Journals of other (closed) tabs whose edits this session took over; removed once saved. */
  private adopted = new Set<string>();
  private readonly d: PersistDeps;

  constructor(
    readonly projectId: string,
    rev: number,
    private readonly opts: SessionOptions = {},
    deps: Partial<PersistDeps> = {},
  ) {
    this.d = appDeps(deps);
    this.baseRev = rev;
    this.storedDoc = this.d.doc.current;
    this.retryDelay = this.firstRetry;
  }

  private get firstRetry(): number {
    return this.opts.retryMs ?? 1000;
  }
  private get delay(): number {
    return this.opts.delayMs ?? 300;
  }

  get rev(): number {
    return this.baseRev;
  }
  get hasUnsaved(): boolean {
    return this.dirty || this.saving !== null;
  }
  /** This tab's journal key for the project. */
  get journalKey(): string {
    return this.d.journal.keyOf(this.projectId, this.d.tabId);
  }

  /** Why closing now would lose edits (the state to show), or null when nothing would be lost. */
  get blocked(): BlockedState | null {
    const s = this.d.status.current;
    if (!this.hasUnsaved || s.state === 'saved' || s.state === 'saving') return null;
    return s;
  }

  start(): this {
    this.d.status.set({ state: 'saved' });
    this.d.status.setJournalProblem(null);
    this.offs.push(this.d.doc.onChange((p) => this.onLocalChange(p)));
    this.offs.push(this.d.channel.subscribe((m) => void this.onTabMessage(m)));
    this.offs.push(this.d.page.onHide(() => this.onHide()));
    this.offs.push(this.d.page.onBeforeUnload(() => this.blocked !== null));
    return this;
  }

  /** Save what is pending and stop listening. */
  async stop(): Promise<void> {
    await this.flush();
    this.detach();
  }

  /** Stop listening and cancel timers, storing nothing more (the caller flushed or gave up). */
  detach(): void {
    this.stopped = true;
    for (const off of this.offs) off();
    this.offs = [];
    this.cancelTimer();
  }

  /** Edits from a journal of another tab are in the editor now: store them, then drop that journal. */
  adopt(journalKey: string): void {
    this.adopted.add(journalKey);
    this.markDirty();
  }

  /** Mark the open document as needing a save (e.g. a recovered journal). */
  markDirty(): void {
    this.dirty = true;
    this.schedule(this.delay);
  }

  private onLocalChange(cur: Project): void {
    if (cur.id !== this.projectId || cur === this.storedDoc) return;
    this.dirty = true;
    if (this.d.status.current.state === 'saved') this.d.status.set({ state: 'saving' });
    // While blocked this only refreshes the journal (see flush).
    this.schedule(this.delay);
  }

  private schedule(ms: number): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = this.d.clock.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    this.d.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The tab is going away or hidden: journal synchronously, then try to store. */
  private onHide(): void {
    this.journalNow();
    void this.flush();
  }

  /**
   * Write unsaved edits to this tab's crash journal now (synchronous). A refusal (localStorage
   * full or blocked) is reported through the save status, never swallowed.
   */
  journalNow(): void {
    const cur = this.d.doc.current;
    if (!cur || cur.id !== this.projectId || !this.hasUnsaved) return;
    const w = this.d.journal.write(this.projectId, this.d.tabId, {
      baseRev: this.baseRev,
      at: new Date(this.d.clock.now()).toISOString(),
      doc: cur,
    });
    this.d.status.setJournalProblem(w.ok ? null : w.detail);
  }

  private clearJournals(): void {
    this.d.journal.remove(this.journalKey);
    for (const k of this.adopted) this.d.journal.remove(k);
    this.adopted.clear();
    this.d.status.setJournalProblem(null);
  }

  /** Resolves when no save is running. */
  async idle(): Promise<void> {
    while (this.saving) await this.saving;
  }

  /**
   * Write pending edits now. `force` overwrites a newer stored revision (the user chose "keep
   * mine") but never a document this build cannot read.
   */
  async flush(force = false): Promise<void> {
    this.cancelTimer();
    await this.idle();
    if (!this.dirty) return;
    const doc = this.d.doc.current;
    if (!doc || doc.id !== this.projectId) return;
    const st = this.d.status.current.state;
    if (!force && (st === 'conflict' || st === 'deleted' || st === 'unreadable')) {
      // Waiting for the user: the edits are kept in memory and in the journal.
      this.journalNow();
      return;
    }
    this.dirty = false;
    this.d.status.set({ state: 'saving' });
    this.saving = this.write(doc, force).finally(() => {
      this.saving = null;
    });
    await this.saving;
  }

  private async write(doc: Project, force: boolean): Promise<void> {
    const d = this.d.db();
    try {
      const res = await d.transaction('rw', d.projects, async (): Promise<WriteResult> => {
        const row = await d.projects.get(this.projectId);
        // Another writer stored a revision we have not seen (or deleted the row): the user
        // decides, and a document this build cannot read is never replaced, even when forced.
        if (row && row.rev !== this.baseRev && (!force || !migrateProject(row.doc).ok))
          return { other: row };
        if (!row && !force) return { other: undefined };
        const rev = (row?.rev ?? 0) + 1;
        await d.projects.put({
          id: doc.id,
          name: doc.meta.name,
          updatedAt: new Date(this.d.clock.now()).toISOString(),
          rev,
          writer: this.d.tabId,
          doc,
        });
        return { rev };
      });
      if ('other' in res) {
        this.dirty = true;
        this.d.status.set(this.stateOf(res.other));
        this.journalNow();
        return;
      }
      this.baseRev = res.rev;
      this.storedDoc = doc;
      this.retryDelay = this.firstRetry;
      this.d.channel.post({
        type: 'saved',
        projectId: this.projectId,
        rev: res.rev,
        writer: this.d.tabId,
      });
      if (this.dirty) {
        this.schedule(this.delay);
        return;
      }
      this.clearJournals();
      this.d.status.set({ state: 'saved' });
    } catch (e) {
      this.dirty = true;
      const problem = classifyStorageError(e);
      this.d.status.set({ state: 'error', problem });
      // The edits stay in memory; the journal keeps them if the tab goes away before a retry works.
      this.journalNow();
      // Old code cannot write the upgraded database: no retry, the user reloads.
      if (problem.kind === 'version') return;
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

  /** What to tell the user about another writer's row (undefined: it was deleted). */
  private stateOf(row: ProjectRow | undefined): BlockedState {
    if (!row) return { state: 'deleted' };
    const theirs = migrateProject(row.doc);
    if (!theirs.ok) return this.unreadable(row);
    return { state: 'conflict', theirs: theirs.project, theirRev: row.rev };
  }

  private unreadable(row: ProjectRow): BlockedState {
    return {
      state: 'unreadable',
      theirRev: row.rev,
      theirRaw: row.doc,
      newerVersion: newerVersionOf(row.doc),
    };
  }

  /** Retry a failed save right away (the "retry" button). */
  retry(): Promise<void> {
    this.retryDelay = this.firstRetry;
    return this.flush();
  }

  private async onTabMessage(m: TabMessage): Promise<void> {
    if (m.type === 'deleted' && m.projectId === this.projectId) {
      this.dirty = true;
      this.d.status.set({ state: 'deleted' });
      this.journalNow();
      return;
    }
    if (
      m.type !== 'saved' ||
      m.projectId !== this.projectId ||
      m.writer === this.d.tabId ||
      m.rev <= this.baseRev
    )
      return;
    await this.pull();
  }

  /**
   * Another tab saved: take its revision into the editor when we have nothing unsaved, else
   * a conflict (the user chooses).
   */
  private async pull(): Promise<void> {
    await this.idle(); // our own write first, so its revision is not taken for theirs
    const row = await this.d.db().projects.get(this.projectId);
    if (this.stopped || !row || row.rev <= this.baseRev) return;
    const r = migrateProject(row.doc);
    if (!r.ok || this.hasUnsaved) {
      // Shown now rather than at our next save (which would find the same).
      this.d.status.set(this.stateOf(row));
      this.journalNow();
      return;
    }
    this.baseRev = row.rev;
    this.storedDoc = r.project;
    this.d.doc.replace(r.project);
  }

  /** Conflict answer: our document wins and is written over theirs. */
  async keepMine(): Promise<void> {
    this.dirty = true;
    await this.flush(true); // refused inside the write when theirs is unreadable
  }

  /** The user chose to drop the unsaved edits: stop saving them and forget their journals. */
  discard(): void {
    this.cancelTimer();
    this.dirty = false;
    this.clearJournals();
    this.d.status.set({ state: 'saved' });
  }

  /** Conflict answer: their stored document replaces ours (ours is dropped). */
  takeTheirs(): void {
    const s = this.d.status.current;
    if (s.state !== 'conflict') return;
    this.cancelTimer();
    this.dirty = false;
    this.baseRev = s.theirRev;
    this.storedDoc = s.theirs;
    this.clearJournals();
    this.d.doc.replace(s.theirs);
    this.d.status.set({ state: 'saved' });
  }
}
