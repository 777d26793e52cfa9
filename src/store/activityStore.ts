import { db, type ActivityFileInfo, type ActivitySetRow } from './db';
import { newId } from '../model/ids';
import type { AccountTable } from '../table/columns';
import type { ActivityReport } from '../data/activity/importActivity';
import { assembleColumns, chunkCount, chunkOf } from './datasets';
import { concatStoredEvents, withoutStoredFile } from '../data/activity/stored';

/**
 * Imported activity in IndexedDB: one set per project and source, its events column-wise in
 * chunks of CHUNK_ROWS (as datasets are). A new import of a source replaces the older set in the
 * same transaction, after the new chunks are written: a failed write leaves the old one intact.
 */
export async function saveActivitySet(
  projectId: string,
  source: string,
  events: AccountTable,
  files: ActivityFileInfo[],
): Promise<ActivitySetRow> {
  const d = db();
  const count = chunkCount(events.rowCount);
  const row: ActivitySetRow = {
    id: newId('act_'),
    projectId,
    source,
    createdAt: new Date().toISOString(),
    files,
    rowCount: events.rowCount,
    columns: Object.entries(events.columns).map(([id, c]) => ({ id, type: c.type })),
    chunkCount: count,
  };
  await d.transaction('rw', d.activitySets, d.activityChunks, async () => {
    const older = await d.activitySets
      .where('[projectId+source]')
      .equals([projectId, source])
      .primaryKeys();
    for (let i = 0; i < count; i++)
      await d.activityChunks.add({ setId: row.id, index: i, data: chunkOf(events, i) });
    await d.activitySets.add(row);
    for (const id of older) {
      await d.activityChunks.where('setId').equals(id).delete();
      await d.activitySets.delete(id);
    }
  });
  return row;
}

/**
 * Add files to a source's stored set: its events followed by `added`'s (whose file indexes count
 * from 0), as a new set replacing the old in one transaction — a failure leaves the old set as
 * it was. No stored set: `added` becomes it.
 */
export async function appendActivityFiles(
  projectId: string,
  source: string,
  added: AccountTable,
  files: ActivityFileInfo[],
): Promise<ActivitySetRow> {
  const d = db();
  return d.transaction('rw', d.activitySets, d.activityChunks, async () => {
    const old = await newestSet(projectId, source);
    if (!old) return saveActivitySet(projectId, source, added, files);
    const loaded = (await loadActivitySet(old.id))!;
    const events = concatStoredEvents([loaded.events, added], [0, old.files.length]);
    return saveActivitySet(projectId, source, events, [...old.files, ...files]);
  });
}

/**
 * Remove file `index` of a stored set: its events go, the other files' stay (a new set replacing
 * the old in one transaction). The last file: the set is deleted. Null when nothing is left.
 */
export async function removeActivityFile(
  setId: string,
  index: number,
): Promise<ActivitySetRow | null> {
  const d = db();
  return d.transaction('rw', d.activitySets, d.activityChunks, async () => {
    const loaded = await loadActivitySet(setId);
    if (!loaded) throw new Error(`activity set ${setId} is not stored`);
    const { meta, events } = loaded;
    if (index < 0 || index >= meta.files.length)
      throw new Error(`activity set ${setId} has no file ${index + 1}`);
    if (meta.files.length === 1) {
      await deleteActivitySet(setId);
      return null;
    }
    return saveActivitySet(
      meta.projectId,
      meta.source,
      withoutStoredFile(events, index),
      meta.files.filter((_, k) => k !== index),
    );
  });
}

async function newestSet(projectId: string, source: string): Promise<ActivitySetRow | null> {
  const rows = await db()
    .activitySets.where('[projectId+source]')
    .equals([projectId, source])
    .sortBy('createdAt');
  return rows.length ? rows[rows.length - 1] : null;
}

/** The project's activity sets, one per source (the newest). */
export async function listActivitySets(projectId: string): Promise<ActivitySetRow[]> {
  const rows = await db().activitySets.where('projectId').equals(projectId).sortBy('createdAt');
  const bySource = new Map<string, ActivitySetRow>();
  for (const r of rows) bySource.set(r.source, r);
  return [...bySource.values()];
}

export async function loadActivitySet(
  id: string,
): Promise<{ meta: ActivitySetRow; events: AccountTable } | null> {
  const d = db();
  const meta = await d.activitySets.get(id);
  if (!meta) return null;
  const chunks = await d.activityChunks.where('setId').equals(id).sortBy('index');
  return {
    meta,
    events: {
      rowCount: meta.rowCount,
      columns: assembleColumns(meta.columns, meta.rowCount, chunks),
    },
  };
}

export async function deleteActivitySet(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', d.activitySets, d.activityChunks, async () => {
    await d.activityChunks.where('setId').equals(id).delete();
    await d.activitySets.delete(id);
  });
}

/** What is kept of an import report with the stored set (counts; the rows were shown then). */
export function fileInfoOf(
  name: string,
  r: ActivityReport,
  more: Pick<ActivityFileInfo, 'size' | 'hash' | 'from' | 'to' | 'importedAt'> = {},
): ActivityFileInfo {
  return {
    ...more,
    name,
    rows: r.rows,
    kept: r.kept,
    unknownAccount: r.unknownAccount,
    ambiguousAccount: r.ambiguousAccount,
    future: r.future,
    badTime: r.badTime,
    badValues: r.badValues,
    byName: r.byName,
    review: r.review.length,
  };
}
