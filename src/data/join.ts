import type { FieldContract } from '../model';
import { MISSING_BOOL, type AccountTable, type Column } from '../table/columns';
import { editDistance, normalizeCompanyName } from './normalize';
import { columnOf, newColumns } from '../table/columns';

/**
 * Joining several sources into one dataset (名寄せ). The first source is the base (usually
 * the CRM export); each other source is matched onto it by account key, or, for rows without
 * a key, by normalised company name. Values already present in the base win; the other
 * source fills missing ones and adds its own columns. Rows that match no base account are
 * counted, not added (they have no account to belong to).
 */
export interface JoinInput {
  name: string;
  table: AccountTable;
}

export interface NameMatch {
  source: string;
  /** Row in the source, 0-based, and its company name as written. */
  sourceRow: number;
  sourceName: string;
  /** Matched (or candidate) base row and its name. */
  baseRow: number;
  baseName: string;
  /** normalised: joined because the names are equal after normalisation but differ as written; ambiguous: several base accounts share the name (not joined); similar: close spelling (not joined, review). */
  kind: 'normalised' | 'ambiguous' | 'similar';
}

export interface JoinReport {
  sources: { name: string; rows: number; byKey: number; byName: number; unmatched: number }[];
  /** Matches to review, first 500. */
  review: NameMatch[];
  reviewCount: number;
}

function strAt(col: Column | undefined, row: number): string | null {
  if (!col || col.type !== 'string') return null;
  const c = col.codes[row];
  return c < 0 ? null : col.dict[c];
}

function emptyLike(col: Column, n: number): Column {
  switch (col.type) {
    case 'number':
      return { type: 'number', values: new Float64Array(n).fill(NaN) };
    case 'date':
      return { type: 'date', values: new Float64Array(n).fill(NaN) };
    case 'boolean':
      return { type: 'boolean', values: new Uint8Array(n).fill(MISSING_BOOL) };
    case 'string':
      return { type: 'string', codes: new Int32Array(n).fill(-1), dict: [] };
  }
}

function copyColumn(col: Column): Column {
  return col.type === 'string'
    ? { type: 'string', codes: col.codes.slice(), dict: col.dict.slice() }
    : ({ type: col.type, values: col.values.slice() } as Column);
}

/** Fill target[row] from source[srow] when the target cell is missing. */
function fill(
  target: Column,
  trow: number,
  source: Column,
  srow: number,
  index: Map<string, number> | undefined,
): void {
  if (target.type === 'string' && source.type === 'string') {
    if (target.codes[trow] >= 0) return;
    const c = source.codes[srow];
    if (c < 0) return;
    const v = source.dict[c];
    let code = index!.get(v);
    if (code === undefined) {
      code = target.dict.length;
      target.dict.push(v);
      index!.set(v, code);
    }
    target.codes[trow] = code;
  } else if (target.type === 'boolean' && source.type === 'boolean') {
    if (target.values[trow] === MISSING_BOOL) target.values[trow] = source.values[srow];
  } else if ((target.type === 'number' || target.type === 'date') && target.type === source.type) {
    if (Number.isNaN(target.values[trow])) target.values[trow] = source.values[srow];
  }
}

