/**
 * What replacing the stored dataset with a new one changes, shown before the user confirms:
 * row count (a drop above DROP_HIGHLIGHT is highlighted), accounts that disappear, fields that
 * had values and have none now. Tables are reduced to a digest first, so the worker sends only
 * the keys and per-field counts of the new table.
 */
import type { FieldContract } from '../model';
import { MISSING_BOOL, type AccountTable, type Column } from '../table/columns';

export interface DatasetDigest {
  rowCount: number;
  /** Account keys as stored (distinct, in row order). */
  keys: string[];
  /** Field id → cells with a value. */
  filled: Record<string, number>;
}

export interface DatasetChange {
  before: number;
  after: number;
  /** (before − after) / before; negative for growth. */
  drop: number;
  /** A drop of more than DROP_HIGHLIGHT (3%). */
  bigDrop: boolean;
  disappeared: number;
  /** The first disappearing keys, for the screen. */
  disappearedSample: string[];
  added: number;
  /** Fields with values before and none now. */
  emptied: string[];
}

/** What an import would replace: the stored dataset's name and the change (import worker). */
export interface StoredReplace {
  name: string;
  change: DatasetChange;
}

export const DROP_HIGHLIGHT = 0.03;

function filledCount(col: Column, rows: number): number {
  let n = 0;
  if (col.type === 'string') {
    for (let i = 0; i < rows; i++) if (col.codes[i] >= 0) n++;
  } else if (col.type === 'boolean') {
    for (let i = 0; i < rows; i++) if (col.values[i] !== MISSING_BOOL) n++;
  } else {
    for (let i = 0; i < rows; i++) if (col.values[i] === col.values[i]) n++;
  }
  return n;
}

export function digestTable(table: AccountTable, keyField: string): DatasetDigest {
  const filled: Record<string, number> = {};
  for (const id of Object.keys(table.columns))
    filled[id] = filledCount(table.columns[id], table.rowCount);
  const key = Object.hasOwn(table.columns, keyField) ? table.columns[keyField] : undefined;
  const keys: string[] = [];
  if (key?.type === 'string') {
    const seen = new Uint8Array(key.dict.length);
    for (let i = 0; i < table.rowCount; i++) {
      const c = key.codes[i];
      if (c >= 0 && !seen[c]) {
        seen[c] = 1;
        keys.push(key.dict[c]);
      }
    }
  }
  return { rowCount: table.rowCount, keys, filled };
}

export function compareDigests(
  before: DatasetDigest,
  after: DatasetDigest,
  contract: FieldContract,
  sample = 10,
): DatasetChange {
  // Sets of the stored keys only: a Set of the new file's keys (a million ids) was 1.1–3.3 s of
  // frozen page when an import's report appeared (measured 2026-12-05, docs/data-import.md).
  // A stored key is still there exactly when it is among the new keys it shares.
  const was = new Set(before.keys);
  const kept = new Set<string>();
  let added = 0;
  for (const k of after.keys)
    if (!was.has(k)) added++;
    else kept.add(k);
  const gone: string[] = [];
  let disappeared = 0;
  for (const k of before.keys)
    if (!kept.has(k)) {
      disappeared++;
      if (gone.length < sample) gone.push(k);
    }
  const emptied = contract.fields
    .map((f) => f.id)
    .filter((id) => (before.filled[id] ?? 0) > 0 && (after.filled[id] ?? 0) === 0);
  const drop = before.rowCount ? (before.rowCount - after.rowCount) / before.rowCount : 0;
  return {
    before: before.rowCount,
    after: after.rowCount,
    drop,
    bigDrop: drop > DROP_HIGHLIGHT,
    disappeared,
    disappearedSample: gone,
    added,
    emptied,
  };
}
