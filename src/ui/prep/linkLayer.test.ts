import { describe, expect, it } from 'vitest';
import type { PrepEdge } from '../../model';
import {
  LinkLayerCache,
  linkPaths,
  nodeEnds,
  touches,
  type LinkIn,
  type NodeEnds,
} from './linkLayer';
import { prepEdgePath } from './edgePath';

const edge = (
  id: string,
  source: string,
  target: string,
  extra: Partial<PrepEdge> = {},
): LinkIn => ({ data: { src: { id, kind: 'io', source, target, ...extra } } });
const ends = (m: Record<string, [number, number]>) =>
  new Map(
    Object.entries(m).map(([id, [x, y]]) => [id, nodeEnds(x, y, 100, 40)] as [string, NodeEnds]),
  );
const subpaths = (d: string) => (d.match(/M/g) ?? []).length;

describe('nodeEnds', () => {
  it('attaches links to the outer edges of the measured handles, as React Flow does', () => {
    const h = {
      source: [{ x: 95, y: 15, width: 10, height: 10 }],
      target: [{ x: -5, y: 15, width: 10, height: 10 }],
    };
    expect(nodeEnds(200, 100, 100, 40, h)).toEqual({ sx: 305, sy: 120, tx: 195, ty: 120 });
  });
  it('without measured handles, uses the middle of the sides', () => {
    expect(nodeEnds(200, 100, 100, 40, null)).toEqual({ sx: 300, sy: 120, tx: 200, ty: 120 });
    expect(nodeEnds(200, 100, 100, 40, { source: null, target: null })).toEqual({
      sx: 300,
      sy: 120,
      tx: 200,
      ty: 120,
    });
  });
});

describe('linkPaths', () => {
  it('draws each link as the full editor does, sorted by kind and selection, with arrowheads on input/output links only', () => {
    const e = ends({ a: [0, 0], b: [300, 0], c: [300, 200] });
    const p = linkPaths(
      [
        edge('1', 'a', 'b'),
        edge('2', 'a', 'c', { kind: 'sync' }),
        { ...edge('3', 'b', 'c'), selected: true },
        { ...edge('4', 'c', 'a', { kind: 'sync', label: 'weekly' }), selected: true },
      ],
      (id) => e.get(id),
    );
    expect(p.io).toBe(prepEdgePath(undefined, 100, 20, 300, 20).d);
    expect(subpaths(p.sync)).toBe(1);
    expect(subpaths(p.ioSelected)).toBe(1);
    expect(subpaths(p.syncSelected)).toBe(1);
    expect(subpaths(p.arrows)).toBe(1);
    expect(p.arrows.startsWith('M300,20 ')).toBe(true);
    expect(subpaths(p.arrowsSelected)).toBe(1);
    expect(p.labels).toEqual([{ x: expect.any(Number), y: expect.any(Number), text: 'weekly' }]);
  });
  it("follows ELK's route while it fits the boxes", () => {
    const e = ends({ a: [0, 0], b: [300, 200] });
    const route = [
      { x: 100, y: 20 },
      { x: 200, y: 20 },
      { x: 200, y: 220 },
      { x: 300, y: 220 },
    ];
    expect(linkPaths([edge('1', 'a', 'b', { route })], (id) => e.get(id)).io).toBe(
      'M100,20 L200,20 L200,220 L300,220',
    );
  });
  it('leaves out links whose boxes are not measured yet', () => {
    const e = ends({ a: [0, 0] });
    expect(linkPaths([edge('1', 'a', 'b'), { selected: true }], (id) => e.get(id)).io).toBe('');
  });
});

describe('LinkLayerCache', () => {
  const links = [edge('1', 'a', 'b'), edge('2', 'b', 'c'), edge('3', 'a', 'c')];

  it('keeps the still paths while only dragged boxes move, and redraws the dragged ones', () => {
    const cache = new LinkLayerCache();
    const first = cache.update(links, ends({ a: [0, 0], b: [300, 0], c: [600, 0] }), new Set());
    expect(subpaths(first.still.io)).toBe(3);
    expect(first.moving.io).toBe('');
    const moving = new Set(['b']);
    const start = cache.update(links, ends({ a: [0, 0], b: [300, 0], c: [600, 0] }), moving);
    expect(subpaths(start.still.io)).toBe(1);
    expect(subpaths(start.moving.io)).toBe(2);
    expect(
      touches(links[0], moving) && touches(links[1], moving) && !touches(links[2], moving),
    ).toBe(true);
    const rebuilds = cache.rebuilds;
    const frame = cache.update(links, ends({ a: [0, 0], b: [320, 48], c: [600, 0] }), moving);
    expect(cache.rebuilds).toBe(rebuilds);
    expect(frame.still).toBe(start.still);
    expect(frame.moving.io).toContain('M100,20');
    expect(frame.moving.io).toContain('M420,68');
    // The drop: every link is still again, drawn at the new place.
    const drop = cache.update(links, ends({ a: [0, 0], b: [320, 48], c: [600, 0] }), new Set());
    expect(cache.rebuilds).toBe(rebuilds + 1);
    expect(subpaths(drop.still.io)).toBe(3);
    expect(drop.still.io).toContain('M420,68');
  });

  it('rebuilds the still paths when a still box moves, a box comes or goes, or the links change', () => {
    const cache = new LinkLayerCache();
    const at = { a: [0, 0], b: [300, 0], c: [600, 0] } as Record<string, [number, number]>;
    cache.update(links, ends(at), new Set());
    cache.update(links, ends(at), new Set());
    expect(cache.rebuilds).toBe(1);
    cache.update(links, ends({ ...at, c: [600, 16] }), new Set());
    expect(cache.rebuilds).toBe(2);
    cache.update(links, ends({ a: [0, 0], b: [300, 0] }), new Set());
    expect(cache.rebuilds).toBe(3);
    const fewer = links.slice(1);
    expect(subpaths(cache.update(fewer, ends(at), new Set()).still.io)).toBe(2);
    expect(cache.rebuilds).toBe(4);
  });

  it('with the full drawing (still off) builds only the dragged links', () => {
    const cache = new LinkLayerCache();
    const r = cache.update(
      links,
      ends({ a: [0, 0], b: [300, 0], c: [600, 0] }),
      new Set(['c']),
      false,
    );
    expect(r.still.io).toBe('');
    expect(subpaths(r.moving.io)).toBe(2);
    expect(cache.rebuilds).toBe(0);
  });
});
