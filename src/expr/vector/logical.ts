/**
 * Three-valued (Kleene) boolean column operators and comparisons. Bytes: 0 false, 1 true,
 * 255 unknown (missing). Comparisons with a missing operand are unknown, as in SQL.
 */
import type { CompareOp } from '../types';
import {
  CHUNK,
  MISSING_BOOL,
  type BoolNode,
  type NumNode,
  type RunState,
  type StrNode,
  type VecNode,
} from './state';

/**
 * The unknown byte as a module-local constant: an imported binding read inside a hot loop
 * becomes a property load through the module loader's getter (tsx, vite-node), 3x slower.
 */
const U = 255;
if (U !== MISSING_BOOL) throw new Error('internal: MISSING_BOOL changed');

/**
 * Kleene truth tables indexed by (x << 8) | y: false dominates `and`, true dominates `or`,
 * otherwise unknown stays unknown. A table lookup has no branch to mispredict.
 */
const AND = new Uint8Array(1 << 16);
const OR = new Uint8Array(1 << 16);
const NOT = new Uint8Array(256);
for (const x of [0, 1, U]) {
  NOT[x] = x === U ? U : 1 - x;
  for (const y of [0, 1, U]) {
    AND[(x << 8) | y] = x === 0 || y === 0 ? 0 : x === U || y === U ? U : 1;
    OR[(x << 8) | y] = x === 1 || y === 1 ? 1 : x === U || y === U ? U : 0;
  }
}

/**
 * Four rows at a time (SWAR): the bytes 0, 1, 255 seen as 32-bit words. Bit 0 of a byte is set
 * for 1 and 255 (known-true or unknown, i.e. not false); a byte is 1 exactly when bit 0 is set
 * and bit 1 is not. Per byte, with x, y the operands:
 *   and = (x | y) where both are not false, else 0     — 1|1 = 1, 1|255 = 255, 255|255 = 255
 *   or  = 1 where either is 1, else x | y               — 0|0 = 0, 0|255 = 255, 255|255 = 255
 * A 0/1 flag per byte times 0xff is the byte mask (no carry between bytes). About 2.5 times
 * faster than the table lookup per row; rows past the last whole word use the tables.
 */
const LOW_BITS = 0x01010101;

/** A Uint32Array over the first n >> 2 words, or null when the bytes do not start on a word. */
function words(a: Uint8Array, n: number): Uint32Array | null {
  return a.byteOffset & 3 ? null : new Uint32Array(a.buffer, a.byteOffset, n >> 2);
}

function andWords(out: Uint32Array, a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < out.length; i++) {
    const x = a[i],
      y = b[i];
    out[i] = (x | y) & Math.imul(x & y & LOW_BITS, 0xff);
  }
}

function orWords(out: Uint32Array, a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < out.length; i++) {
    const x = a[i],
      y = b[i];
    const one = ((x & ~(x >>> 1)) | (y & ~(y >>> 1))) & LOW_BITS;
    out[i] = ((x | y) & ~Math.imul(one, 0xff)) | one;
  }
}

/** 255 when x is missing (NaN), else 0: OR-ed into a comparison's 0/1. */
function nanByte(x: number): number {
  return +(x !== x) * U;
}

/** Row 4w + k is byte k of word w (bits 8k..8k+7) on little-endian machines (all JS targets). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** x op c for whole words of four rows; false when op has no word loop. */
function orderWords(op: CompareOp, a: Float64Array, c: number, out: Uint32Array): boolean {
  switch (op) {
    case '<':
      ltWords(a, c, out);
      return true;
    case '<=':
      leWords(a, c, out);
      return true;
    case '>':
      gtWords(a, c, out);
      return true;
    case '>=':
      geWords(a, c, out);
      return true;
    default:
      return false;
  }
}

