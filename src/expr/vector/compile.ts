/**
 * Compile a checked expression once into a tree of column operators; run it over whole
 * columns. No eval/new Function (the CSP forbids them) and no per-row closures or allocation:
 * each operator is one tight loop over typed arrays writing into its own reused buffer.
 */
import type { AccountTable, Column } from '../../table/columns';
import type { CheckedExpr, ValueType } from '../types';
import { Arith, Abs, DaysFromAsOf, MinMax, Neg, NumCoalesce, NumIf, Round } from './numeric';
import {
  And,
  BoolCoalesce,
  BoolEquals,
  BoolIf,
  BoolIn,
  IsMissing,
  Not,
  NumCompare,
  NumIn,
  Or,
  StrEquals,
  StrIn,
} from './logical';
import {
  BoolColumn,
  BoolConst,
  lookupColumn,
  NumBuiltin,
  NumColumn,
  NumConst,
  StrBuiltin,
  StrColumn,
  StrConst,
} from './leaves';
import { StrCoalesce, StrIf } from './strings';
import { memo } from './memo';
import {
  CHUNK,
  type BoolNode,
  type NumNode,
  type RunState,
  type StrNode,
  type VecContext,
  type VecNode,
} from './state';

function num(e: CheckedExpr): NumNode {
  const n = node(e);
  if (n.t !== 'num') throw new Error(`internal: expected a number node for ${e.kind}`);
  return n;
}
function bool(e: CheckedExpr): BoolNode {
  const n = node(e);
  if (n.t !== 'bool') throw new Error(`internal: expected a boolean node for ${e.kind}`);
  return n;
}
function str(e: CheckedExpr): StrNode {
  const n = node(e);
  if (n.t !== 'str') throw new Error(`internal: expected a text node for ${e.kind}`);
  return n;
}

/**
 * Common subexpressions: a compound subtree written twice (`days_until(d) <= 180 and
 * days_until(d) > 150`) is computed once per chunk. Keys are the subtree without positions.
 */
let shared: Map<string, { uses: number; node?: VecNode }> | null = null;

function keyOf(e: CheckedExpr): string {
  return JSON.stringify(e, (k, v) => (k === 'start' || k === 'end' ? undefined : v));
}

function countSubtrees(e: CheckedExpr, into: Map<string, { uses: number }>): void {
  const kids: CheckedExpr[] =
    e.kind === 'neg' || e.kind === 'not' || e.kind === 'in'
      ? [e.arg]
      : e.kind === 'arith' || e.kind === 'compare' || e.kind === 'logic'
        ? [e.left, e.right]
        : e.kind === 'call'
          ? e.args
          : [];
  if (kids.length === 0) return; // leaves and literals cost nothing to repeat
  const k = keyOf(e);
  const entry = into.get(k);
  if (entry) {
    entry.uses++;
    return; // its own subtrees are shared along with it
  }
  into.set(k, { uses: 1 });
  for (const c of kids) countSubtrees(c, into);
}

function node(e: CheckedExpr): VecNode {
  const entry = shared?.get(keyOf(e));
  if (entry && entry.uses > 1) {
    if (!entry.node) entry.node = memo(build(e));
    return entry.node;
  }
  return build(e);
}

function build(e: CheckedExpr): VecNode {
  switch (e.kind) {
    case 'number':
    case 'date':
      return new NumConst(e.value);
    case 'boolean':
      return new BoolConst(e.value ? 1 : 0);
    case 'string':
      return new StrConst(e.value);
    case 'field':
      if (e.type === 'number' || e.type === 'date') return new NumColumn(e.id, e.type);
      return e.type === 'boolean' ? new BoolColumn(e.id) : new StrColumn(e.id);
    case 'builtin':
      return e.name === 'score' || e.name === 'days_in_stage'
        ? new NumBuiltin(e.name)
        : new StrBuiltin(e.name);
    case 'neg':
      return new Neg(num(e.arg));
    case 'not':
      return new Not(bool(e.arg));
    case 'arith':
      return new Arith(e.op, num(e.left), num(e.right));
    case 'compare':
      if (e.operand === 'number' || e.operand === 'date')
        return new NumCompare(e.op, num(e.left), num(e.right));
      if (e.operand === 'string') return new StrEquals(e.op === '!=', str(e.left), str(e.right));
      return new BoolEquals(e.op === '!=', bool(e.left), bool(e.right));
    case 'logic':
      return e.op === 'and'
        ? new And(bool(e.left), bool(e.right))
        : new Or(bool(e.left), bool(e.right));
    case 'in':
      if (e.arg.type === 'number') return new NumIn(num(e.arg), e.list as number[], e.negated);
      if (e.arg.type === 'string') return new StrIn(str(e.arg), e.list as string[], e.negated);
      return new BoolIn(bool(e.arg), e.list as boolean[], e.negated);
    case 'call':
      return call(e);
  }
}

