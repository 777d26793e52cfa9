import { describe, expect, it } from 'vitest';
import { diagram } from '../analysis/testing/build';
import { columns, laneLayout, laneRole, LANE_HEADER } from './lanes';
import type { Diagram } from '../model';

const SIZE = { width: 180, height: 64 };

/** Every box lies wholly inside its own lane's band, right of the header; no two boxes overlap. */
function expectInsideLanes(d: Diagram, sizes: Record<string, { width: number; height: number }>) {
  const l = laneLayout(d, sizes);
  const laneOf = new Map(l.lanes.flatMap((lane) => lane.nodeIds.map((id) => [id, lane])));
  for (const n of d.nodes) {
    const lane = laneOf.get(n.id)!;
    const p = l.positions[n.id];
    const s = sizes[n.id] ?? SIZE;
    expect(lane.key, n.id).toBe(n.organisation.normalize('NFKC').trim().toLowerCase());
    expect(p.y, `${n.id} top`).toBeGreaterThanOrEqual(lane.y);
    expect(p.y + s.height, `${n.id} bottom`).toBeLessThanOrEqual(lane.y + lane.height);
    expect(p.x, `${n.id} left`).toBeGreaterThanOrEqual(LANE_HEADER);
    expect(p.x + s.width, `${n.id} right`).toBeLessThanOrEqual(l.width);
  }
  const rects = d.nodes.map((n) => ({ ...l.positions[n.id], ...(sizes[n.id] ?? SIZE) }));
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      const overlap =
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `${d.nodes[i].id} / ${d.nodes[j].id}`).toBe(false);
    }
  // Bands are stacked without gaps or overlaps.
  for (let i = 1; i < l.lanes.length; i++)
    expect(l.lanes[i].y).toBe(l.lanes[i - 1].y + l.lanes[i - 1].height);
  return l;
}

const sales = diagram(
  [
    'req org=顧客',
    'kh:k org=vendor',
    'prop org=vendor',
    'est org=vendor',
    'approve org=顧客',
    'memo org=',
    'sub org=Acme',
  ],
  ['req>prop', 'kh>prop', 'est>prop', 'prop>approve', 'prop~approve', 'sub>est'],
);

describe('laneLayout', () => {
  it('puts every box inside its organisation’s band, unassigned last', () => {
    const l = expectInsideLanes(sales, {});
    expect(l.lanes.map((x) => [x.role, x.label])).toEqual([
      ['customer', '顧客'],
      ['vendor', 'vendor'],
      ['named', 'Acme'],
      ['unassigned', ''],
    ]);
    expect(l.lanes[0].nodeIds.sort()).toEqual(['approve', 'req']);
  });

  it('keeps boxes inside their lanes with measured sizes of every shape', () => {
    const sizes = {
      req: { width: 260, height: 120 },
      prop: { width: 140, height: 48 },
      kh: { width: 200, height: 90 },
      approve: { width: 320, height: 70 },
    };
    expectInsideLanes(sales, sizes);
  });

  it('gives a stable lane order whatever the order of the boxes', () => {
    const reversed = { ...sales, nodes: [...sales.nodes].reverse() };
    const a = laneLayout(sales);
    const b = laneLayout(reversed);
    expect(b.lanes.map((x) => x.key)).toEqual(a.lanes.map((x) => x.key));
    expect(b.positions).toEqual(a.positions);
  });

  it('orders the lanes customer, vendor, partner, then named ones by name, then unassigned', () => {
    const d = diagram(['a org=', 'b org=Zeta', 'c org=partner', 'd org=Alpha', 'e org=Customer']);
    expect(laneLayout(d).lanes.map((l) => l.label)).toEqual([
      'Customer',
      'partner',
      'Alpha',
      'Zeta',
      '',
    ]);
  });

  it('groups organisations written differently (case, width, spaces) in one lane', () => {
    const d = diagram(['a org=Vendor', 'b org=ｖｅｎｄｏｒ', 'c org=vendor']);
    const l = laneLayout(d);
    expect(l.lanes).toHaveLength(1);
    expect(l.lanes[0].label).toBe('Vendor');
  });

  it('flows left to right: a box sits right of its inputs and of what it is agreed on', () => {
    const withSync = diagram(['a org=顧客', 'b org=vendor', 'c org=顧客'], ['a>b', 'b~c']);
    for (const d of [sales, withSync]) {
      const l = laneLayout(d);
      for (const e of d.edges)
        expect(l.positions[e.target].x, e.id).toBeGreaterThan(l.positions[e.source].x);
    }
  });

  it('marks links between lanes as crossing organisations', () => {
    const l = laneLayout(sales);
    const ids = (pairs: string[]) =>
      sales.edges
        .filter((e) => pairs.includes(`${e.source}${e.kind === 'io' ? '>' : '~'}${e.target}`))
        .map((e) => e.id)
        .sort();
    expect([...l.crossEdgeIds].sort()).toEqual(
      ids(['req>prop', 'prop>approve', 'prop~approve', 'sub>est']),
    );
  });

  it('does not change the diagram (the free view keeps its positions)', () => {
    const before = structuredClone(sales);
    laneLayout(sales);
    expect(sales).toEqual(before);
  });

  it('lays a rework loop out instead of looping', () => {
    const d = diagram(['a', 'b', 'c'], ['a>b', 'b>c', 'c>a']);
    const c = columns(d);
    expect([...c.values()].sort()).toEqual([0, 1, 2]);
    expectInsideLanes(d, {});
  });
});

describe('laneRole', () => {
  it('knows the usual names in both languages', () => {
    expect(laneRole(' お客様 ')).toBe('customer');
    expect(laneRole('ベンダー')).toBe('vendor');
    expect(laneRole('Partner')).toBe('partner');
    expect(laneRole('情報システム部')).toBe('named');
    expect(laneRole('  ')).toBe('unassigned');
  });
});
