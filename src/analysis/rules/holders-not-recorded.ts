import type { Rule } from '../types';
import { downstreamCounter } from '../graph';
import { holdersOf } from '../../model/holders';

/**
 * 属人化 cannot be checked where nobody is recorded: one diagram-wide notice listing the boxes
 * (know-how, and deliverables something depends on) with no holder, instead of one finding per
 * box — on a first draft that would drown the real single-person risks.
 */
const rule: Rule = {
  meta: {
    id: 'holders-not-recorded',
    question: 'person',
    docs: 'docs/rules/holders-not-recorded.md',
  },
  check(_d, ix) {
    const downstream = downstreamCounter(ix);
    const missing = ix.nodes.filter(
      (node, i) => holdersOf(node).length === 0 && (node.kind === 'knowhow' || downstream(i) > 0),
    );
    if (missing.length === 0) return [];
    const [first, ...rest] = missing;
    return [
      {
        key: 'holders-not-recorded',
        nodeId: first.id,
        relatedNodeIds: rest.map((n) => n.id),
        edgeIds: [],
        messageKey: 'missing',
        params: {
          label: first.label,
          count: missing.length,
          labels: missing.map((n) => n.label).join(', '),
        },
        rank: missing.length,
      },
    ];
  },
};
export default rule;
