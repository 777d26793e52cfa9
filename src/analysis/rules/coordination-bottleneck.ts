import type { Rule, RawFinding } from '../types';
import { leadsToFinal } from '../graph';

/** More synchronisation links on one deliverable than this is a bottleneck by count alone. */
export const MANY_SYNC_LINKS = 2;

/**
 * 調整に時間: a deliverable fixed by synchronisation, flagged when the coordination crosses
 * organisations, piles up (several sync links) or sits on the path to a final deliverable —
 * teams start before agreement there and pay in rework.
 */
const rule: Rule = {
  meta: {
    id: 'coordination-bottleneck',
    question: 'coordination',
    docs: 'docs/rules/coordination-bottleneck.md',
  },
  check(_d, ix) {
    const toFinal = leadsToFinal(ix);
    const out: RawFinding[] = [];
    ix.nodes.forEach((node, i) => {
      const links = ix.sync[i];
      if (links.length === 0) return;
      const org = node.organisation.trim();
      const otherOrgs = new Set<string>();
      for (const j of links) {
        const o = ix.nodes[j].organisation.trim();
        if (o && org && o !== org) otherOrgs.add(o);
      }
      const crossOrg = otherOrgs.size > 0;
      const many = links.length >= MANY_SYNC_LINKS;
      const onPath = toFinal[i] === 1;
      if (!crossOrg && !many && !onPath) return;
      out.push({
        nodeId: node.id,
        relatedNodeIds: [...new Set(links.map((j) => ix.nodes[j].id))],
        edgeIds: [...new Set(ix.syncEdges[i])],
        messageKey: crossOrg ? 'crossOrg' : many ? 'many' : 'finalPath',
        params: {
          label: node.label,
          count: links.length,
          organisation: org,
          others: [...otherOrgs].join(', '),
        },
        // Cross-organisation coordination weighs most, then volume, then being on the critical path.
        rank: links.length + 2 * otherOrgs.size + (onPath ? 1 : 0),
      });
    });
    return out;
  },
};
export default rule;
