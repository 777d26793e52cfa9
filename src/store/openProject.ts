import type { DocIssue, Project } from '../model';
import { migrateProject, PROJECT_SCHEMA_VERSION } from '../model';
import type { StoredJournal } from './journal';
import { appDeps, holdTabLock, type PersistDeps } from './persistDeps';
import { ProjectSession, type BlockedState, type SessionOptions } from './persistence';

/**
 * Opening and closing the project the editors work on: load (migrating), start its autosave
 * session, recover crash journals. The shell calls these on route changes.
 */

/** A journal that was not applied (the project changed since): kept until restored or discarded. */
export interface OfferedJournal {
  key: string;
  at: string;
  baseRev: number;
  /** The journal's document, or null when this build cannot read it (then only `raw` is offered). */
  doc: Project | null;
  raw: unknown;
  /** Its schema version when a newer Waymark wrote it. */
  newerVersion: number | null;
}

export type OpenResult =
  | { ok: true; project: Project; recovered: 'none' | 'applied'; offered: OfferedJournal[] }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid'; issues: DocIssue[] }
  /** The open project has edits that cannot be stored, so it was not closed. */
  | { ok: false; reason: 'blocked'; state: BlockedState };

/**
 * How to close: 'save' stores what is pending and refuses when edits cannot be stored;
 * 'keep-journal' closes anyway, leaving them in this tab's journal (the user exported them);
 * 'discard' drops them (the user said so).
 */
export type CloseHow = 'save' | 'keep-journal' | 'discard';
export type CloseResult = { closed: true } | { closed: false; state: BlockedState };

export interface RecoveryPlan {
  apply: { journal: StoredJournal; doc: Project } | null;
  offer: OfferedJournal[];
  /** Journals identical to what is stored: nothing to recover. */
  drop: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Decide what to do with a project's journals (newest first): the newest one based on the
 * stored revision is replayed (nothing was stored after it); the others are offered, unless
 * they hold exactly what is stored. Journals of live tabs are theirs and left alone.
 */
export function planRecovery(
  journals: readonly StoredJournal[],
  stored: { rev: number; doc: Project },
  live: ReadonlySet<string>,
): RecoveryPlan {
  const plan: RecoveryPlan = { apply: null, offer: [], drop: [] };
  for (const j of journals) {
    if (live.has(j.tabId)) continue;
    const m = migrateProject(j.doc);
    if (m.ok && same(m.project, stored.doc)) {
      plan.drop.push(j.key);
    } else if (m.ok && !plan.apply && j.baseRev === stored.rev) {
      plan.apply = { journal: j, doc: m.project };
    } else {
      const v = (j.doc as { schemaVersion?: unknown } | null)?.schemaVersion;
      plan.offer.push({
        key: j.key,
        at: j.at,
        baseRev: j.baseRev,
        doc: m.ok ? m.project : null,
        raw: j.doc,
        newerVersion: typeof v === 'number' && v > PROJECT_SCHEMA_VERSION ? v : null,
      });
    }
  }
  return plan;
}

/** Opens one project at a time for a page (the app has one; tests make one per simulated tab). */
export class ProjectOpener {
  private session: ProjectSession | null = null;
  // Opens and closes run one after another (React StrictMode mounts twice; routes change fast).
  private queue: Promise<unknown> = Promise.resolve();
  private readonly d: PersistDeps;

  constructor(deps: Partial<PersistDeps> = {}) {
    this.d = appDeps(deps);
  }

  get current(): ProjectSession | null {
    return this.session;
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f);
    this.queue = run.catch(() => undefined);
    return run;
  }

  open(id: string, opts?: SessionOptions): Promise<OpenResult> {
    return this.serial(() => this.doOpen(id, opts));
  }

  close(how: CloseHow = 'save'): Promise<CloseResult> {
    return this.serial(() => this.doClose(how));
  }

  private async doOpen(id: string, opts?: SessionOptions): Promise<OpenResult> {
    const cur = this.d.doc.current;
    if (this.session?.projectId === id && cur?.id === id) {
      return { ok: true, project: cur, recovered: 'none', offered: [] };
    }
    const c = await this.doClose('save');
    if (!c.closed) return { ok: false, reason: 'blocked', state: c.state };
    const row = await this.d.db().projects.get(id);
    if (!row) return { ok: false, reason: 'missing' };
    const r = migrateProject(row.doc);
    if (!r.ok) return { ok: false, reason: 'invalid', issues: r.issues };
    const live = new Set(await this.d.liveTabs());
    live.delete(this.d.tabId);
    const plan = planRecovery(this.d.journal.list(id), { rev: row.rev, doc: r.project }, live);
    for (const k of plan.drop) this.d.journal.remove(k);
    this.d.doc.load(r.project);
    const s = new ProjectSession(id, row.rev, opts, this.d).start();
    this.session = s;
    if (plan.apply) {
      // Nothing was stored after the journal's base: the journal is the newer document.
      this.d.doc.replace(plan.apply.doc);
      s.adopt(plan.apply.journal.key);
    }
    return {
      ok: true,
      project: this.d.doc.current ?? r.project,
      recovered: plan.apply ? 'applied' : 'none',
      offered: plan.offer,
    };
  }

  private async doClose(how: CloseHow): Promise<CloseResult> {
    const s = this.session;
    if (s) {
      if (how === 'discard') s.discard();
      await s.flush();
      const blocked = s.blocked;
      if (blocked && how === 'save') {
        s.journalNow();
        return { closed: false, state: blocked };
      }
      s.journalNow();
      s.detach();
    }
    this.session = null;
    this.d.doc.close();
    this.d.status.set({ state: 'saved' });
    return { closed: true };
  }

  /** Put an offered journal's document in the editor (one undoable step); its journal goes once stored. */
  restoreJournal(key: string): boolean {
    const s = this.session;
    const j = this.d.journal.read(key);
    if (!s || !j || j.projectId !== s.projectId) return false;
    const m = migrateProject(j.doc);
    if (!m.ok) return false;
    const doc = m.project;
    this.d.doc.edit('restore', (draft) => {
      const target = draft as unknown as Record<string, unknown>;
      for (const k of Object.keys(target)) delete target[k];
      Object.assign(target, structuredClone(doc));
    });
    s.adopt(key);
    return true;
  }

  /** The user let an offered journal go. */
  discardJournal(key: string): void {
    this.d.journal.remove(key);
  }
}

let app: ProjectOpener | null = null;
function opener(): ProjectOpener {
  if (!app) {
    app = new ProjectOpener();
    holdTabLock(appDeps().tabId);
  }
  return app;
}

export function currentSession(): ProjectSession | null {
  return app?.current ?? null;
}

export function openProject(id: string, opts?: SessionOptions): Promise<OpenResult> {
  return opener().open(id, opts);
}

/** Save what is pending and close the open project (see CloseHow). */
export function closeProject(how: CloseHow = 'save'): Promise<CloseResult> {
  return opener().close(how);
}

export function restoreJournal(key: string): boolean {
  return opener().restoreJournal(key);
}

export function discardJournal(key: string): void {
  opener().discardJournal(key);
}
