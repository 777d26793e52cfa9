/**
 * The door between activity data and scoring: adds one column per aggregate the playbook uses
 * (named by the aggregate's canonical text, which is what its expressions read), so the
 * scoring kernels, explanations and exports work unchanged.
 */
import type { AggregateSpec } from '../../expr';
import { isoToDays, type AccountTable, type Column } from '../../table/columns';
import type { CompiledPlaybook } from '../compile';
import { evalConditionMask } from '../exprBridge';
import { aggregateColumn } from './aggregate';
import { eventsAsTable, type ActivityData } from '../../table/activity';

/** Sources the playbook's expressions read that the run was not given. */
export function missingSources(c: CompiledPlaybook, data: ActivityData | undefined): string[] {
  const out: string[] = [];
  for (const a of c.aggregates)
    if (!data?.[a.source] && !out.includes(a.source)) out.push(a.source);
  return out;
}

/** Sources the playbook reads (in playbook order of first use). */
export function usedSources(c: CompiledPlaybook): string[] {
  return [...new Set(c.aggregates.map((a) => a.source))];
}

export class ActivityMissingError extends Error {
  constructor(readonly sources: string[]) {
    super(`activity source(s) ${sources.join(', ')} are used by the playbook but were not given`);
  }
}

/**
 * The account table plus one column per aggregate. Throws ActivityMissingError when a source
 * the playbook reads is absent (callers check missingSources first to say so in their words).
 */
export function withActivity(
  c: CompiledPlaybook,
  table: AccountTable,
  data: ActivityData | undefined,
  asOf: string,
): AccountTable {
  if (!c.aggregates.length) return table;
  const missing = missingSources(c, data);
  if (missing.length) throw new ActivityMissingError(missing);
  return addAggregates(c.aggregates, table, data!, asOf);
}

/** The account table plus one column per aggregate spec (every spec's source must be in data). */
export function addAggregates(
  specs: readonly AggregateSpec[],
  table: AccountTable,
  data: ActivityData,
  asOf: string,
): AccountTable {
  const asOfDays = isoToDays(asOf);
  const columns: Record<string, Column> = { ...table.columns };
  const masks = new Map<string, Uint8Array>();
  for (const spec of specs) {
    const t = data[spec.source];
    if (!t) throw new ActivityMissingError([spec.source]);
    if (t.offsets.length !== table.rowCount + 1)
      throw new Error(`activity "${spec.source}" was linked to a different account table`);
    columns[spec.id] = aggregateColumn(
      spec,
      t,
      table.rowCount,
      asOfDays,
      maskOf(spec, t, asOfDays, masks),
    );
  }
  return { rowCount: table.rowCount, columns };
}

function maskOf(
  spec: AggregateSpec,
  t: ActivityData[string],
  asOfDays: number,
  cache: Map<string, Uint8Array>,
): Uint8Array | null {
  if (!spec.where) return null;
  const key = `${spec.source}\u0000${JSON.stringify(stripSpans(spec.where))}`;
  let m = cache.get(key);
  if (!m) cache.set(key, (m = evalConditionMask(spec.where, eventsAsTable(t), asOfDays)));
  return m;
}

function stripSpans(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSpans);
  if (x && typeof x === 'object')
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== 'start' && k !== 'end')
        .map(([k, v]) => [k, stripSpans(v)]),
    );
  return x;
}
