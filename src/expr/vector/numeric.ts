/**
 * Number (and date) column operators. NaN is missing and IEEE arithmetic carries it through,
 * so most loops need no test; division tests for a zero divisor (missing, like NULLIF in SQL).
 * A literal operand takes a scalar loop instead of reading a filled buffer.
 */
import type { ArithOp } from '../types';
import { pow10 } from '../round';
import { CHUNK, type BoolNode, type NumNode, type RunState } from './state';

/** Adding NaN where the divisor is 0 makes x / 0 missing without a branch (adding 0 keeps the rest). */
const ZERO_TO_NAN = new Float64Array([0, NaN]);

export class Arith implements NumNode {
  readonly t = 'num';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Float64Array = new Float64Array(CHUNK);
  constructor(
    private readonly op: ArithOp,
    private readonly l: NumNode,
    private readonly r: NumNode,
  ) {}
  prepare(s: RunState): void {
    this.l.prepare(s);
    this.r.prepare(s);
  }
  eval(lo: number, n: number): Float64Array {
    const out = this.out;
    const rc = this.r.constant,
      lc = this.l.constant;
    if (rc !== undefined) {
      const a = this.l.eval(lo, n);
      switch (this.op) {
        case '+':
          for (let i = 0; i < n; i++) out[i] = a[i] + rc;
          break;
        case '-':
          for (let i = 0; i < n; i++) out[i] = a[i] - rc;
          break;
        case '*':
          for (let i = 0; i < n; i++) out[i] = a[i] * rc;
          break;
        case '/':
          if (rc === 0) out.fill(NaN, 0, n);
          else for (let i = 0; i < n; i++) out[i] = a[i] / rc;
          break;
      }
      return out;
    }
    if (lc !== undefined) {
      const b = this.r.eval(lo, n);
      switch (this.op) {
        case '+':
          for (let i = 0; i < n; i++) out[i] = lc + b[i];
          break;
        case '-':
          for (let i = 0; i < n; i++) out[i] = lc - b[i];
          break;
        case '*':
          for (let i = 0; i < n; i++) out[i] = lc * b[i];
          break;
        case '/':
          for (let i = 0; i < n; i++) {
            const d = b[i];
            out[i] = lc / d + ZERO_TO_NAN[+(d === 0)];
          }
          break;
      }
      return out;
    }
    const a = this.l.eval(lo, n),
      b = this.r.eval(lo, n);
    switch (this.op) {
      case '+':
        for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
        break;
      case '-':
        for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
        break;
      case '*':
        for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
        break;
      case '/':
        for (let i = 0; i < n; i++) {
          const d = b[i];
          out[i] = a[i] / d + ZERO_TO_NAN[+(d === 0)];
        }
        break;
    }
    return out;
  }
}

/** One-argument number functions. */
abstract class Unary implements NumNode {
  readonly t = 'num';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Float64Array = new Float64Array(CHUNK);
  constructor(protected readonly a: NumNode) {}
  prepare(s: RunState): void {
    this.a.prepare(s);
  }
  abstract eval(lo: number, n: number): Float64Array;
}

export class Neg extends Unary {
  eval(lo: number, n: number): Float64Array {
    const out = this.out,
      a = this.a.eval(lo, n);
    for (let i = 0; i < n; i++) out[i] = -a[i];
    return out;
  }
}

export class Abs extends Unary {
  eval(lo: number, n: number): Float64Array {
    const out = this.out,
      a = this.a.eval(lo, n);
    for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]);
    return out;
  }
}

export class Round extends Unary {
  private readonly factor: number;
  constructor(a: NumNode, digits: number) {
    super(a);
    this.factor = pow10(digits);
  }
  eval(lo: number, n: number): Float64Array {
    const out = this.out,
      a = this.a.eval(lo, n),
      f = this.factor;
    // roundHalfAway (round.ts) written out: an imported function called per row goes through
    // the module loader's getter. The property test keeps the two identical.
    for (let i = 0; i < n; i++) {
      const x = a[i];
      out[i] = x < 0 ? -Math.floor(-x * f + 0.5) / f : Math.floor(x * f + 0.5) / f;
    }
    return out;
  }
}

/** days_since (asOf − d), days_until (d − asOf): day numbers, NaN stays NaN. */
export class DaysFromAsOf extends Unary {
  private asOf = 0;
  constructor(
    a: NumNode,
    private readonly since: boolean,
  ) {
    super(a);
  }
  override prepare(s: RunState): void {
    super.prepare(s);
    this.asOf = s.ctx.asOfDays;
  }
  eval(lo: number, n: number): Float64Array {
    const out = this.out,
      a = this.a.eval(lo, n),
      asOf = this.asOf;
    if (this.since) for (let i = 0; i < n; i++) out[i] = asOf - a[i];
    else for (let i = 0; i < n; i++) out[i] = a[i] - asOf;
    return out;
  }
}

/** Operators over two or more number arguments. */
abstract class Nary implements NumNode {
  readonly t = 'num';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Float64Array = new Float64Array(CHUNK);
  constructor(protected readonly args: NumNode[]) {}
  prepare(s: RunState): void {
    for (const a of this.args) a.prepare(s);
  }
  abstract eval(lo: number, n: number): Float64Array;
}

/** min/max; any missing argument makes the row missing (Math.min/max return NaN for NaN). */
export class MinMax extends Nary {
  constructor(
    args: NumNode[],
    private readonly isMin: boolean,
  ) {
    super(args);
  }
  eval(lo: number, n: number): Float64Array {
    const out = this.out;
    out.set(this.args[0].eval(lo, n).subarray(0, n));
    for (let k = 1; k < this.args.length; k++) {
      const b = this.args[k].eval(lo, n);
      if (this.isMin) for (let i = 0; i < n; i++) out[i] = Math.min(out[i], b[i]);
      else for (let i = 0; i < n; i++) out[i] = Math.max(out[i], b[i]);
    }
    return out;
  }
}

export class NumCoalesce extends Nary {
  eval(lo: number, n: number): Float64Array {
    const out = this.out;
    out.set(this.args[0].eval(lo, n).subarray(0, n));
    for (let k = 1; k < this.args.length; k++) {
      const b = this.args[k].eval(lo, n);
      for (let i = 0; i < n; i++) if (out[i] !== out[i]) out[i] = b[i];
    }
    return out;
  }
}

/** if(cond, a, b): a where cond is true, b where it is false or unknown (SQL CASE WHEN). */
export class NumIf implements NumNode {
  readonly t = 'num';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Float64Array = new Float64Array(CHUNK);
  constructor(
    private readonly c: BoolNode,
    private readonly a: NumNode,
    private readonly b: NumNode,
  ) {}
  prepare(s: RunState): void {
    this.c.prepare(s);
    this.a.prepare(s);
    this.b.prepare(s);
  }
  eval(lo: number, n: number): Float64Array {
    const out = this.out,
      c = this.c.eval(lo, n),
      a = this.a.eval(lo, n),
      b = this.b.eval(lo, n);
    for (let i = 0; i < n; i++) out[i] = c[i] === 1 ? a[i] : b[i];
    return out;
  }
}
