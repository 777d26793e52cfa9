import type { Project } from '../model';
import { migrateProject, newId, type DocIssue } from '../model';
import { db, type ProjectRow } from './db';
import { TAB_ID } from './session';
import { broadcast } from './tabSync';

/** A project as the list shows it (no document body). */
export interface ProjectSummary {
  id: string;
  name: string;
  updatedAt: string;
  template?: string;
  description: string;
}

export function summarise(row: ProjectRow): ProjectSummary {
  return {
    id: row.id,
    name: row.name,
    updatedAt: row.updatedAt,
    template: row.doc?.meta?.template,
    description: row.doc?.meta?.description ?? '',
  };
}

export async function listProjects(): Promise<ProjectSummary[]> {
  const rows = await db().projects.orderBy('updatedAt').reverse().toArray();
  return rows.map(summarise);
}

export type LoadResult =
  | { ok: true; project: Project; rev: number; migratedFrom: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid'; issues: DocIssue[] };

/** Read a stored project and run it through the migration chain (every load migrates). */
export async function loadProject(id: string): Promise<LoadResult> {
  const row = await db().projects.get(id);
  if (!row) return { ok: false, reason: 'missing' };
  const r = migrateProject(row.doc);
  if (!r.ok) return { ok: false, reason: 'invalid', issues: r.issues };
  return { ok: true, project: r.project, rev: row.rev, migratedFrom: r.migratedFrom };
}

function rowOf(p: Project, rev: number, now = new Date().toISOString()): ProjectRow {
  return { id: p.id, name: p.meta.name, updatedAt: now, rev, writer: TAB_ID, doc: p };
}

/** Store a new project (fails if the id is taken). */
export async function addProject(p: Project): Promise<void> {
  await db().projects.add(rowOf(p, 1));
  broadcast({ type: 'list' });
}

/** Store a project that arrived from a file: a taken id gets a fresh one, so nothing is overwritten. */
export async function addImportedProject(p: Project): Promise<Project> {
  return db().transaction('rw', db().projects, async () => {
    const taken = await db().projects.get(p.id);
    const doc = taken ? { ...p, id: newId('p_') } : p;
    await db().projects.add(rowOf(doc, 1));
    broadcast({ type: 'list' });
    return doc;
  });
}

/** Change a stored project outside the open editor (list actions), bumping its revision. */
async function updateStored(id: string, change: (p: Project) => Project): Promise<void> {
  const saved = await db().transaction('rw', db().projects, async () => {
    const row = await db().projects.get(id);
    if (!row) throw new Error(`project ${id} is not stored`);
    const doc = change(row.doc);
    const next = rowOf(doc, row.rev + 1);
    await db().projects.put(next);
    return next;
  });
  broadcast({ type: 'saved', projectId: id, rev: saved.rev, writer: TAB_ID });
}

export async function renameProject(id: string, name: string): Promise<void> {
  const n = name.trim();
  if (!n) throw new Error('a project name cannot be empty');
  await updateStored(id, (p) => ({
    ...p,
    meta: { ...p.meta, name: n, updatedAt: new Date().toISOString() },
  }));
}

export async function duplicateProject(id: string, name: string): Promise<Project> {
  const row = await db().projects.get(id);
  if (!row) throw new Error(`project ${id} is not stored`);
  const now = new Date().toISOString();
  const copy: Project = { ...structuredClone(row.doc), id: newId('p_') };
  copy.meta = { ...copy.meta, name, createdAt: now, updatedAt: now };
  await addProject(copy);
  return copy;
}

/** Delete a project with its datasets and runs (the UI confirms first). */
export async function deleteProject(id: string): Promise<void> {
  const d = db();
  await d.transaction(
    'rw',
    [
      d.projects,
      d.datasets,
      d.datasetChunks,
      d.runs,
      d.runChunks,
      d.runColumns,
      d.activitySets,
      d.activityChunks,
    ],
    async () => {
      const datasets = await d.datasets.where('projectId').equals(id).primaryKeys();
      for (const ds of datasets) await d.datasetChunks.where('datasetId').equals(ds).delete();
      await d.datasets.where('projectId').equals(id).delete();
      const runs = await d.runs.where('projectId').equals(id).toArray();
      const keyLists = new Set(runs.flatMap((r) => (r.keysId ? [r.keysId] : [])));
      for (const r of runs) {
        await d.runChunks.where('runId').equals(r.id).delete();
        await d.runColumns.where('owner').equals(r.id).delete();
      }
      // Key lists are per project (their id names it), so none is shared with another project.
      for (const k of keyLists) await d.runColumns.where('owner').equals(k).delete();
      await d.runs.where('projectId').equals(id).delete();
      const sets = await d.activitySets.where('projectId').equals(id).primaryKeys();
      for (const s of sets) await d.activityChunks.where('setId').equals(s).delete();
      await d.activitySets.where('projectId').equals(id).delete();
      await d.projects.delete(id);
    },
  );
  broadcast({ type: 'deleted', projectId: id });
}
