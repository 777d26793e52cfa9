import type { Rule, RawFinding } from '../types';
import { ioCycles } from '../graph';

/** A cycle of input/output links: each round trip is rework (手戻り), often because work started before agreement. */
const rule: Rule = {
  meta: { id: 'rework-loop', question: 'coordination', docs: 'docs/rules/rework-loop.md' },
  check(d, ix) {
    const out: RawFinding[] = [];
    for (const comp of ioCycles(ix)) {
      const ids = new Set(comp.map((i) => ix.nodes[i].id));
      const edgeIds = d.edges
        .filter((e) => e.kind === 'io' && ids.has(e.source) && ids.has(e.target))
        .map((e) => e.id);
      const [first, ...rest] = comp;
      out.push({
        nodeId: ix.nodes[first].id,
        relatedNodeIds: rest.map((i) => ix.nodes[i].id),
        edgeIds,
        messageKey: 'cycle',
        params: {
          label: ix.nodes[first].label,
          count: comp.length,
          path: comp.map((i) => ix.nodes[i].label).join(' → '),
        },
        rank: comp.length,
      });
    }
    return out;
  },
};
export default rule;
