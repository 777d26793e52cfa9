/// <reference lib="webworker" />
import {
  compilePlaybook,
  scoreTable,
  summarise,
  trend,
  usedSources,
  withActivity,
  stageKpis,
  stageFunnel,
  type FunnelRow,
} from '../engine';
import { mrrFieldOf } from '../model';
import { columnOf, type AccountTable } from '../table/columns';
import { listRuns, openRun, saveRun } from '../store/runStore';
import { db, type RunActivityInfo } from '../store/db';
import { listActivitySets, loadActivitySet } from '../store/activityStore';
import { linkStoredEvents } from '../data/activity/stored';
import type { ActivityData } from '../table/activity';
import { stageStreaksFromStore } from './stageRuns';
import { previousRun } from '../util/runOrder';
import type { AgainstColors, ScoreEnvelope, ScoreRequest, ScoreResponse } from './protocol';
import { detach, place, split } from './pieces';
import { loadDataset } from '../store/datasets';
import { toWire, type ScoreOutcome } from './scoredWire';

/**
 * Scores a dataset with the project's playbook off the main thread, compares with the stored run
 * before it in time (trend), and stores the new run as a snapshot (replacing the runs of its date
 * the user chose to replace, in the same transaction).
 */
declare const self: DedicatedWorkerGlobalScope;
const post = (m: ScoreResponse, transfer: Transferable[] = []) => self.postMessage(m, transfer);

// The request arrives in pieces (clients.ts); scoring starts with the last one.
let held: { skeleton: unknown; missing: number } | null = null;
self.onmessage = (ev: MessageEvent<ScoreEnvelope>) => {
  const m = ev.data;
  if (m.type === 'hold') held = { skeleton: m.skeleton, missing: m.pieces };
  else if (held) {
    place(held.skeleton, m.piece);
    held.missing--;
  }
  if (held && held.missing === 0) {
    const msg = held.skeleton as ScoreRequest;
    held = null;
    void score(msg);
  }
};

/**
 * The answer in pieces (scoredWire.ts leaves out what the page rebuilds): each typed array
 * copied out of the scoring arena here, whole, and transferred — the page only puts it in place
 * (in 1 MB slices, the page allocated and filled ~230 MB of arrays at a million accounts).
 */
function postScored(m: ScoreOutcome, dataset: AccountTable, accountKey: string) {
  const { skeleton, pieces } = split(toWire(m, dataset, accountKey), 20_000, Infinity);
  post({ type: 'hold', id: m.id, skeleton, pieces: pieces.length });
  for (const p of pieces) {
    const { piece, transfer } = detach(p);
    post({ type: 'piece', id: m.id, piece }, transfer);
  }
}