function call(e: Extract<CheckedExpr, { kind: 'call' }>): VecNode {
  const a = e.args;
  switch (e.fn) {
    case 'days_since':
      return new DaysFromAsOf(num(a[0]), true);
    case 'days_until':
      return new DaysFromAsOf(num(a[0]), false);
    case 'days_between':
      return new Arith('-', num(a[1]), num(a[0]));
    case 'min':
    case 'max':
      return new MinMax(a.map(num), e.fn === 'min');
    case 'abs':
      return new Abs(num(a[0]));
    case 'round':
      return new Round(num(a[0]), a.length > 1 ? (a[1] as { value: number }).value : 0);
    case 'is_missing':
      return new IsMissing(node(a[0]));
    case 'coalesce':
      if (e.type === 'number' || e.type === 'date') return new NumCoalesce(a.map(num));
      if (e.type === 'boolean') return new BoolCoalesce(a.map(bool));
      return new StrCoalesce(a.map(str));
    case 'if':
      if (e.type === 'number' || e.type === 'date')
        return new NumIf(bool(a[0]), num(a[1]), num(a[2]));
      if (e.type === 'boolean') return new BoolIf(bool(a[0]), bool(a[1]), bool(a[2]));
      return new StrIf(bool(a[0]), str(a[1]), str(a[2]));
  }
}

export interface VectorProgram {
  readonly type: ValueType;
  /**
   * Evaluate for every row. The result is a column: Float64Array (NaN = missing) for numbers
   * and dates, Uint8Array (0/1/255) for conditions, dictionary codes for text. It is the
   * program's own buffer (overwritten by the next run) or, when the expression is a bare field,
   * the table's column itself: copy it to keep it, never write to it.
   */
  run(table: AccountTable, ctx: VecContext): Column;
  /**
   * Evaluate only the given table rows (e.g. the accounts of the segments a CTA applies to).
   * The result is compact: entry k is the value for table row rows[k]. Same buffer rules as run.
   */
  runRows(table: AccountTable, ctx: VecContext, rows: Int32Array): Column;
  /**
   * A number or date program evaluated straight into `out` (length = the table's row count),
   * e.g. an array of the caller's result: no copy of the program's own buffer.
   */
  runInto(table: AccountTable, ctx: VecContext, out: Float64Array): void;
}

export function compileVector(expr: CheckedExpr): VectorProgram {
  const counts = new Map<string, { uses: number }>();
  countSubtrees(expr, counts);
  shared = counts;
  let root: VecNode;
  try {
    root = node(expr);
  } finally {
    shared = null;
  }
  const type = expr.type;
  // Result buffers are reused while they are big enough and not far too big: a caller running
  // blocks of rows (the engine) ends on a shorter block, and reallocating for it would cost two
  // allocations per program per run; a program that once ran over a big table gives the memory
  // back on its next small run.
  let f64 = new Float64Array(0);
  let u8 = new Uint8Array(0);
  let i32 = new Int32Array(0);
  return {
    type,
    run(table, ctx) {
      return exec({ table, ctx, n: table.rowCount, rows: null });
    },
    runInto(table, ctx, out) {
      if (root.t !== 'num') throw new Error(`runInto: the expression is ${type}, not a number`);
      if (out.length !== table.rowCount)
        throw new Error(`runInto: ${out.length} slots for ${table.rowCount} rows`);
      const s: RunState = { table, ctx, n: table.rowCount, rows: null };
      root.prepare(s);
      evalNum(root, out, s.n);
    },
    runRows(table, ctx, rows) {
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        if (!(r >= 0 && r < table.rowCount))
          throw new Error(`Row ${r} is outside the table's ${table.rowCount} rows.`);
      }
      return exec({ table, ctx, n: rows.length, rows });
    },
  };

  function exec(s: RunState): Column {
    const n = s.n;
    root.prepare(s);
    if (expr.kind === 'field' && !s.rows) return lookupColumn(s, expr.id, expr.type);
    if (root.t === 'num') {
      if (refit(f64.length, n)) f64 = new Float64Array(n);
      const values = f64.length === n ? f64 : f64.subarray(0, n);
      evalNum(root, values, n);
      return { type: type === 'date' ? 'date' : 'number', values };
    }
    if (root.t === 'bool') {
      if (refit(u8.length, n)) u8 = new Uint8Array(n);
      const values = u8.length === n ? u8 : u8.subarray(0, n);
      evalChunks(root as BoolNode & { out?: Uint8Array }, values, n);
      return { type: 'boolean', values };
    }
    if (refit(i32.length, n)) i32 = new Int32Array(n);
    const codes = i32.length === n ? i32 : i32.subarray(0, n);
    for (let lo = 0; lo < n; lo += CHUNK) {
      const len = Math.min(CHUNK, n - lo);
      codes.set(root.eval(lo, len).subarray(0, len), lo);
    }
    return { type: 'string', codes, dict: root.dict() as string[] };
  }
}

/** A new buffer for n rows when the current one is too small, or much bigger than needed. */
function refit(capacity: number, n: number): boolean {
  return capacity < n || capacity > Math.max(2 * n, REUSE_ROWS);
}
const REUSE_ROWS = 1 << 16;

/** Evaluate a prepared number root chunk by chunk into `values` (rows 0..n-1). */
function evalNum(root: NumNode, values: Float64Array, n: number): void {
  evalChunks(root as NumNode & { out?: Float64Array }, values, n);
}

/**
 * A prepared number or boolean root, chunk by chunk, into `values` (rows 0..n-1). A root with a
 * buffer of its own writes straight into the result; literals and columns are copied.
 */
function evalChunks<A extends Float64Array | Uint8Array>(
  r: { out?: A; eval(lo: number, len: number): A },
  values: A,
  n: number,
): void {
  const own = r.out;
  try {
    for (let lo = 0; lo < n; lo += CHUNK) {
      const len = Math.min(CHUNK, n - lo);
      if (own) r.out = values.subarray(lo, lo + len) as A;
      const got = r.eval(lo, len);
      if (got !== r.out) values.set(got.subarray(0, len), lo);
    }
  } finally {
    if (own) r.out = own;
  }
}
