/** Text-producing operators (coalesce, if): the inputs' dictionaries are merged once per run. */
import { CHUNK, type BoolNode, type RunState, type StrNode } from './state';

/** A union dictionary and, per input, the code of each of its entries in the union. */
function mergeDicts(inputs: ReadonlyArray<readonly string[]>): {
  dict: string[];
  maps: Int32Array[];
} {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const maps = inputs.map((d) => {
    const m = new Int32Array(d.length);
    for (let k = 0; k < d.length; k++) {
      const s = d[k];
      let code = index.get(s);
      if (code === undefined) {
        code = dict.length;
        dict.push(s);
        index.set(s, code);
      }
      m[k] = code;
    }
    return m;
  });
  return { dict, maps };
}

export class StrCoalesce implements StrNode {
  readonly t = 'str';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Int32Array = new Int32Array(CHUNK);
  private d: string[] = [];
  private maps: Int32Array[] = [];
  constructor(private readonly args: StrNode[]) {}
  prepare(s: RunState): void {
    for (const a of this.args) a.prepare(s);
    const { dict, maps } = mergeDicts(this.args.map((a) => a.dict()));
    this.d = dict;
    this.maps = maps;
  }
  dict(): readonly string[] {
    return this.d;
  }
  eval(lo: number, n: number): Int32Array {
    const out = this.out;
    out.fill(-1, 0, n);
    for (let k = 0; k < this.args.length; k++) {
      const c = this.args[k].eval(lo, n),
        m = this.maps[k];
      for (let i = 0; i < n; i++) if (out[i] < 0 && c[i] >= 0) out[i] = m[c[i]];
    }
    return out;
  }
}

export class StrIf implements StrNode {
  readonly t = 'str';
  /** Chunk output; the program points it into the final column when this node is the root. */
  out: Int32Array = new Int32Array(CHUNK);
  private d: string[] = [];
  private maps: Int32Array[] = [];
  constructor(
    private readonly c: BoolNode,
    private readonly a: StrNode,
    private readonly b: StrNode,
  ) {}
  prepare(s: RunState): void {
    this.c.prepare(s);
    this.a.prepare(s);
    this.b.prepare(s);
    const { dict, maps } = mergeDicts([this.a.dict(), this.b.dict()]);
    this.d = dict;
    this.maps = maps;
  }
  dict(): readonly string[] {
    return this.d;
  }
  eval(lo: number, n: number): Int32Array {
    const out = this.out,
      c = this.c.eval(lo, n),
      ca = this.a.eval(lo, n),
      cb = this.b.eval(lo, n);
    const ma = this.maps[0],
      mb = this.maps[1];
    for (let i = 0; i < n; i++) {
      if (c[i] === 1) {
        const k = ca[i];
        out[i] = k < 0 ? -1 : ma[k];
      } else {
        const k = cb[i];
        out[i] = k < 0 ? -1 : mb[k];
      }
    }
    return out;
  }
}
