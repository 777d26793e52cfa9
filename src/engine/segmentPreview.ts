import { checkExpression, compileVector, envFromContract } from '../expr';
import type { FieldContract, Segments } from '../model';
import { columnOf, isoToDays, newColumns, type AccountTable } from '../table/columns';
import { sampleTable } from './preview';

export interface SegmentAssignment {
  /** Accounts each segment gets, by id (scaled up from the sample on large tables). */
  counts: Record<string, number>;
  evaluated: number;
  total: number;
}

/**
 * How many accounts each segment actually gets: rules are tried in order and the first that
 * matches wins (an Enterprise account also matching "mrr >= 100000" is counted once, in
 * Enterprise); accounts no rule matches — or whose rule is unknown for missing data — go to the
 * default, as the engine assigns them. Null when a rule does not check (its own error shows) or
 * reads a column the data lacks.
 */
export function assignSegments(
  segments: Segments,
  fields: FieldContract,
  table: AccountTable,
  asOf: string,
  maxRows?: number,
): SegmentAssignment | null {
  const env = envFromContract(fields, 'segment', { segments: segments.items.map((s) => s.id) });
  const rules: { id: string; source: string }[] = segments.items
    .filter((s) => s.when.trim() !== '')
    .map((s) => ({ id: s.id, source: s.when }));
  const checked = [];
  const read = new Set<string>();
  for (const r of rules) {
    const c = checkExpression(r.source, env);
    if (!c.ok || c.builtins.length > 0 || c.aggregates.length > 0) return null;
    for (const f of c.fields) read.add(f);
    checked.push({ id: r.id, expr: c.expr });
  }
  for (const f of read) if (!columnOf(table, f)) return null;
  const sample = sampleTable(
    {
      rowCount: table.rowCount,
      columns: newColumns(Object.fromEntries([...read].map((f) => [f, columnOf(table, f)!]))),
    },
    maxRows,
  );
  const asOfDays = isoToDays(asOf);
  const n = sample.rowCount;
  const assigned = new Int32Array(n).fill(-1);
  checked.forEach((r, k) => {
    const col = compileVector(r.expr).run(sample, { asOfDays });
    if (col.type !== 'boolean') return;
    for (let i = 0; i < n; i++) if (assigned[i] < 0 && col.values[i] === 1) assigned[i] = k;
  });
  const raw: Record<string, number> = {};
  for (const s of segments.items) raw[s.id] = 0;
  for (let i = 0; i < n; i++) {
    const id = assigned[i] < 0 ? segments.defaultId : checked[assigned[i]].id;
    raw[id] = (raw[id] ?? 0) + 1;
  }
  const scale = n ? table.rowCount / n : 0;
  const counts: Record<string, number> = {};
  for (const [id, c] of Object.entries(raw)) counts[id] = Math.round(c * scale);
  return { counts, evaluated: n, total: table.rowCount };
}
