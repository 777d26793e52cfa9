import type { Diagram, PrepNode } from '../model';

/**
 * Adjacency of a diagram, built once per lint run and shared by every rule, so ten rules over
 * 1,000 nodes stay one pass plus their own work. Indices, not ids, so traversals use typed arrays.
 */
export interface DiagramIndex {
  nodes: PrepNode[];
  indexOf: Map<string, number>;
  /** io edges: input → output. Edge ids kept beside the neighbour index. */
  ioIn: number[][];
  ioOut: number[][];
  ioInEdges: string[][];
  /** sync links, undirected: neighbour and edge id. */
  sync: number[][];
  syncEdges: string[][];
  /** Number of links of any kind touching the node. */
  degree: Int32Array;
}

export function indexDiagram(d: Diagram): DiagramIndex {
  const n = d.nodes.length;
  const indexOf = new Map<string, number>();
  d.nodes.forEach((node, i) => indexOf.set(node.id, i));
  const mk = <T>() => Array.from({ length: n }, () => [] as T[]);
  const ioIn = mk<number>(),
    ioOut = mk<number>(),
    ioInEdges = mk<string>(),
    sync = mk<number>(),
    syncEdges = mk<string>();
  const degree = new Int32Array(n);
  for (const e of d.edges) {
    const s = indexOf.get(e.source);
    const t = indexOf.get(e.target);
    // Dangling edges (an end was deleted) are ignored rather than crashing the lint.
    if (s === undefined || t === undefined) continue;
    degree[s]++;
    if (s !== t) degree[t]++;
    if (e.kind === 'io') {
      ioOut[s].push(t);
      ioIn[t].push(s);
      ioInEdges[t].push(e.id);
    } else {
      sync[s].push(t);
      syncEdges[s].push(e.id);
      if (s !== t) {
        sync[t].push(s);
        syncEdges[t].push(e.id);
      }
    }
  }
  return { nodes: d.nodes, indexOf, ioIn, ioOut, ioInEdges, sync, syncEdges, degree };
}

/** Final deliverables: produced (an io input) and not used to make anything else (no io output). */
export function isFinal(ix: DiagramIndex, i: number): boolean {
  return ix.ioOut[i].length === 0 && ix.ioIn[i].length > 0;
}

/**
 * Deliverables downstream of each start node along io links: how much depends on it.
 * One BFS per asked node with a shared stamp array (no allocation per visit).
 */
const counters = new WeakMap<DiagramIndex, (i: number) => number>();
/** One counter (and cache) per index, shared by every rule and the impact ranking of a lint run. */
export function downstreamCounter(ix: DiagramIndex): (i: number) => number {
  let c = counters.get(ix);
  if (!c) counters.set(ix, (c = makeDownstreamCounter(ix)));
  return c;
}

function makeDownstreamCounter(ix: DiagramIndex): (i: number) => number {
  const n = ix.nodes.length;
  const stamp = new Int32Array(n);
  const queue = new Int32Array(n);
  let round = 0;
  const cache = new Map<number, number>();
  return (start) => {
    const hit = cache.get(start);
    if (hit !== undefined) return hit;
    round++;
    let head = 0,
      tail = 0,
      count = 0;
    stamp[start] = round;
    queue[tail++] = start;
    while (head < tail) {
      const v = queue[head++];
      for (const w of ix.ioOut[v]) {
        if (stamp[w] === round) continue;
        stamp[w] = round;
        queue[tail++] = w;
        count++;
      }
    }
    cache.set(start, count);
    return count;
  };
}

/** Nodes from which a final deliverable is reachable along io links (reverse BFS from the finals). */
export function leadsToFinal(ix: DiagramIndex): Uint8Array {
  const n = ix.nodes.length;
  const mark = new Uint8Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++)
    if (isFinal(ix, i)) {
      mark[i] = 1;
      queue.push(i);
    }
  for (let h = 0; h < queue.length; h++) {
    for (const p of ix.ioIn[queue[h]])
      if (!mark[p]) {
        mark[p] = 1;
        queue.push(p);
      }
  }
  return mark;
}

/** Strongly connected components of the io graph (iterative Tarjan: no recursion limit at 1,000s of nodes). */
export function ioCycles(ix: DiagramIndex): number[][] {
  const n = ix.nodes.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const iter = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const call: number[] = [root];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (call.length) {
      const v = call[call.length - 1];
      const succ = ix.ioOut[v];
      if (iter[v] < succ.length) {
        const w = succ[iter[v]++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          call.push(w);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      call.pop();
      if (call.length) {
        const u = call[call.length - 1];
        low[u] = Math.min(low[u], low[v]);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        const selfLoop = comp.length === 1 && ix.ioOut[v].includes(v);
        if (comp.length > 1 || selfLoop) out.push(comp.reverse());
      }
    }
  }
  return out;
}