function ltWords(a: Float64Array, c: number, out: Uint32Array): void {
  for (let w = 0, i = 0; w < out.length; w++, i += 4) {
    const x0 = a[i],
      x1 = a[i + 1],
      x2 = a[i + 2],
      x3 = a[i + 3];
    out[w] =
      +(x0 < c) |
      nanByte(x0) |
      ((+(x1 < c) | nanByte(x1)) << 8) |
      ((+(x2 < c) | nanByte(x2)) << 16) |
      ((+(x3 < c) | nanByte(x3)) << 24);
  }
}
function leWords(a: Float64Array, c: number, out: Uint32Array): void {
  for (let w = 0, i = 0; w < out.length; w++, i += 4) {
    const x0 = a[i],
      x1 = a[i + 1],
      x2 = a[i + 2],
      x3 = a[i + 3];
    out[w] =
      +(x0 <= c) |
      nanByte(x0) |
      ((+(x1 <= c) | nanByte(x1)) << 8) |
      ((+(x2 <= c) | nanByte(x2)) << 16) |
      ((+(x3 <= c) | nanByte(x3)) << 24);
  }
}
function gtWords(a: Float64Array, c: number, out: Uint32Array): void {
  for (let w = 0, i = 0; w < out.length; w++, i += 4) {
    const x0 = a[i],
      x1 = a[i + 1],
      x2 = a[i + 2],
      x3 = a[i + 3];
    out[w] =
      +(x0 > c) |
      nanByte(x0) |
      ((+(x1 > c) | nanByte(x1)) << 8) |
      ((+(x2 > c) | nanByte(x2)) << 16) |
      ((+(x3 > c) | nanByte(x3)) << 24);
  }
}
function geWords(a: Float64Array, c: number, out: Uint32Array): void {
  for (let w = 0, i = 0; w < out.length; w++, i += 4) {
    const x0 = a[i],
      x1 = a[i + 1],
      x2 = a[i + 2],
      x3 = a[i + 3];
    out[w] =
      +(x0 >= c) |
      nanByte(x0) |
      ((+(x1 >= c) | nanByte(x1)) << 8) |
      ((+(x2 >= c) | nanByte(x2)) << 16) |
      ((+(x3 >= c) | nanByte(x3)) << 24);
  }
}

abstract class BoolOut implements BoolNode {
  readonly t = 'bool';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Uint8Array = new Uint8Array(CHUNK);
  constructor(protected readonly kids: VecNode[]) {}
  prepare(s: RunState): void {
    for (const k of this.kids) k.prepare(s);
  }
  abstract eval(lo: number, n: number): Uint8Array;
}

export class NumCompare extends BoolOut {
  constructor(
    private readonly op: CompareOp,
    private readonly l: NumNode,
    private readonly r: NumNode,
  ) {
    super([l, r]);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out;
    const rc = this.r.constant;
    const a = this.l.eval(lo, n);
    if (rc !== undefined) {
      // Branch-free: the comparison is 0/1, OR-ed with 255 when x is NaN (x !== x); 1 | 255 = 255.
      // Random data mispredicts branches; this is about three times faster. Order comparisons
      // (the usual thresholds) write four result bytes as one word; the rest go a byte at a time.
      const ow = LITTLE_ENDIAN ? words(out, n) : null;
      const from = ow && orderWords(this.op, a, rc, ow) ? ow.length << 2 : 0;
      switch (this.op) {
        case '==':
          for (let i = from; i < n; i++) {
            const x = a[i];
            out[i] = +(x === rc) | (+(x !== x) * U);
          }
          break;
        case '!=':
          for (let i = from; i < n; i++) {
            const x = a[i];
            out[i] = +(x !== rc) | (+(x !== x) * U);
          }
          break;
        case '<':
          for (let i = from; i < n; i++) {
            const x = a[i];
            out[i] = +(x < rc) | (+(x !== x) * U);
          }
          break;
        case '<=':
          for (let i = from; i < n; i++) {
            const x = a[i];
            out[i] = +(x <= rc) | (+(x !== x) * U);
          }
          break;
        case '>':
          for (let i = from; i < n; i++) {
            const x = a[i];
            out[i] = +(x > rc) | (+(x !== x) * U);
          }
          break;
        case '>=':
          for (let i = from; i < n; i++) {
            const x = a[i];
            out[i] = +(x >= rc) | (+(x !== x) * U);
          }
          break;
      }
      return out;
    }
    const b = this.r.eval(lo, n);
    switch (this.op) {
      case '==':
        for (let i = 0; i < n; i++) {
          const x = a[i],
            y = b[i];
          out[i] = +(x === y) | ((+(x !== x) | +(y !== y)) * U);
        }
        break;
      case '!=':
        for (let i = 0; i < n; i++) {
          const x = a[i],
            y = b[i];
          out[i] = +(x !== y) | ((+(x !== x) | +(y !== y)) * U);
        }
        break;
      case '<':
        for (let i = 0; i < n; i++) {
          const x = a[i],
            y = b[i];
          out[i] = +(x < y) | ((+(x !== x) | +(y !== y)) * U);
        }
        break;
      case '<=':
        for (let i = 0; i < n; i++) {
          const x = a[i],
            y = b[i];
          out[i] = +(x <= y) | ((+(x !== x) | +(y !== y)) * U);
        }
        break;
      case '>':
        for (let i = 0; i < n; i++) {
          const x = a[i],
            y = b[i];
          out[i] = +(x > y) | ((+(x !== x) | +(y !== y)) * U);
        }
        break;
      case '>=':
        for (let i = 0; i < n; i++) {
          const x = a[i],
            y = b[i];
          out[i] = +(x >= y) | ((+(x !== x) | +(y !== y)) * U);
        }
        break;
    }
    return out;
  }
}

