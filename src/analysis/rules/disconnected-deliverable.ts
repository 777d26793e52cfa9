import type { Rule, RawFinding } from '../types';

/** A box with no link at all: either a forgotten input/output or it does not belong in this diagram. */
const rule: Rule = {
  meta: {
    id: 'disconnected-deliverable',
    question: 'structure',
    docs: 'docs/rules/disconnected-deliverable.md',
  },
  check(_d, ix) {
    if (ix.nodes.length < 2) return [];
    const out: RawFinding[] = [];
    ix.nodes.forEach((node, i) => {
      if (ix.degree[i] > 0) return;
      out.push({
        nodeId: node.id,
        relatedNodeIds: [],
        edgeIds: [],
        messageKey: node.kind === 'knowhow' ? 'knowhow' : 'deliverable',
        params: { label: node.label },
        rank: 0,
      });
    });
    return out;
  },
};
export default rule;
