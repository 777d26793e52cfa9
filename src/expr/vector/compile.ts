/**
 * Compile a checked expression once into a tree of column operators; run it over whole
 * columns. No eval/new Function (the CSP forbids them) and no per-row closures or allocation:
 * each operator is one tight loop over typed arrays writing into its own reused buffer.
 */
import type { AccountTable, Column } from '../../table/columns';
import type { CheckedExpr, ValueType } from '../types';
import { Arith, Abs, DaysFromAsOf, MinMax, Neg, NumCoalesce, NumIf, Round } from './numeric';
import { And, BoolCoalesce, BoolEquals, BoolIf, BoolIn, IsMissing, Not, NumCompare, NumIn, Or, StrEquals, StrIn } from './logical';
import { BoolColumn, BoolConst, lookupColumn, NumBuiltin, NumColumn, NumConst, StrBuiltin, StrColumn, StrConst } from './leaves';
import { StrCoalesce, StrIf } from './strings';
import { memo } from './memo';
import { CHUNK, type BoolNode, type NumNode, type RunState, type StrNode, type VecContext, type VecNode } from './state';

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
    e.kind === 'neg' || e.kind === 'not' || e.kind === 'in' ? [e.arg]
      : e.kind === 'arith' || e.kind === 'compare' || e.kind === 'logic' ? [e.left, e.right]
        : e.kind === 'call' ? e.args : [];
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
      return e.name === 'score' || e.name === 'days_in_stage' ? new NumBuiltin(e.name) : new StrBuiltin(e.name);
    case 'neg':
      return new Neg(num(e.arg));
    case 'not':
      return new Not(bool(e.arg));
    case 'arith':
      return new Arith(e.op, num(e.left), num(e.right));
    case 'compare':
      if (e.operand === 'number' || e.operand === 'date') return new NumCompare(e.op, num(e.left), num(e.right));
      if (e.operand === 'string') return new StrEquals(e.op === '!=', str(e.left), str(e.right));
      return new BoolEquals(e.op === '!=', bool(e.left), bool(e.right));
    case 'logic':
      return e.op === 'and' ? new And(bool(e.left), bool(e.right)) : new Or(bool(e.left), bool(e.right));
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
      if (e.type === 'number' || e.type === 'date') return new NumIf(bool(a[0]), num(a[1]), num(a[2]));
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
  let f64 = new Float64Array(0);
  let u8 = new Uint8Array(0);
  let i32 = new Int32Array(0);
  return {
    type,
    run(table, ctx) {
      return exec({ table, ctx, n: table.rowCount, rows: null });
    },
    runRows(table, ctx, rows) {
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        if (!(r >= 0 && r < table.rowCount)) throw new Error(`Row ${r} is outside the table's ${table.rowCount} rows.`);
      }
      return exec({ table, ctx, n: rows.length, rows });
    },
  };

  function exec(s: RunState): Column {
    const n = s.n;
    root.prepare(s);
    if (expr.kind === 'field' && !s.rows) return lookupColumn(s, expr.id, expr.type);
    if (root.t === 'num') {
      if (f64.length !== n) f64 = new Float64Array(n);
      const r = root as NumNode & { out?: Float64Array };
      const own = r.out;
      try {
        for (let lo = 0; lo < n; lo += CHUNK) {
          const len = Math.min(CHUNK, n - lo);
          // The root writes straight into the result; literals and columns are copied.
          if (own) r.out = f64.subarray(lo, lo + len);
          const got = r.eval(lo, len);
          if (got !== r.out) f64.set(got.subarray(0, len), lo);
        }
      } finally {
        if (own) r.out = own;
      }
      return { type: type === 'date' ? 'date' : 'number', values: f64 };
    }
    if (root.t === 'bool') {
      if (u8.length !== n) u8 = new Uint8Array(n);
      const r = root as BoolNode & { out?: Uint8Array };
      const own = r.out;
      try {
        for (let lo = 0; lo < n; lo += CHUNK) {
          const len = Math.min(CHUNK, n - lo);
          if (own) r.out = u8.subarray(lo, lo + len);
          const got = r.eval(lo, len);
          if (got !== r.out) u8.set(got.subarray(0, len), lo);
        }
      } finally {
        if (own) r.out = own;
      }
      return { type: 'boolean', values: u8 };
    }
    if (i32.length !== n) i32 = new Int32Array(n);
    for (let lo = 0; lo < n; lo += CHUNK) {
      const len = Math.min(CHUNK, n - lo);
      i32.set(root.eval(lo, len).subarray(0, len), lo);
    }
    return { type: 'string', codes: i32, dict: root.dict() as string[] };
  }
}