/** Where each code of `from`'s dictionary sits in `to`'s (-2 when absent), built once per run. */
function remapDict(from: readonly string[], to: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  for (let i = 0; i < to.length; i++) index.set(to[i], i);
  const map = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) map[i] = index.get(from[i]) ?? -2;
  return map;
}

/**
 * Text equality. Against a literal, the literal is resolved to a code once per run; two text
 * columns are compared through a remap of one dictionary onto the other, built once per run.
 */
export class StrEquals extends BoolOut {
  private mode: 'lit-right' | 'lit-left' | 'cols' = 'cols';
  private code = -1;
  private map: Int32Array = new Int32Array(0);
  constructor(
    private readonly negate: boolean,
    private readonly l: StrNode,
    private readonly r: StrNode,
  ) {
    super([l, r]);
  }
  override prepare(s: RunState): void {
    super.prepare(s);
    if (this.r.constant !== undefined && this.l.constant === undefined) {
      this.mode = 'lit-right';
      this.code = this.l.dict().indexOf(this.r.constant);
    } else if (this.l.constant !== undefined && this.r.constant === undefined) {
      this.mode = 'lit-left';
      this.code = this.r.dict().indexOf(this.l.constant);
    } else {
      this.mode = 'cols';
      this.map = remapDict(this.r.dict(), this.l.dict());
    }
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out;
    const eq = this.negate ? 0 : 1,
      ne = 1 - eq;
    if (this.mode !== 'cols') {
      const c = this.mode === 'lit-right' ? this.l.eval(lo, n) : this.r.eval(lo, n);
      const code = this.code;
      // Branch-free as in NumCompare; a missing code (-1) ORs in 255.
      if (eq)
        for (let i = 0; i < n; i++) {
          const k = c[i];
          out[i] = +(k === code) | (+(k < 0) * U);
        }
      else
        for (let i = 0; i < n; i++) {
          const k = c[i];
          out[i] = +(k !== code) | (+(k < 0) * U);
        }
      return out;
    }
    const ca = this.l.eval(lo, n),
      cb = this.r.eval(lo, n),
      map = this.map;
    for (let i = 0; i < n; i++) {
      const x = ca[i],
        y = cb[i];
      out[i] = x < 0 || y < 0 ? U : map[y] === x ? eq : ne;
    }
    return out;
  }
}

export class BoolEquals extends BoolOut {
  constructor(
    private readonly negate: boolean,
    private readonly l: BoolNode,
    private readonly r: BoolNode,
  ) {
    super([l, r]);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      a = this.l.eval(lo, n),
      b = this.r.eval(lo, n);
    const eq = this.negate ? 0 : 1,
      ne = 1 - eq;
    for (let i = 0; i < n; i++) {
      const x = a[i],
        y = b[i];
      out[i] = x === U || y === U ? U : x === y ? eq : ne;
    }
    return out;
  }
}

/** `and`/`or` over n rows: whole words four rows at a time, the last few rows by the truth table. */
function kleene(
  out: Uint8Array,
  a: Uint8Array,
  b: Uint8Array,
  n: number,
  wordOp: (o: Uint32Array, x: Uint32Array, y: Uint32Array) => void,
  table: Uint8Array,
): Uint8Array {
  const ow = words(out, n),
    aw = words(a, n),
    bw = words(b, n);
  let from = 0;
  if (ow && aw && bw) {
    wordOp(ow, aw, bw);
    from = ow.length << 2;
  }
  for (let i = from; i < n; i++) out[i] = table[(a[i] << 8) | b[i]];
  return out;
}

export class And extends BoolOut {
  constructor(
    private readonly l: BoolNode,
    private readonly r: BoolNode,
  ) {
    super([l, r]);
  }
  eval(lo: number, n: number): Uint8Array {
    return kleene(this.out, this.l.eval(lo, n), this.r.eval(lo, n), n, andWords, AND);
  }
}

