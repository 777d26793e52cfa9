/**
 * Colour migration between two runs: how many accounts went from each colour of run A to each
 * colour of run B, matched by account id. The last row/column is "no score"; accounts in only
 * one of the runs are counted apart. O(n): by position when both list the same ids in the same
 * order, else with one Map over run A's ids.
 */
export interface ColoredRun {
  /** Needed unless both runs have the same keysId. */
  accountIds?: string[];
  /**
   * Stored runs with the same key list (src/store/runStore.ts) list the same accounts in the same
   * order: they align by position, without their account ids.
   */
  keysId?: string | null;
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
  for (let j = 0; j < b.color.length; j++) {
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
    onlyInA: a.color.length - matched,
    onlyInB: b.color.length - matched,
  };
}

/**
 * Row of run A holding run B's row j's account. Runs of the same dataset list accounts in the
 * same order: then it is j itself (checked once, no Map of a million strings).
 */
function rowLookup(a: ColoredRun, b: ColoredRun): (j: number) => number | undefined {
  if (a.keysId && a.keysId === b.keysId && a.color.length === b.color.length) return (j) => j;
  const idsA = a.accountIds;
  const idsB = b.accountIds;
  if (!idsA || !idsB)
    throw new Error('migration: account ids needed for runs of different key lists');
  const n = idsA.length;
  let same = n === idsB.length;
  for (let i = 0; same && i < n; i++) same = idsA[i] === idsB[i];
  if (same) return (j) => j;
  const rowA = new Map<string, number>();
  for (let i = 0; i < n; i++) rowA.set(idsA[i], i);
  return (j) => rowA.get(idsB[j]);
}

/** Row indexes of run B whose account went from colour `from` in A to `to` in B ('' = no score). */
export function migratedAccounts(a: ColoredRun, b: ColoredRun, from: string, to: string): number[] {
  const rowOf = rowLookup(a, b);
  const colorOf = (r: ColoredRun, i: number) => (r.color[i] < 0 ? '' : r.colorIds[r.color[i]]);
  const out: number[] = [];
  for (let j = 0; j < b.color.length; j++) {
    const i = rowOf(j);
    if (i !== undefined && colorOf(a, i) === from && colorOf(b, j) === to) out.push(j);
  }
  return out;
}
