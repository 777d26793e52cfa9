import { describe, expect, it } from 'vitest';
import { parallelOffsets, PARALLEL_GAP } from './parallelEdges';
import type { PrepEdge } from '../model';

const e = (
  id: string,
  source: string,
  target: string,
  kind: PrepEdge['kind'] = 'io',
): PrepEdge => ({
  id,
  kind,
  source,
  target,
});

describe('parallelOffsets', () => {
  it('spreads links between the same two boxes, either direction, and leaves single links alone', () => {
    const m = parallelOffsets([
      e('a', 'p', 'q'),
      e('b', 'p', 'q', 'sync'),
      e('c', 'x', 'y'),
      e('d', 'q', 'p'),
    ]);
    expect(m.get('a')).toBe(-PARALLEL_GAP);
    expect(m.get('b')).toBe(0);
    expect(m.get('d')).toBe(PARALLEL_GAP);
    expect(m.has('c')).toBe(false);
  });
  it('two links: one above, one below the centre line', () => {
    const m = parallelOffsets([e('a', 'p', 'q'), e('b', 'p', 'q', 'sync')]);
    expect([m.get('a'), m.get('b')]).toEqual([-PARALLEL_GAP / 2, PARALLEL_GAP / 2]);
  });
});
