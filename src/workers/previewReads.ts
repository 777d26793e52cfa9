/**
 * What the preview worker computes (preview.worker.ts), apart from its messages so tests run it
 * against fake-indexeddb: the dataset and the activity are read from IndexedDB once and kept,
 * aggregates are kept per (aggregate, as-of date, activity sets), and every row is evaluated.
 */
import type { AggregateSpec, CheckedExpr } from '../expr';
import type { FieldContract, Segments } from '../model';
import { newColumns, type AccountTable, type Column } from '../table/columns';
import type { ActivityData } from '../table/activity';
import { addAggregates } from '../engine';
import { previewExpression, type PreviewResult } from '../engine/preview';
import { assignSegments, type SegmentAssignment } from '../engine/segmentPreview';
import { loadDataset } from '../store/datasets';
import { loadActivitySet } from '../store/activityStore';
import { linkStoredEvents } from '../data/activity/stored';

/** A stored activity set the preview reads (ids change with every import of a source). */
export interface PreviewActivitySet {
  id: string;
  source: string;
}

export type PreviewRequest =
  | {
      id: number;
      type: 'expr';
      datasetId: string;
      accountKey: string;
      /** The project's stored activity sets (only those of `aggregates`' sources are read). */
      activitySets: PreviewActivitySet[];
      expr: CheckedExpr;
      fields: string[];
      aggregates: AggregateSpec[];
      asOf: string;
    }
  | {
      id: number;
      type: 'segments';
      datasetId: string;
      segments: Segments;
      fields: FieldContract;
      asOf: string;
    };

export type PreviewReply =
  | { id: number; ok: true; result: PreviewResult | null }
  | { id: number; ok: true; segments: SegmentAssignment | null }
  | { id: number; ok: false; error: string };

/** The dataset read last (one at a time: a new import replaces it). */
let dataset: { id: string; table: Promise<AccountTable> } | null = null;
/** Linked events per source (the newest set read of each), for the dataset above. */
const linked = new Map<string, { key: string; events: Promise<ActivityData[string]> }>();
/** Aggregate columns by spec, date and activity sets, for the dataset above. */
const aggregated = new Map<string, Column>();
/** Columns kept at most (each a Float64Array of the dataset's rows: 8 MB at a million). */
const MAX_AGGREGATES = 48;

function tableOf(datasetId: string): Promise<AccountTable> {
  if (dataset?.id !== datasetId) {
    linked.clear();
    aggregated.clear();
    dataset = {
      id: datasetId,
      table: loadDataset(datasetId).then((d) => {
        if (!d) throw new Error(`dataset ${datasetId} is not stored`);
        return d.table;
      }),
    };
    // A failed read is not kept: the next request tries again.
    const mine = dataset;
    mine.table.catch(() => {
      if (dataset === mine) dataset = null;
    });
  }
  return dataset.table;
}

function eventsOf(
  set: PreviewActivitySet,
  table: AccountTable,
  accountKey: string,
): Promise<ActivityData[string]> {
  const key = `${set.id}|${accountKey}`;
  const kept = linked.get(set.source);
  if (kept?.key === key) return kept.events;
  // A source's older set (replaced by a new import) is dropped, not kept beside the new one.
  const events = loadActivitySet(set.id).then((loaded) => {
    if (!loaded) throw new Error(`activity ${set.source} is not stored`);
    return linkStoredEvents(set.source, loaded.events, table, accountKey).table;
  });
  const entry = { key, events };
  linked.set(set.source, entry);
  events.catch(() => {
    if (linked.get(set.source) === entry) linked.delete(set.source);
  });
  return events;
}

async function previewOf(m: Extract<PreviewRequest, { type: 'expr' }>) {
  const table = await tableOf(m.datasetId);
  if (!m.aggregates.length) return previewExpression(m.expr, m.fields, table, m.asOf, Infinity);
  const data: ActivityData = {};
  const setsKey: string[] = [];
  for (const source of new Set(m.aggregates.map((a) => a.source))) {
    const set = m.activitySets.find((s) => s.source === source);
    if (!set) return null;
    setsKey.push(set.id);
    data[source] = await eventsOf(set, table, m.accountKey);
  }
  // Each aggregate's column once per date and activity: typing elsewhere in the expression
  // re-evaluates it without recomputing its windows.
  const columns = newColumns(table.columns);
  const missing: AggregateSpec[] = [];
  for (const a of m.aggregates) {
    const col = aggregated.get(aggKey(a, m.asOf, setsKey));
    if (col) columns[a.id] = col;
    else missing.push(a);
  }
  if (missing.length) {
    const added = addAggregates(missing, table, data, m.asOf);
    if (aggregated.size + missing.length > MAX_AGGREGATES) aggregated.clear();
    for (const a of missing) {
      columns[a.id] = added.columns[a.id];
      aggregated.set(aggKey(a, m.asOf, setsKey), added.columns[a.id]);
    }
  }
  const fields = [...m.fields, ...m.aggregates.map((a) => a.id)];
  return previewExpression(m.expr, fields, { ...table, columns }, m.asOf, Infinity);
}

/** An aggregate's identity without its id (two expressions may name the same window alike). */
function aggKey(a: AggregateSpec, asOf: string, sets: string[]): string {
  const { id: _id, ...spec } = a;
  return `${asOf}|${sets.join(',')}|${JSON.stringify(spec)}`;
}

/** The reply to one request (never throws: a failure is an `ok: false` reply). */
export async function answerPreview(m: PreviewRequest): Promise<PreviewReply> {
  try {
    if (m.type === 'segments') {
      const table = await tableOf(m.datasetId);
      return {
        id: m.id,
        ok: true,
        segments: assignSegments(m.segments, m.fields, table, m.asOf, Infinity),
      };
    }
    return { id: m.id, ok: true, result: await previewOf(m) };
  } catch (e) {
    return { id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Forget what was read (tests; the worker itself is simply terminated). */
export function forgetPreviewReads(): void {
  dataset = null;
  linked.clear();
  aggregated.clear();
}
