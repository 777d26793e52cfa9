import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { syncEdges, syncEdgesStep, syncNodes, syncNodesStep } from './flowModel';
import { generatePrepDiagram } from '../../analysis/generate';
import { diagram } from '../../analysis/testing/build';

describe('store → React Flow with structural sharing', () => {
  const d = generatePrepDiagram(1000);
  const none = new Map<string, 'error' | 'warn'>();

  it('moving one box in the document replaces one React Flow node and keeps view state', () => {
    const first = syncNodes([], d.nodes, none).map((n, i) =>
      i === 5 ? { ...n, selected: true, measured: { width: 170, height: 60 } } : n,
    );
    const moved = produce(d, (x) => void (x.nodes[5].position = { x: 1, y: 2 }));
    const next = syncNodes(first, moved.nodes, none);
    const changed = next.filter((n, i) => n !== first[i]);
    expect(changed.map((n) => n.id)).toEqual(['n5']);
    expect(changed[0]).toMatchObject({
      position: { x: 1, y: 2 },
      selected: true,
      measured: { width: 170, height: 60 },
    });
    // Nothing changed → the very same array (React Flow sees no update at all).
    expect(syncNodes(next, moved.nodes, none)).toBe(next);
  });

  it('a new marker replaces only the flagged node', () => {
    const first = syncNodes([], d.nodes, none);
    const next = syncNodes(first, d.nodes, new Map([['n7', 'error']]));
    expect(next.filter((n, i) => n !== first[i]).map((n) => [n.id, n.data.marker])).toEqual([
      ['n7', 'error'],
    ]);
  });

  it('a box being dragged keeps its live position when the document changes elsewhere', () => {
    const first = syncNodes([], d.nodes, none).map((n, i) =>
      i === 3 ? { ...n, dragging: true, position: { x: 999, y: 999 } } : n,
    );
    const next = syncNodes(first, d.nodes, new Map([['n3', 'warn']]));
    expect(next[3].position).toEqual({ x: 999, y: 999 });
  });

  it('a budgeted step updates at most that many boxes; repeated steps reach the document', () => {
    const first = syncNodes([], d.nodes, none);
    const moved = produce(d, (x) => {
      for (const n of x.nodes) n.position = { x: n.position.x + 7, y: n.position.y };
      x.nodes.push({ ...x.nodes[0], id: 'fresh', position: { x: 0, y: 0 } });
    });
    let cur = first;
    let steps = 0;
    for (;;) {
      const r = syncNodesStep(cur, moved.nodes, none, 250);
      const updated = r.items.filter(
        (n) => n.id !== 'fresh' && n !== cur.find((c) => c.id === n.id),
      ).length;
      expect(updated).toBeLessThanOrEqual(250);
      // A new box is never held back.
      expect(r.items.some((n) => n.id === 'fresh')).toBe(true);
      cur = r.items;
      steps++;
      if (r.done) break;
    }
    expect(steps).toBe(4);
    expect(cur.map((n) => n.position)).toEqual(moved.nodes.map((n) => n.position));
    // Budget 0 only adds and removes.
    const zero = syncNodesStep(first, moved.nodes, none, 0);
    expect(zero.done).toBe(false);
    expect(zero.items.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['fresh']);
  });

  it('edges: a budgeted step, then the rest', () => {
    const first = syncEdges([], d.edges);
    const routed = produce(
      d,
      (x) =>
        void x.edges.forEach(
          (e) =>
            (e.route = [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]),
        ),
    );
    const a = syncEdgesStep(first, routed.edges, 10);
    expect(a.done).toBe(false);
    expect(a.items.filter((e, i) => e !== first[i])).toHaveLength(10);
    const b = syncEdgesStep(a.items, routed.edges, Infinity);
    expect(b.done).toBe(true);
    expect(b.items.map((e) => e.data?.src)).toEqual(routed.edges);
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
    expect(
      sameFindings(
        a,
        lintDiagram(produce(d, (x) => void (x.nodes[3].position = { x: -5, y: -5 }))),
      ),
    ).toBe(true);
    expect(
      sameFindings(a, lintDiagram(produce(d, (x) => void (x.nodes[3].holders = ['Solo'])))),
    ).toBe(false);
  });

  it('draws a link to the side of the box it was dropped on (left when none is stored)', () => {
    const d = diagram(['a', 'b', 'c'], ['a>b', 'a>c']);
    d.edges[1] = { ...d.edges[1], targetSide: 'top' };
    const [left, top] = syncEdges([], d.edges);
    expect(left.targetHandle).toBeNull();
    expect(top.targetHandle).toBe('in-top');
  });
});
