import type { Rule, RawFinding } from '../types';
import { downstreamCounter } from '../graph';
import { holdersOf } from '../holders';

/**
 * 属人化: know-how held by one person (or nobody recorded), or a deliverable only one person
 * produces while other deliverables depend on it. Ranked by how many deliverables are downstream.
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
      if (holders.length > 1) return;
      const below = downstream(i);
      // A deliverable nothing depends on is not a dependency; tacit know-how always is.
      if (node.kind === 'deliverable' && below === 0) return;
      out.push({
        nodeId: node.id,
        relatedNodeIds: [],
        edgeIds: [],
        messageKey:
          holders.length === 0
            ? node.kind === 'knowhow'
              ? 'noneKnowhow'
              : 'none'
            : node.kind === 'knowhow'
              ? 'oneKnowhow'
              : 'one',
        params: { label: node.label, holder: holders[0] ?? '', downstream: below },
        rank: below,
      });
    });
    return out;
  },
};
export default rule;
