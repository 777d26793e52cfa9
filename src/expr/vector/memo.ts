/**
 * A node used by several parents (a common subexpression): evaluated once per chunk, its
 * result handed to every parent. Parents only read a child's result before the next chunk.
 */
import type { BoolNode, NumNode, RunState, StrNode, VecNode } from './state';

class MemoNum implements NumNode {
  readonly t = 'num';
  private lo = -1;
  private res: Float64Array = new Float64Array(0);
  constructor(private readonly inner: NumNode) {}
  prepare(s: RunState): void {
    this.lo = -1;
    this.inner.prepare(s);
  }
  eval(lo: number, n: number): Float64Array {
    if (lo !== this.lo) {
      this.res = this.inner.eval(lo, n);
      this.lo = lo;
    }
    return this.res;
  }
}

class MemoBool implements BoolNode {
  readonly t = 'bool';
  private lo = -1;
  private res: Uint8Array = new Uint8Array(0);
  constructor(private readonly inner: BoolNode) {}
  prepare(s: RunState): void {
    this.lo = -1;
    this.inner.prepare(s);
  }
  eval(lo: number, n: number): Uint8Array {
    if (lo !== this.lo) {
      this.res = this.inner.eval(lo, n);
      this.lo = lo;
    }
    return this.res;
  }
}

class MemoStr implements StrNode {
  readonly t = 'str';
  private lo = -1;
  private res: Int32Array = new Int32Array(0);
  constructor(private readonly inner: StrNode) {}
  prepare(s: RunState): void {
    this.lo = -1;
    this.inner.prepare(s);
  }
  dict(): readonly string[] {
    return this.inner.dict();
  }
  eval(lo: number, n: number): Int32Array {
    if (lo !== this.lo) {
      this.res = this.inner.eval(lo, n);
      this.lo = lo;
    }
    return this.res;
  }
}

export function memo(n: VecNode): VecNode {
  return n.t === 'num' ? new MemoNum(n) : n.t === 'bool' ? new MemoBool(n) : new MemoStr(n);
}
