// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrepEdge, PrepNode } from '../../model';
import { nextTask, useFlowSync } from './useFlowSync';

const node = (i: number, x: number): PrepNode => ({
  id: `n${i}`,
  kind: 'deliverable',
  label: '',
  holders: [],
  organisation: '',
  description: '',
  position: { x, y: 0 },
});
const edge = (i: number, route?: { x: number; y: number }[]): PrepEdge => ({
  id: `e${i}`,
  kind: 'io',
  source: `n${i}`,
  target: `n${i + 1}`,
  ...(route ? { route } : {}),
});
const NO_MARKERS = new Map<string, 'error' | 'warn'>();

// Frames by hand: each flush runs the callbacks queued so far, as one animation frame would.
let frames: FrameRequestCallback[] = [];
const flushFrame = () =>
  act(() => {
    const run = frames;
    frames = [];
    for (const f of run) f(0);
  });

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => vi.unstubAllGlobals());

describe('useFlowSync: a staged big change (auto-layout)', () => {
  it('sets the view on a frame of its own, then the boxes, then the links two frames later', () => {
    const n = 400;
    const before = {
      nodes: Array.from({ length: n }, (_, i) => node(i, i)),
      edges: Array.from({ length: n - 1 }, (_, i) => edge(i)),
    };
    const after = {
      nodes: before.nodes.map((x) => ({ ...x, position: { x: x.position.x + 1000, y: 5 } })),
      edges: before.edges.map((e) => ({
        ...e,
        route: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      })),
    };
    const pending = { current: null };
    const { result, rerender } = renderHook(
      (p: { nodes: PrepNode[]; edges: PrepEdge[] }) =>
        useFlowSync(p.nodes, p.edges, NO_MARKERS, pending),
      { initialProps: before },
    );
    expect(result.current.nodes).toHaveLength(n);
    expect(result.current.shownEdges).toBe(result.current.edges);
    const shownBefore = performance.getEntriesByName('waymark:layout-shown').length;

    const view = vi.fn();
    act(() => result.current.stageBigChange([view]));
    rerender(after);
    // The document has changed; nothing is shown yet.
    expect(result.current.nodes[0].position.x).toBe(0);
    flushFrame();
    expect(view).toHaveBeenCalledTimes(1);
    expect(result.current.nodes[0].position.x).toBe(0);
    // Boxes in place; React Flow gets no links for this frame.
    flushFrame();
    expect(result.current.nodes.every((x, i) => x.position === after.nodes[i].position)).toBe(true);
    expect(result.current.shownEdges).toHaveLength(0);
    expect(result.current.edges.every((e, i) => e.data!.src === after.edges[i])).toBe(true);
    // A frame to render that (the minimap's rectangles), links the frame after, every one with its
    // new route; then 'layout-shown' is marked.
    flushFrame();
    expect(result.current.shownEdges).toHaveLength(0);
    flushFrame();
    expect(result.current.shownEdges).toBe(result.current.edges);
    expect(
      result.current.shownEdges.every((e, i) => e.data!.src.route === after.edges[i].route),
    ).toBe(true);
    expect(view).toHaveBeenCalledTimes(1);
    flushFrame();
    expect(performance.getEntriesByName('waymark:layout-shown').length).toBe(shownBefore + 1);
    // Nothing left scheduled, and a later edit shows at once again.
    expect(frames).toHaveLength(0);
    const moved = {
      ...after,
      nodes: after.nodes.map((x, i) => (i === 0 ? { ...x, position: { x: -5, y: -5 } } : x)),
    };
    rerender(moved);
    expect(result.current.nodes[0].position).toEqual({ x: -5, y: -5 });
  });
});

describe('useFlowSync: links of a staged change', () => {
  it('are held back from the view frame on, and shown as before', () => {
    const nodes = Array.from({ length: 400 }, (_, i) => node(i, i));
    const edges = nodes.slice(1).map((_, i) => edge(i));
    const after = {
      nodes: nodes.map((x) => ({ ...x, position: { x: x.position.x + 1000, y: 5 } })),
      edges,
    };
    const pending = { current: null };
    const { result, rerender } = renderHook(
      (p: { nodes: PrepNode[]; edges: PrepEdge[] }) =>
        useFlowSync(p.nodes, p.edges, NO_MARKERS, pending),
      { initialProps: { nodes, edges } },
    );
    const view = vi.fn();
    act(() => result.current.stageBigChange([view]));
    rerender(after);
    expect(result.current.shownEdges).toHaveLength(399);
    flushFrame();
    expect(view).toHaveBeenCalledTimes(1);
    expect(result.current.shownEdges).toHaveLength(0);
    for (let i = 0; i < 3; i++) flushFrame();
    expect(result.current.nodes.every((x, i) => x.position === after.nodes[i].position)).toBe(true);
    expect(result.current.shownEdges).toBe(result.current.edges);
    expect(result.current.shownEdges).toHaveLength(399);
  });
});

describe('nextTask', () => {
  it('resolves after the current task, not in it', async () => {
    let resolved = false;
    const p = nextTask().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    await p;
    expect(resolved).toBe(true);
  });
});