export function joinTables(
  inputs: JoinInput[],
  contract: FieldContract,
): { table: AccountTable; report: JoinReport } {
  if (inputs.length === 0)
    return {
      table: { rowCount: 0, columns: {} },
      report: { sources: [], review: [], reviewCount: 0 },
    };
  const base = inputs[0].table;
  const n = base.rowCount;
  const columns = newColumns();
  for (const [id, col] of Object.entries(base.columns)) columns[id] = copyColumn(col);
  const dictIndex = new Map<string, Map<string, number>>();
  const indexFor = (id: string) => {
    let m = dictIndex.get(id);
    if (!m) {
      const col = columns[id];
      m = new Map(col.type === 'string' ? col.dict.map((v, i) => [v, i] as const) : []);
      dictIndex.set(id, m);
    }
    return m;
  };

  const keyId = contract.accountKey;
  const nameId = contract.nameField;
  const baseByKey = new Map<string, number>();
  const baseByName = new Map<string, number[]>();
  for (let r = 0; r < n; r++) {
    const k = strAt(columnOf(base, keyId), r);
    if (k !== null) baseByKey.set(k, r);
    const nm = nameId ? strAt(columnOf(base, nameId), r) : null;
    if (nm !== null) {
      const key = normalizeCompanyName(nm);
      if (key) {
        const list = baseByName.get(key);
        if (list) list.push(r);
        else baseByName.set(key, [r]);
      }
    }
  }

  const report: JoinReport = {
    sources: [{ name: inputs[0].name, rows: n, byKey: n, byName: 0, unmatched: 0 }],
    review: [],
    reviewCount: 0,
  };
  const addReview = (m: NameMatch) => {
    report.reviewCount++;
    if (report.review.length < 500) report.review.push(m);
  };

  for (const input of inputs.slice(1)) {
    const t = input.table;
    const stats = { name: input.name, rows: t.rowCount, byKey: 0, byName: 0, unmatched: 0 };
    for (const [id, col] of Object.entries(t.columns))
      if (!columns[id]) columns[id] = emptyLike(col, n);
    const unmatched: number[] = [];
    for (let r = 0; r < t.rowCount; r++) {
      let target = -1;
      const k = strAt(columnOf(t, keyId), r);
      if (k !== null) {
        target = baseByKey.get(k) ?? -1;
        if (target >= 0) stats.byKey++;
      }
      if (target < 0 && nameId) {
        const nm = strAt(columnOf(t, nameId), r);
        const key = nm !== null ? normalizeCompanyName(nm) : '';
        const hits = key ? baseByName.get(key) : undefined;
        if (hits && hits.length === 1) {
          target = hits[0];
          stats.byName++;
          const baseName = strAt(columnOf(base, nameId), target) ?? '';
          if (baseName !== nm)
            addReview({
              source: input.name,
              sourceRow: r,
              sourceName: nm!,
              baseRow: target,
              baseName,
              kind: 'normalised',
            });
        } else if (hits && hits.length > 1) {
          for (const h of hits.slice(0, 5))
            addReview({
              source: input.name,
              sourceRow: r,
              sourceName: nm!,
              baseRow: h,
              baseName: strAt(columnOf(base, nameId), h) ?? '',
              kind: 'ambiguous',
            });
        }
      }
      if (target < 0) {
        stats.unmatched++;
        unmatched.push(r);
        continue;
      }
      for (const [id, col] of Object.entries(t.columns)) {
        const tc = columns[id];
        if (tc.type !== col.type) continue;
        fill(tc, target, col, r, tc.type === 'string' ? indexFor(id) : undefined);
      }
    }
    // Close spellings for the unmatched (bounded work: fuzzy matching is quadratic).
    if (nameId && unmatched.length > 0 && unmatched.length * baseByName.size <= 5_000_000) {
      const baseKeys = [...baseByName.keys()];
      for (const r of unmatched) {
        const nm = strAt(columnOf(t, nameId), r);
        const key = nm ? normalizeCompanyName(nm) : '';
        if (key.length < 3) continue;
        const limit = key.length >= 8 ? 2 : 1;
        for (const bk of baseKeys) {
          if (
            editDistance(key, bk, limit) <= limit ||
            (bk.length >= 3 && (bk.includes(key) || key.includes(bk)))
          ) {
            const h = baseByName.get(bk)![0];
            addReview({
              source: input.name,
              sourceRow: r,
              sourceName: nm!,
              baseRow: h,
              baseName: strAt(columnOf(base, nameId), h) ?? '',
              kind: 'similar',
            });
            break;
          }
        }
      }
    }
    report.sources.push(stats);
  }
  return { table: { rowCount: n, columns }, report };
}
