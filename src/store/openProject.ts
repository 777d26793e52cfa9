import type { DocIssue, Project } from '../model';
import { migrateProject } from '../model';
import { clearJournal, readJournal } from './journal';
import { ProjectSession, type SessionOptions } from './persistence';
import { loadProject } from './projects';
import { projectStore } from './projectStore';
import { saveStatus } from './saveStatus';

/**
 * Opening and closing the project the editors work on: load (migrating), start its autosave
 * session, replay a crash journal. The shell calls these on route changes.
 */
export type OpenResult =
  | { ok: true; project: Project; recovered: 'none' | 'applied' | 'stale'; staleDoc?: Project }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid'; issues: DocIssue[] };

let session: ProjectSession | null = null;

export function currentSession(): ProjectSession | null {
  return session;
}

// Opens and closes run one after another (React StrictMode mounts twice; routes change fast).
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(f: () => Promise<T>): Promise<T> {
  const run = queue.then(f, f);
  queue = run.catch(() => undefined);
  return run;
}

export function openProject(id: string, opts?: SessionOptions): Promise<OpenResult> {
  return serial(() => doOpen(id, opts));
}

/** Save what is pending and close the open project. */
export function closeProject(): Promise<void> {
  return serial(doClose);
}

async function doOpen(id: string, opts?: SessionOptions): Promise<OpenResult> {
  if (session?.projectId === id && projectStore.current?.id === id) {
    return { ok: true, project: projectStore.current, recovered: 'none' };
  }
  await doClose();
  const r = await loadProject(id);
  if (!r.ok) return r;
  let recovered: 'none' | 'applied' | 'stale' = 'none';
  let staleDoc: Project | undefined;
  const j = readJournal(id);
  projectStore.load(r.project);
  session = new ProjectSession(id, r.rev, opts).start();
  if (j) {
    const m = migrateProject(j.doc);
    if (m.ok && j.baseRev === r.rev) {
      // Nothing was stored after the journal's base: the journal is the newer document.
      projectStore.replace(m.project);
      session.markDirty();
      recovered = 'applied';
    } else if (
      m.ok &&
      j.baseRev < r.rev &&
      JSON.stringify(m.project) !== JSON.stringify(r.project)
    ) {
      recovered = 'stale';
      staleDoc = m.project;
    }
    if (recovered !== 'applied') clearJournal(id);
  }
  return { ok: true, project: projectStore.current ?? r.project, recovered, staleDoc };
}

async function doClose(): Promise<void> {
  const s = session;
  session = null;
  if (s) await s.stop();
  if (projectStore.current) projectStore.close();
  saveStatus.set({ state: 'saved' });
}
