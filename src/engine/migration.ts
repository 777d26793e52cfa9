/**
 * Colour migration between two runs: how many accounts went from each colour of run A to each
 * colour of run B, matched by account id. The last row/column is "no score"; accounts in only
 * one of the runs are counted apart. O(n): by position when both list the same ids in the same
 * order, else with one Map over run A's ids.
 */
export interface ColoredRun {
  accountIds: string[];
  colorIds: string[];
  color: Int8Array;
}

export interface MigrationMatrix {
  /** Union of both runs' colours in A's order then B's new ones; '' = no score (last). */
  colors: string[];
  /** counts[from][to] over accounts in both runs. */
  counts: number[][];
  onlyInA: number;
  onlyInB: number;
}

export function migrationMatrix(a: ColoredRun, b: ColoredRun): MigrationMatrix {
  const colors = [...a.colorIds];
  for (const c of b.colorIds) if (!colors.includes(c)) colors.push(c);
  colors.push('');
  const none = colors.length - 1;
  const mapA = Int32Array.from(a.colorIds, (c) => colors.indexOf(c));
  const mapB = Int32Array.from(b.colorIds, (c) => colors.indexOf(c));
  const k = colors.length;
  const flat = new Float64Array(k * k);
  let matched = 0;
  const rowOf = rowLookup(a, b);
  for (let j = 0; j < b.accountIds.length; j++) {
    const i = rowOf(j);
    if (i === undefined) continue;
    matched++;
    const from = a.color[i] < 0 ? none : mapA[a.color[i]];
    const to = b.color[j] < 0 ? none : mapB[b.color[j]];
    flat[from * k + to]++;
  }
  const counts = Array.from({ length: k }, (_, r) => Array.from(flat.subarray(r * k, r * k + k)));
  return {
    colors,
    counts,
    onlyInA: a.accountIds.length - matched,
    onlyInB: b.accountIds.length - matched,
  };
}

/**
 * Row of run A holding run B's row j's account. Runs of the same dataset list accounts in the
 * same order: then it is j itself (checked once, no Map of a million strings).
 */
function rowLookup(a: ColoredRun, b: ColoredRun): (j: number) => number | undefined {
  const n = a.accountIds.length;
  let same = n === b.accountIds.length;
  for (let i = 0; same && i < n; i++) same = a.accountIds[i] === b.accountIds[i];
  if (same) return (j) => j;
  const rowA = new Map<string, number>();
  for (let i = 0; i < n; i++) rowA.set(a.accountIds[i], i);
  return (j) => rowA.get(b.accountIds[j]);
}

/** Row indexes of run B whose account went from colour `from` in A to `to` in B ('' = no score). */
export function migratedAccounts(a: ColoredRun, b: ColoredRun, from: string, to: string): number[] {
  const rowOf = rowLookup(a, b);
  const colorOf = (r: ColoredRun, i: number) => (r.color[i] < 0 ? '' : r.colorIds[r.color[i]]);
  const out: number[] = [];
  for (let j = 0; j < b.accountIds.length; j++) {
    const i = rowOf(j);
    if (i !== undefined && colorOf(a, i) === from && colorOf(b, j) === to) out.push(j);
  }
  return out;
}
