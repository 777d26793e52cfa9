import type { Rule, RawFinding } from '../types';
import { downstreamCounter } from '../graph';
import { holdersOf } from '../../model/holders';

/**
 * 属人化: exactly one person is recorded as holding know-how, or as producing a deliverable other
 * deliverables depend on. Boxes with nobody recorded are not flagged here (nobody recorded is not
 * one person): holders-not-recorded sums them up in one notice. Ranked by downstream reach.
 */
const rule: Rule = {
  meta: {
    id: 'single-person-dependency',
    question: 'person',
    docs: 'docs/rules/single-person-dependency.md',
  },
  check(_d, ix) {
    const downstream = downstreamCounter(ix);
    const out: RawFinding[] = [];
    ix.nodes.forEach((node, i) => {
      const holders = holdersOf(node);
      if (holders.length !== 1) return;
      const below = downstream(i);
      // A deliverable nothing depends on is not a dependency; tacit know-how always is.
      if (node.kind === 'deliverable' && below === 0) return;
      out.push({
        nodeId: node.id,
        relatedNodeIds: [],
        edgeIds: [],
        messageKey: node.kind === 'knowhow' ? 'singleKnowhow' : 'single',
        params: { label: node.label, holder: holders[0], count: below },
        rank: below,
      });
    });
    return out;
  },
};
export default rule;
