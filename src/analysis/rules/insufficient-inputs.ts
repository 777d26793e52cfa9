import type { Rule, RawFinding } from '../types';
import { downstreamCounter } from '../graph';

/** A produced deliverable fed by a single input: real work needs requirements and know-how and review viewpoints. */
const rule: Rule = {
  meta: {
    id: 'insufficient-inputs',
    question: 'inputs',
    docs: 'docs/rules/insufficient-inputs.md',
  },
  check(_d, ix) {
    const downstream = downstreamCounter(ix);
    const out: RawFinding[] = [];
    ix.nodes.forEach((node, i) => {
      if (node.kind !== 'deliverable') return;
      const inputs = new Set(ix.ioIn[i]);
      if (inputs.size !== 1) return;
      const [from] = inputs;
      out.push({
        nodeId: node.id,
        relatedNodeIds: [ix.nodes[from].id],
        edgeIds: [...ix.ioInEdges[i]],
        messageKey: 'one',
        params: { label: node.label, input: ix.nodes[from].label },
        rank: downstream(i),
      });
    });
    return out;
  },
};
export default rule;
