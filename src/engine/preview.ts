import type { AccountTable } from '../table/columns';
import { compileVector, type CheckedExpr } from '../expr';
import { isoToDays } from '../table/columns';
import { columnOf, newColumns } from '../table/columns';

/**
 * Above this many rows a preview on the page's thread runs on an evenly spread sample, so typing
 * stays smooth. The preview worker (src/workers/preview.worker.ts) evaluates every row.
 */
export const PREVIEW_MAX_ROWS = 50_000;

/** Every k-th row, so the preview costs the same on 10 k and 10 M accounts. */
export function sampleTable(t: AccountTable, max = PREVIEW_MAX_ROWS): AccountTable {
  if (t.rowCount <= max) return t;
  const step = t.rowCount / max;
  const n = max;
  const pick = (i: number) => Math.floor(i * step);
  const columns = newColumns();
  for (const [id, c] of Object.entries(t.columns)) {
    if (c.type === 'string') {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = c.codes[pick(i)];
      columns[id] = { type: 'string', codes, dict: c.dict };
    } else if (c.type === 'boolean') {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[pick(i)];
      columns[id] = { type: 'boolean', values };
    } else {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[pick(i)];
      columns[id] = { type: c.type, values };
    }
  }
  return { rowCount: n, columns };
}

export type PreviewResult =
  | { kind: 'condition'; matched: number; missing: number; evaluated: number; total: number }
  | { kind: 'value'; present: number; evaluated: number; total: number; min?: number; max?: number }
  | { kind: 'missingColumns'; columns: string[] };

/**
 * How an expression plays out on the loaded accounts: for a condition, how many match (and how
 * many are unknown because of missing data); for a measure, how many have a value and its range.
 */
export function previewExpression(
  expr: CheckedExpr,
  fields: readonly string[],
  table: AccountTable,
  asOfIso: string,
  maxRows = PREVIEW_MAX_ROWS,
): PreviewResult {
  const absent = fields.filter((f) => !columnOf(table, f));
  if (absent.length) return { kind: 'missingColumns', columns: absent };
  // Only the columns the expression reads are sampled (copying all of them dominated the cost).
  const sample = sampleTable(
    {
      rowCount: table.rowCount,
      columns: newColumns(Object.fromEntries(fields.map((f) => [f, columnOf(table, f)!]))),
    },
    maxRows,
  );
  const col = compileVector(expr).run(sample, { asOfDays: isoToDays(asOfIso) });
  const n = sample.rowCount;
  if (col.type === 'boolean' && expr.type === 'boolean') {
    let matched = 0,
      missing = 0;
    for (let i = 0; i < n; i++) {
      const v = col.values[i];
      if (v === 1) matched++;
      else if (v !== 0) missing++;
    }
    return { kind: 'condition', matched, missing, evaluated: n, total: table.rowCount };
  }
  let present = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (col.type === 'string') {
      if (col.codes[i] >= 0) present++;
    } else if (col.type === 'boolean') {
      if (col.values[i] !== 255) present++;
    } else {
      const v = col.values[i];
      if (!Number.isNaN(v)) {
        present++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return {
    kind: 'value',
    present,
    evaluated: n,
    total: table.rowCount,
    ...(min <= max && col.type === 'number' ? { min, max } : {}),
  };
}
