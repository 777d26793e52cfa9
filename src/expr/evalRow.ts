/**
 * Per-row evaluation of a checked expression: one account at a time, for explanations ("the
 * values that made the trigger true") and tests. The vectorised evaluator (vector/) is what the
 * engine runs; a property test keeps the two equal.
 *
 * Values: numbers, strings, booleans; dates as ISO 'YYYY-MM-DD' on the way in and out
 * (day numbers are accepted too); null = missing. NaN in is missing.
 */
import { daysToIso, isoToDays } from '../table/columns';
import { pow10, roundHalfAway } from './round';
import type { BuiltinName, CheckedExpr } from './types';

export type ExprValue = number | string | boolean | null;

export interface RowContext {
  /** The as-of date in days since 1970-01-01 (`isoToDays('2026-11-23')`). */
  asOfDays: number;
  /** Built-in values for this account (score, color, segment, stage, days_in_stage). */
  builtins?: Partial<Record<BuiltinName, ExprValue>>;
}

export interface RowResult {
  /** The result (dates as ISO strings); null = missing ("unknown" for conditions). */
  value: ExprValue;
  /** Every field and built-in the expression read, by name, with the value it saw (dates as ISO). */
  reads: Record<string, ExprValue>;
}

/** Internal value: dates are day numbers. */
type V = number | string | boolean | null;

function normalise(v: unknown, type: CheckedExpr['type']): V {
  if (v === null || v === undefined) return null;
  if (type === 'date') {
    if (typeof v === 'number') return Number.isNaN(v) ? null : v;
    const d = isoToDays(String(v));
    return Number.isNaN(d) ? null : d;
  }
  if (type === 'number') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isNaN(n) ? null : n;
  }
  if (type === 'boolean') return typeof v === 'boolean' ? v : null;
  return String(v);
}

function outward(v: V, type: CheckedExpr['type']): ExprValue {
  return type === 'date' && typeof v === 'number' ? daysToIso(v) : v;
}

/** obj[key] = value as an own data property, even for `__proto__` (which `=` would treat as the prototype). */
function setOwn(obj: Record<string, ExprValue>, key: string, value: ExprValue): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

class RowEval {
  readonly reads: Record<string, ExprValue> = {};
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    private readonly ctx: RowContext,
  ) {}

  eval(e: CheckedExpr): V {
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'boolean':
      case 'date':
        return e.value;
      case 'field': {
        // Own keys only: a field may be named `constructor` or `__proto__`.
        const v = normalise(Object.hasOwn(this.values, e.id) ? this.values[e.id] : null, e.type);
        setOwn(this.reads, e.id, outward(v, e.type));
        return v;
      }
      case 'builtin': {
        const v = normalise(this.ctx.builtins?.[e.name], e.type);
        setOwn(this.reads, e.name, outward(v, e.type));
        return v;
      }
      case 'neg': {
        const a = this.eval(e.arg) as number | null;
        return a === null ? null : -a;
      }
      case 'not': {
        const a = this.eval(e.arg) as boolean | null;
        return a === null ? null : !a;
      }
      case 'arith': {
        const l = this.eval(e.left) as number | null;
        const r = this.eval(e.right) as number | null;
        if (l === null || r === null) return null;
        switch (e.op) {
          case '+':
            return l + r;
          case '-':
            return l - r;
          case '*':
            return l * r;
          case '/':
            return r === 0 ? null : l / r;
        }
        break;
      }
      case 'compare': {
        const l = this.eval(e.left);
        const r = this.eval(e.right);
        if (l === null || r === null) return null;
        switch (e.op) {
          case '==':
            return l === r;
          case '!=':
            return l !== r;
          case '<':
            return l < r;
          case '<=':
            return l <= r;
          case '>':
            return l > r;
          case '>=':
            return l >= r;
        }
        break;
      }
      case 'logic': {
        // Kleene: false dominates `and`, true dominates `or`, otherwise unknown stays unknown.
        const l = this.eval(e.left) as boolean | null;
        const r = this.eval(e.right) as boolean | null;
        if (e.op === 'and')
          return l === false || r === false ? false : l === null || r === null ? null : true;
        return l === true || r === true ? true : l === null || r === null ? null : false;
      }
      case 'in': {
        const a = this.eval(e.arg);
        if (a === null) return null;
        const found = e.list.includes(a as number | string | boolean);
        return e.negated ? !found : found;
      }
      case 'call':
        return this.call(e);
    }
    return null;
  }

  private call(e: Extract<CheckedExpr, { kind: 'call' }>): V {
    const args = e.args;
    switch (e.fn) {
      case 'days_since': {
        const d = this.eval(args[0]) as number | null;
        return d === null ? null : this.ctx.asOfDays - d;
      }
      case 'days_until': {
        const d = this.eval(args[0]) as number | null;
        return d === null ? null : d - this.ctx.asOfDays;
      }
      case 'days_between': {
        const a = this.eval(args[0]) as number | null;
        const b = this.eval(args[1]) as number | null;
        return a === null || b === null ? null : b - a;
      }
      case 'coalesce': {
        // Every argument is read (and reported), as SQL may evaluate them all.
        let out: V = null;
        for (const a of args) {
          const v = this.eval(a);
          if (out === null) out = v;
        }
        return out;
      }
      case 'min':
      case 'max': {
        let out: number | null = null;
        let missing = false;
        for (const a of args) {
          const v = this.eval(a) as number | null;
          if (v === null) missing = true;
          else out = out === null ? v : e.fn === 'min' ? Math.min(out, v) : Math.max(out, v);
        }
        return missing ? null : out;
      }
      case 'abs': {
        const x = this.eval(args[0]) as number | null;
        return x === null ? null : Math.abs(x);
      }
      case 'round': {
        const x = this.eval(args[0]) as number | null;
        const digits = args.length > 1 ? (args[1] as { value: number }).value : 0;
        return x === null ? null : roundHalfAway(x, pow10(digits));
      }
      case 'is_missing':
        return this.eval(args[0]) === null;
      case 'if': {
        const c = this.eval(args[0]);
        const a = this.eval(args[1]);
        const b = this.eval(args[2]);
        return c === true ? a : b;
      }
    }
  }
}

/** Evaluate for one account. `values` by field id (as `cellValue` gives them). */
export function evaluateRow(
  expr: CheckedExpr,
  values: Readonly<Record<string, unknown>>,
  ctx: RowContext,
): RowResult {
  const ev = new RowEval(values, ctx);
  const v = ev.eval(expr);
  return { value: outward(v, expr.type), reads: ev.reads };
}
