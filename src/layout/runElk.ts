import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

let elk: InstanceType<typeof ELK> | null = null;

/** Create the ELK instance now (the bundle's code may only run on first use). */
export function initElk(): void {
  elk ??= new ELK();
}

/** Run ELK on the current thread: inside the layout worker, in Node (CLI, benchmarks, tests). */
export function runElk(graph: ElkNode): Promise<ElkNode> {
  initElk();
  return elk!.layout(graph) as Promise<ElkNode>;
}
