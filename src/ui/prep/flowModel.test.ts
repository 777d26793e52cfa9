import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { syncEdges, syncNodes } from './flowModel';
import { generatePrepDiagram } from '../../analysis/generate';

describe('store → React Flow with structural sharing', () => {
  const d = generatePrepDiagram(1000);
  const none = new Map<string, 'error' | 'warn'>();

  it('moving one box in the document replaces one React Flow node and keeps view state', () => {
    const first = syncNodes([], d.nodes, none).map((n, i) => (i === 5 ? { ...n, selected: true, measured: { width: 170, height: 60 } } : n));
    const moved = produce(d, (x) => void (x.nodes[5].position = { x: 1, y: 2 }));
    const next = syncNodes(first, moved.nodes, none);
    const changed = next.filter((n, i) => n !== first[i]);
    expect(changed.map((n) => n.id)).toEqual(['n5']);
    expect(changed[0]).toMatchObject({ position: { x: 1, y: 2 }, selected: true, measured: { width: 170, height: 60 } });
    // Nothing changed → the very same array (React Flow sees no update at all).
    expect(syncNodes(next, moved.nodes, none)).toBe(next);
  });

  it('a new marker replaces only the flagged node', () => {
    const first = syncNodes([], d.nodes, none);
    const next = syncNodes(first, d.nodes, new Map([['n7', 'error']]));
    expect(next.filter((n, i) => n !== first[i]).map((n) => [n.id, n.data.marker])).toEqual([['n7', 'error']]);
  });

  it('a box being dragged keeps its live position when the document changes elsewhere', () => {
    const first = syncNodes([], d.nodes, none).map((n, i) => (i === 3 ? { ...n, dragging: true, position: { x: 999, y: 999 } } : n));
    const next = syncNodes(first, d.nodes, new Map([['n3', 'warn']]));
    expect(next[3].position).toEqual({ x: 999, y: 999 });
  });

  it('edges: same objects until their document edge changes', () => {
    const first = syncEdges([], d.edges);
    expect(syncEdges(first, d.edges)).toBe(first);
    const next = syncEdges(first, produce(d, (x) => void (x.edges[0].kind = 'sync')).edges);
    expect(next.filter((e, i) => e !== first[i]).map((e) => e.id)).toEqual(['e0']);
  });
});

describe('findings identity', () => {
  it('a move keeps the same findings; a holder edit changes them', async () => {
    const { sameFindings } = await import('./useFindings');
    const { lintDiagram } = await import('../../analysis/lint');
    const d = generatePrepDiagram(200);
    const a = lintDiagram(d);
    expect(sameFindings(a, lintDiagram(produce(d, (x) => void (x.nodes[3].position = { x: -5, y: -5 }))))).toBe(true);
    expect(sameFindings(a, lintDiagram(produce(d, (x) => void (x.nodes[3].holders = ['Solo']))))).toBe(false);
  });
});
