import type { Rule, RawFinding } from '../types';

/** A produced deliverable with no dotted (know-how) input: the know-how is tacit, so nobody sees who holds it. */
const rule: Rule = {
  meta: { id: 'missing-knowhow', question: 'person', docs: 'docs/rules/missing-knowhow.md' },
  check(_d, ix) {
    const out: RawFinding[] = [];
    ix.nodes.forEach((node, i) => {
      if (node.kind !== 'deliverable' || ix.ioIn[i].length === 0) return;
      if (ix.ioIn[i].some((p) => ix.nodes[p].kind === 'knowhow')) return;
      out.push({
        nodeId: node.id,
        relatedNodeIds: [],
        edgeIds: [],
        messageKey: 'none',
        params: { label: node.label, inputs: ix.ioIn[i].length },
        rank: ix.ioIn[i].length,
      });
    });
    return out;
  },
};
export default rule;
