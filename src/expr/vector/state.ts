/**
 * What a vectorised run sees, and the node shapes every column operator implements.
 *
 * A run goes in two phases: `prepare` once per run (look up columns, resolve text literals to
 * dictionary codes, merge dictionaries), then `eval(lo, len)` per chunk of CHUNK rows. Chunks
 * keep every intermediate buffer small enough to stay in cache, which is what makes
 * column-at-a-time evaluation fast; the buffers are allocated once per compiled program.
 *
 * Missing: NaN in Float64Array (numbers, dates as day numbers), 255 in Uint8Array booleans
 * (MISSING_BOOL; 0 false, 1 true), -1 codes in string columns.
 */
import type { AccountTable, StringColumn } from '../../table/columns';

export { MISSING_BOOL } from '../../table/columns';

/** Rows per chunk: 8 KB of doubles per intermediate buffer. */
export const CHUNK = 1024;

/** Built-in columns the engine has computed before the expression runs (one value per row). */
export interface VecBuiltins {
  score?: Float64Array;
  days_in_stage?: Float64Array;
  color?: StringColumn;
  segment?: StringColumn;
  stage?: StringColumn;
}

export interface VecContext {
  /** The as-of date in days since 1970-01-01. */
  asOfDays: number;
  builtins?: VecBuiltins;
}

export interface RunState {
  table: AccountTable;
  ctx: VecContext;
  /** Rows evaluated: the table's row count, or the length of `rows`. */
  n: number;
  /** When set, only these table rows are evaluated, in this order (the result is compact). */
  rows: Int32Array | null;
}

/**
 * Every node: `prepare` once per run, then `eval(lo, len)` returns an array whose indices
 * 0..len-1 hold rows lo..lo+len-1 (it may be longer; a view of a table column or the node's
 * own chunk buffer).
 */
export interface NumNode {
  readonly t: 'num';
  /** Set when the node is a literal, so parents can use a scalar loop. */
  readonly constant?: number;
  prepare(s: RunState): void;
  eval(lo: number, len: number): Float64Array;
}
export interface BoolNode {
  readonly t: 'bool';
  readonly constant?: number;
  prepare(s: RunState): void;
  eval(lo: number, len: number): Uint8Array;
}
/** Text: dictionary codes per chunk; the dictionary is fixed for the run once prepared. */
export interface StrNode {
  readonly t: 'str';
  readonly constant?: string;
  prepare(s: RunState): void;
  dict(): readonly string[];
  eval(lo: number, len: number): Int32Array;
}
export type VecNode = NumNode | BoolNode | StrNode;