export class Or extends BoolOut {
  constructor(
    private readonly l: BoolNode,
    private readonly r: BoolNode,
  ) {
    super([l, r]);
  }
  eval(lo: number, n: number): Uint8Array {
    return kleene(this.out, this.l.eval(lo, n), this.r.eval(lo, n), n, orWords, OR);
  }
}

export class Not extends BoolOut {
  constructor(private readonly a: BoolNode) {
    super([a]);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      a = this.a.eval(lo, n);
    for (let i = 0; i < n; i++) out[i] = NOT[a[i]];
    return out;
  }
}

export class NumIn extends BoolOut {
  private readonly list: Float64Array;
  constructor(
    private readonly a: NumNode,
    list: number[],
    private readonly negate: boolean,
  ) {
    super([a]);
    this.list = Float64Array.from(list);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      a = this.a.eval(lo, n),
      list = this.list,
      m = list.length;
    const hit = this.negate ? 0 : 1,
      miss = 1 - hit;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      if (x !== x) {
        out[i] = U;
        continue;
      }
      let found = miss;
      for (let k = 0; k < m; k++)
        if (list[k] === x) {
          found = hit;
          break;
        }
      out[i] = found;
    }
    return out;
  }
}

/** Text `in`: a membership byte per dictionary entry, built once per run. */
export class StrIn extends BoolOut {
  private readonly set: ReadonlySet<string>;
  private member = new Uint8Array(0);
  constructor(
    private readonly a: StrNode,
    list: string[],
    private readonly negate: boolean,
  ) {
    super([a]);
    this.set = new Set(list);
  }
  override prepare(s: RunState): void {
    super.prepare(s);
    const dict = this.a.dict();
    const hit = this.negate ? 0 : 1;
    // Shifted by one so the missing code -1 reads entry 0 (unknown) without a branch.
    this.member = new Uint8Array(dict.length + 1);
    this.member[0] = U;
    for (let k = 0; k < dict.length; k++)
      this.member[k + 1] = this.set.has(dict[k]) ? hit : 1 - hit;
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      c = this.a.eval(lo, n),
      member = this.member;
    for (let i = 0; i < n; i++) out[i] = member[c[i] + 1];
    return out;
  }
}

export class BoolIn extends BoolOut {
  constructor(
    private readonly a: BoolNode,
    private readonly list: boolean[],
    private readonly negate: boolean,
  ) {
    super([a]);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      a = this.a.eval(lo, n);
    const hit = this.negate ? 0 : 1,
      miss = 1 - hit;
    const t = this.list.includes(true) ? hit : miss,
      f = this.list.includes(false) ? hit : miss;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      out[i] = x === U ? U : x === 1 ? t : f;
    }
    return out;
  }
}

/** is_missing(x): never unknown. */
export class IsMissing extends BoolOut {
  constructor(private readonly a: VecNode) {
    super([a]);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      a = this.a;
    if (a.t === 'num') {
      const v = a.eval(lo, n);
      for (let i = 0; i < n; i++) out[i] = +(v[i] !== v[i]);
    } else if (a.t === 'bool') {
      const v = a.eval(lo, n);
      for (let i = 0; i < n; i++) out[i] = v[i] === U ? 1 : 0;
    } else {
      const c = a.eval(lo, n);
      for (let i = 0; i < n; i++) out[i] = c[i] < 0 ? 1 : 0;
    }
    return out;
  }
}

export class BoolCoalesce extends BoolOut {
  constructor(private readonly args: BoolNode[]) {
    super(args);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out;
    out.set(this.args[0].eval(lo, n).subarray(0, n));
    for (let k = 1; k < this.args.length; k++) {
      const b = this.args[k].eval(lo, n);
      for (let i = 0; i < n; i++) if (out[i] === U) out[i] = b[i];
    }
    return out;
  }
}

export class BoolIf extends BoolOut {
  constructor(
    private readonly c: BoolNode,
    private readonly a: BoolNode,
    private readonly b: BoolNode,
  ) {
    super([c, a, b]);
  }
  eval(lo: number, n: number): Uint8Array {
    const out = this.out,
      c = this.c.eval(lo, n),
      a = this.a.eval(lo, n),
      b = this.b.eval(lo, n);
    for (let i = 0; i < n; i++) out[i] = c[i] === 1 ? a[i] : b[i];
    return out;
  }
}
