/**
 * Layered, left to right (inputs on the left, the final deliverable on the right), as PReP
 * diagrams are read. NETWORK_SIMPLEX placement is the classic ELK run-away on big graphs
 * (minutes at a few hundred nodes), so large diagrams switch to linear-time strategies.
 */
export const BIG_GRAPH = 60;

export function elkOptions(nodeCount: number): Record<string, string> {
  const base: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.spacing.nodeNodeBetweenLayers': '80',
    'elk.spacing.nodeNode': '32',
    'elk.spacing.edgeNode': '16',
    'elk.spacing.componentComponent': '48',
    'elk.separateConnectedComponents': 'true',
    'elk.portConstraints': 'FIXED_SIDE',
  };
  if (nodeCount <= BIG_GRAPH) {
    base['elk.layered.nodePlacement.strategy'] = 'NETWORK_SIMPLEX';
    return base;
  }
  return {
    ...base,
    'elk.layered.layering.strategy': 'LONGEST_PATH',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.thoroughness': '1',
    'elk.layered.compaction.postCompaction.strategy': 'NONE',
  };
}
