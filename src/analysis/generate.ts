import type { Diagram, PrepEdge, PrepNode } from '../model';
import { rng } from '../util/random';

/**
 * A realistic synthetic PReP diagram of n boxes: about 25 columns, 20% know-how, each produced
 * deliverable fed by 1–3 earlier boxes, and a sync link every ~12 boxes (some across
 * organisations). For benchmarks and the editor's ?bench hook.
 */
export function generatePrepDiagram(n: number, seed = 1): Diagram {
  const rand = rng(seed);
  const orgs = ['customer', 'vendor', 'partner'];
  const perCol = Math.max(4, Math.ceil(n / 25));
  const nodes: PrepNode[] = [];
  const edges: PrepEdge[] = [];
  for (let i = 0; i < n; i++) {
    const col = Math.floor(i / perCol);
    const knowhow = rand() < 0.2;
    nodes.push({
      id: `n${i}`,
      kind: knowhow ? 'knowhow' : 'deliverable',
      label: `${knowhow ? 'Know-how' : 'Deliverable'} ${i}`,
      holders: rand() < 0.3 ? ['Sato'] : ['Sato', 'Ito'],
      organisation: orgs[Math.floor(rand() * orgs.length)],
      description: '',
      position: { x: col * 260, y: (i % perCol) * 100 },
    });
    if (col === 0) continue;
    const inputs = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < inputs; k++) {
      const from = Math.floor(rand() * col * perCol);
      edges.push({ id: `e${edges.length}`, kind: 'io', source: `n${from}`, target: `n${i}` });
    }
    if (i % 12 === 0)
      edges.push({ id: `e${edges.length}`, kind: 'sync', source: `n${i - 1}`, target: `n${i}` });
  }
  return { id: `bench_${n}`, name: `Generated (${n})`, nodes, edges };
}
