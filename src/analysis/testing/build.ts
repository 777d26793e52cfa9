import type { Diagram, PrepNode } from '../../model';

/**
 * Compact diagrams for tests and benchmarks.
 * nodes: 'id' (deliverable, holders A and B), 'id:k' (know-how), then options:
 *   'id:d holders=Sato org=vendor'  (holders comma-separated; 'holders=' = nobody)
 * edges: 'a>b' input/output, 'a~b' synchronisation.
 */
export function diagram(nodes: string[], edges: string[] = [], name = 'test'): Diagram {
  const ns: PrepNode[] = nodes.map((spec, i) => {
    const [head, ...opts] = spec.trim().split(/\s+/);
    const [id, k] = head.split(':');
    const o = Object.fromEntries(opts.map((x) => x.split('=') as [string, string]));
    return {
      id,
      kind: k === 'k' ? 'knowhow' : 'deliverable',
      label: o.label ?? id,
      holders: 'holders' in o ? o.holders.split(',').filter(Boolean) : ['A', 'B'],
      organisation: o.org ?? 'vendor',
      description: '',
      position: { x: i * 200, y: 0 },
    };
  });
  return {
    id: name,
    name,
    nodes: ns,
    edges: edges.map((e, i) => {
      const sync = e.includes('~');
      const [source, target] = e.split(sync ? '~' : '>').map((s) => s.trim());
      return { id: `e${i}`, kind: sync ? 'sync' : 'io', source, target };
    }),
  };
}
