import { describe, expect, it } from 'vitest';
import { diagram } from '../analysis/testing/build';
import { layoutDiagram } from './layoutSync';
import { toElk } from './elkAdapter';
import { elkOptions, BIG_GRAPH } from './elkOptions';
import { applyLayout, dropRoutesOf, laidOut } from './applyLayout';
import { generatePrepDiagram } from '../analysis/generate';
import { DocumentHistory } from '../store/history';
import type { Diagram } from '../model';
import { align, distribute } from './align';

describe('ELK layout', () => {
  const d = diagram(
    ['req', 'kh:k', 'review:k', 'svc', 'ok'],
    ['req>svc', 'kh>svc', 'review>svc', 'svc~ok'],
  );

  it('lays out left to right with the measured sizes, and keeps ELK routes that start and end on the handles', async () => {
    const sizes = { svc: { width: 240, height: 90 } };
    const r = await layoutDiagram(d, sizes);
    expect(r.sizes.svc).toEqual({ width: 240, height: 90 });
    expect(r.positions.req.x).toBeLessThan(r.positions.svc.x);
    expect(r.positions.svc.x).toBeLessThan(r.positions.ok.x);
    const route = r.routes.e0;
    expect(route.length).toBeGreaterThanOrEqual(2);
    // Starts on req's east handle, ends on svc's west handle (middle of the side).
    const req = r.positions.req;
    expect(route[0]).toEqual({ x: req.x + 180, y: req.y + 32 });
    expect(route[route.length - 1]).toEqual({ x: r.positions.svc.x, y: r.positions.svc.y + 45 });
    // Orthogonal routing: every segment is horizontal or vertical.
    for (let i = 1; i < route.length; i++)
      expect(route[i].x === route[i - 1].x || route[i].y === route[i - 1].y).toBe(true);
  });

  it('applies as positions, sizes and routes, and a moved node drops its routes', async () => {
    const r = await layoutDiagram(d);
    const copy = structuredClone(d);
    applyLayout(copy, r);
    expect(copy.nodes.find((n) => n.id === 'svc')!.position).toEqual(r.positions.svc);
    expect(copy.edges.every((e) => e.route && e.route.length >= 2)).toBe(true);
    dropRoutesOf(copy, new Set(['ok']));
    expect(copy.edges.find((e) => e.id === 'e3')!.route).toBeUndefined();
    expect(copy.edges.find((e) => e.id === 'e0')!.route).toBeDefined();
  });

  it('applies as one undo step of two patches however big the diagram, and undo restores it', async () => {
    const big = generatePrepDiagram(300);
    const r = await layoutDiagram(big);
    const h = new DocumentHistory(big);
    h.apply('layout', (x) => applyLayout(x as Diagram, r));
    const [entry] = (h as unknown as { past: { patches: unknown[]; inverse: unknown[] }[] }).past;
    expect(entry.patches).toHaveLength(2);
    expect(entry.inverse).toHaveLength(2);
    const laid = h.current;
    expect(
      laid.nodes.every(
        (n) => n.position.x === r.positions[n.id].x && n.position.y === r.positions[n.id].y,
      ),
    ).toBe(true);
    expect(
      laid.edges
        .filter((e) => r.routes[e.id])
        .every((e) => e.route!.length === r.routes[e.id].length),
    ).toBe(true);
    // Frozen like any immer result, so later edits cannot change it in place.
    expect(Object.isFrozen(laid.nodes[0].position)).toBe(true);
    h.undo();
    expect(h.current.nodes).toEqual(big.nodes);
    expect(h.current.edges).toEqual(big.edges);
    h.redo();
    expect(h.current.nodes[0].position).toEqual(r.positions[big.nodes[0].id]);
  });

  it('keeps boxes and links the layout leaves out, and drops routes it no longer gives', () => {
    const d = diagram(['a', 'b', 'c'], ['a>b', 'b>c']);
    const old = {
      ...d,
      edges: d.edges.map((e) => ({
        ...e,
        route: [
          { x: 1, y: 1 },
          { x: 2, y: 2 },
        ],
      })),
    };
    const { nodes, edges } = laidOut(old.nodes, old.edges, {
      positions: { a: { x: 5, y: 6 } },
      sizes: {},
      routes: {
        e0: [
          { x: 0, y: 0 },
          { x: 9, y: 9 },
        ],
      },
      width: 0,
      height: 0,
    });
    expect(nodes[0].position).toEqual({ x: 5, y: 6 });
    expect(nodes[1]).toBe(old.nodes[1]);
    expect(edges[0].route).toEqual([
      { x: 0, y: 0 },
      { x: 9, y: 9 },
    ]);
    expect('route' in edges[1]).toBe(false);
  });

  it('skips self-loops and dangling edges instead of failing', () => {
    const g = toElk(diagram(['a', 'b'], ['a>a', 'a>ghost', 'a>b']));
    expect(g.edges!.map((e) => e.id)).toEqual(['e2']);
  });

  it('avoids NETWORK_SIMPLEX on big graphs', () => {
    expect(elkOptions(BIG_GRAPH + 1)['elk.layered.nodePlacement.strategy']).not.toBe(
      'NETWORK_SIMPLEX',
    );
    expect(elkOptions(BIG_GRAPH + 1)['elk.layered.layering.strategy']).not.toBe('NETWORK_SIMPLEX');
  });
});

describe('align and distribute', () => {
  const boxes = [
    { id: 'a', x: 0, y: 0, width: 100, height: 40 },
    { id: 'b', x: 50, y: 100, width: 50, height: 60 },
    { id: 'c', x: 400, y: 30, width: 100, height: 40 },
  ];
  it('aligns left, right, centre, top, middle, bottom', () => {
    expect(align(boxes, 'left')).toMatchObject({ a: { x: 0 }, b: { x: 0 }, c: { x: 0 } });
    expect(align(boxes, 'right')).toMatchObject({ a: { x: 400 }, b: { x: 450 }, c: { x: 400 } });
    expect(align(boxes, 'center').b).toEqual({ x: 225, y: 100 });
    expect(align(boxes, 'bottom')).toMatchObject({ a: { y: 120 }, b: { y: 100 }, c: { y: 120 } });
    expect(align(boxes, 'middle').a.y).toBe(60);
    expect(align([boxes[0]], 'left')).toEqual({});
  });
  it('distributes with equal gaps and keeps the ends', () => {
    const r = distribute(boxes, 'horizontal');
    // span 0..500, widths 250 → gap 125.
    expect(r).toEqual({ a: { x: 0, y: 0 }, b: { x: 225, y: 100 }, c: { x: 400, y: 30 } });
    expect(distribute(boxes.slice(0, 2), 'vertical')).toEqual({});
  });
});
