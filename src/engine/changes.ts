import type { ScoreResult } from './types';

/**
 * Accounts of run B against run A, for "what changed since run X": the colour move (worse /
 * better by the bands' order, best first), the score delta, accounts new in B. Pure and
 * column-wise (typed arrays), so a million accounts filter and sort without per-row objects.
 */
export type ChangeFilter = 'all' | 'worse' | 'better' | 'same' | 'changed' | 'new';
export type ChangeSort = 'delta_asc' | 'delta_desc' | 'score_asc' | 'score_desc';

export type Comparable = Pick<ScoreResult, 'accountIds' | 'colorIds' | 'color' | 'total'> & {
  /** Stored runs with the same key list list the same accounts in the same order (runStore.ts). */
  keysId?: string | null;
};

export interface Changes {
  /** Rows of run B that pass the filter, sorted. */
  rowB: Int32Array;
  /** rowA[k]: run A's row of the same account, -1 = not in A. */
  rowA: Int32Array;
  /** Score B − score A; NaN when either is missing. */
  delta: Float64Array;
  /** Colour rank move (positive = worse), 0 when the same or either has no colour. */
  move: Int8Array;
}

/** Rank of each colour id in the best-first band order; colours not listed go last, in order. */
function ranks(colorIds: string[], order: readonly string[]): Int32Array {
  return Int32Array.from(colorIds, (c, i) => {
    const k = order.indexOf(c);
    return k >= 0 ? k : order.length + i;
  });
}

export function accountChanges(
  a: Comparable,
  b: Comparable,
  /** Band ids best first (the project's bands). */
  order: readonly string[],
  filter: ChangeFilter,
  sort: ChangeSort,
): Changes {
  const n = b.accountIds.length;
  const rowOfA = new Map<string, number>();
  const same =
    (!!a.keysId && a.keysId === b.keysId && a.color.length === n) ||
    (a.accountIds.length === n && a.accountIds.every((id, i) => id === b.accountIds[i]));
  if (!same) a.accountIds.forEach((id, i) => rowOfA.set(id, i));
  const rankA = ranks(a.colorIds, order);
  const rankB = ranks(b.colorIds, order);
  const out: number[] = [];
  const rowA = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n).fill(NaN);
  const move = new Int8Array(n);
  for (let j = 0; j < n; j++) {
    const i = same ? j : (rowOfA.get(b.accountIds[j]) ?? -1);
    rowA[j] = i;
    if (i >= 0) {
      delta[j] = b.total[j] - a.total[i];
      const ca = a.color[i];
      const cb = b.color[j];
      if (ca >= 0 && cb >= 0) move[j] = Math.sign(rankB[cb] - rankA[ca]);
    }
    const keep =
      filter === 'all' ||
      (filter === 'new' ? i < 0 : i >= 0 && changeMatches(filter, move[j], a.color[i], b.color[j]));
    if (keep) out.push(j);
  }
  const key = (j: number): number => {
    const v = sort === 'delta_asc' || sort === 'delta_desc' ? delta[j] : b.total[j];
    if (Number.isNaN(v)) return Infinity; // missing last, either way
    return sort.endsWith('_desc') ? -v : v;
  };
  const keys = new Float64Array(n);
  for (const j of out) keys[j] = key(j);
  out.sort((x, y) => keys[x] - keys[y] || x - y);
  const rows = Int32Array.from(out);
  return {
    rowB: rows,
    rowA: Int32Array.from(rows, (j) => rowA[j]),
    delta: Float64Array.from(rows, (j) => delta[j]),
    move: Int8Array.from(rows, (j) => move[j]),
  };
}

function changeMatches(f: ChangeFilter, move: number, ca: number, cb: number): boolean {
  switch (f) {
    case 'worse':
      return move > 0;
    case 'better':
      return move < 0;
    case 'same':
      return move === 0 && ca >= 0 === cb >= 0;
    case 'changed':
      return move !== 0 || ca >= 0 !== cb >= 0;
    default:
      return true;
  }
}

/** The first rows of a change list as plain values (what the history worker sends back). */
export interface ChangesPage {
  /** Accounts that pass the filter (all of them, not only the rows). */
  count: number;
  rows: {
    id: string;
    /** Colour id in run A ('' = no score); null = not in run A. */
    colorA: string | null;
    /** Colour id in run B ('' = no score). */
    colorB: string;
    totalA: number;
    totalB: number;
    delta: number;
  }[];
}

export function changesPage(
  a: Comparable,
  b: Comparable,
  order: readonly string[],
  filter: ChangeFilter,
  sort: ChangeSort,
  limit: number,
): ChangesPage {
  const ch = accountChanges(a, b, order, filter, sort);
  const color = (r: Comparable, i: number) => (r.color[i] < 0 ? '' : r.colorIds[r.color[i]]);
  const rows: ChangesPage['rows'] = [];
  for (let k = 0; k < Math.min(limit, ch.rowB.length); k++) {
    const j = ch.rowB[k];
    const i = ch.rowA[k];
    rows.push({
      id: b.accountIds[j],
      colorA: i < 0 ? null : color(a, i),
      colorB: color(b, j),
      totalA: i < 0 ? NaN : a.total[i],
      totalB: b.total[j],
      delta: ch.delta[k],
    });
  }
  return { count: ch.rowB.length, rows };
}