async function score(msg: ScoreRequest) {
  try {
    // A stored run shown again: the dataset is read here, not sent by the page.
    let table = msg.table;
    if (!table) {
      const loaded = await loadDataset(msg.datasetId);
      if (!loaded) throw new Error(`dataset ${msg.datasetId} is not stored`);
      table = loaded.table;
    }
    post({ type: 'progress', id: msg.id, phase: 'compile', fraction: 0.05 });
    const c = compilePlaybook(msg.playbook, { asOf: msg.asOf });
    if (!c.ok) {
      post({
        type: 'failed',
        id: msg.id,
        message: 'The playbook has errors; fix them before running.',
        issues: c.issues,
      });
      return;
    }
    // The activity the playbook reads: the project's stored sets, relinked to this table by key.
    const activity: ActivityData = {};
    const activityUsed: RunActivityInfo[] = [];
    const used = usedSources(c.compiled);
    if (used.length) {
      const sets = await listActivitySets(msg.projectId);
      const missing = used.filter((s) => !sets.some((x) => x.source === s));
      if (missing.length) {
        post({
          type: 'failed',
          id: msg.id,
          message: `No activity imported for ${missing.join(', ')}.`,
          missingActivity: missing,
        });
        return;
      }
      for (const source of used) {
        const set = await loadActivitySet(sets.find((x) => x.source === source)!.id);
        if (!set) continue;
        const linked = linkStoredEvents(
          source,
          set.events,
          table,
          msg.playbook.fields.accountKey,
          set.meta.files.map((f) => f.name),
        );
        activity[source] = linked.table;
        activityUsed.push({
          source,
          setId: set.meta.id,
          importedAt: set.meta.createdAt,
          files: set.meta.files.map((f) => f.name),
          events: set.meta.rowCount,
          linked: set.meta.rowCount - linked.unlinked,
        });
      }
    }
    post({ type: 'progress', id: msg.id, phase: 'score', fraction: 0.1 });
    const scored = withActivity(c.compiled, table, activity, msg.asOf);
    // Days in stage from the project's earlier runs where the data dates no stage entry (the
    // rule `waymark score --history` applies too: engine/stageHistory.ts).
    const src = c.compiled.stageSource;
    const datedByField = src.kind === 'field' && !!src.enteredAtField;
    const stageStreaks = datedByField
      ? undefined
      : await stageStreaksFromStore(msg.projectId, msg.asOf);
    const result = scoreTable(c.compiled, scored, { asOf: msg.asOf, stageStreaks });
    post({ type: 'progress', id: msg.id, phase: 'summarise', fraction: 0.7 });
    const mrrId = mrrFieldOf(msg.playbook.fields);
    const mrrCol = mrrId ? columnOf(table, mrrId) : undefined;
    const summary = summarise(
      result,
      mrrId && mrrCol?.type === 'number' ? { field: mrrId, values: mrrCol.values } : undefined,
    );
    const kpis = stageKpis(c.compiled, scored, result);
    if (kpis.length) summary.kpis = kpis;
    let previous = null;
    let t = null;
    if (msg.compareWith !== 'none') {
      // The run before this one in time, not the one stored last: a back-filled older date is
      // compared with its own predecessor, and a date scored again never with itself.
      const last = previousRun(await listRuns(msg.projectId), msg.asOf);
      if (last) {
        // Only what the trend compares: the previous run's keys and totals, not the whole run.
        const v = await openRun(last.id);
        if (v) {
          previous = v.meta;
          const [accountIds, total] = await Promise.all([v.accountIds(), v.column('total')]);
          t = trend(result, {
            rowCount: v.meta.rowCount,
            accountIds,
            total: total as Float64Array,
          });
        }
      }
    }
    const against = msg.against ? await againstColors(msg.against, result.accountIds) : undefined;
    let run = null;
    let funnel: FunnelRow[] | undefined;
    if (msg.store) {
      post({ type: 'progress', id: msg.id, phase: 'store', fraction: 0.85 });
      run = await saveRun(
        msg.projectId,
        msg.datasetId,
        result,
        summary,
        t?.counts,
        msg.datasetName,
        msg.timeZone,
        msg.playbook,
        undefined,
        (funnel = stageFunnel(result)),
        msg.replaces,
      );
      if (activityUsed.length) {
        await db().runs.update(run.id, { activity: activityUsed });
        run = { ...run, activity: activityUsed };
      }
    }
    postScored(
      {
        type: 'scored',
        id: msg.id,
        result,
        table: scored,
        funnel: funnel ?? stageFunnel(result),
        summary,
        trend: t,
        previous,
        run,
        activity,
        activityUsed,
        ...(against ? { against } : {}),
      },
      table,
      msg.playbook.fields.accountKey,
    );
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * A stored run's colour column for a what-if preview, read here (not on the page). Its keys go
 * back only when they are not the result's own list in the same order: the runs of one dataset
 * then align by position, and a million ids are not cloned to the page.
 */
async function againstColors(runId: string, ids: string[]): Promise<AgainstColors | undefined> {
  const v = await openRun(runId);
  if (!v) return undefined;
  const [color, keys] = await Promise.all([v.column('color'), v.accountIds()]);
  let same = keys.length === ids.length;
  for (let i = 0; same && i < ids.length; i++) same = keys[i] === ids[i];
  return {
    runId,
    colorIds: v.header.colorIds,
    color: color as Int8Array,
    ...(same ? {} : { accountIds: keys }),
  };
}
