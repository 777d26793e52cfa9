import type { Diagram, Point } from '../model';
import type { Size } from './elkAdapter';

/**
 * Organisations as lanes (DOMAIN §2, question 3: coordination across organisations). A pure,
 * synchronous layered layout: each box's column is its longest input/output path from a source
 * (so the flow reads left to right across lanes), each organisation is a horizontal band, and
 * within a band the boxes of one column are stacked in their free-view order. Computed for the
 * view only: the free view's positions in the document are never touched.
 */

/** Well-known roles first, in this order; any other named organisation after them; nobody last. */
export type LaneRole = 'customer' | 'vendor' | 'partner' | 'named' | 'unassigned';

export interface Lane {
  /** Normalised organisation ('' for unassigned): boxes whose organisation normalises alike share a lane. */
  key: string;
  /** The organisation as first written on a box ('' for unassigned). */
  label: string;
  role: LaneRole;
  /** Top of the band and its height (flow coordinates); bands are stacked without gaps. */
  y: number;
  height: number;
  nodeIds: string[];
}

export interface LaneLayout {
  lanes: Lane[];
  positions: Record<string, Point>;
  /** Left edge of the boxes area (the lane headers sit left of it) and the bands' full width. */
  x: number;
  width: number;
  /** Links whose two ends are in different lanes: where coordination crosses organisations. */
  crossEdgeIds: Set<string>;
}

/** Width of the header column at the left of every band. */
export const LANE_HEADER = 150;
const PAD_X = 40;
const PAD_Y = 28;
const GAP_X = 90;
const GAP_Y = 24;
const FALLBACK: Size = { width: 180, height: 64 };
const EMPTY_LANE_HEIGHT = 96;

const ROLE_NAMES: [Exclude<LaneRole, 'named' | 'unassigned'>, string[]][] = [
  ['customer', ['customer', 'client', '顧客', 'お客様', '顧客企業']],
  ['vendor', ['vendor', 'supplier', 'ベンダー', '自社']],
  ['partner', ['partner', 'パートナー', '協力会社']],
];
const ROLE_ORDER: LaneRole[] = ['customer', 'vendor', 'partner', 'named', 'unassigned'];

export const laneKey = (organisation: string): string =>
  organisation.normalize('NFKC').trim().toLowerCase();

export function laneRole(organisation: string): LaneRole {
  const k = laneKey(organisation);
  if (!k) return 'unassigned';
  for (const [role, names] of ROLE_NAMES) if (names.includes(k)) return role;
  return 'named';
}

/**
 * Column of each box: the longest chain of links leading to it. A synchronisation link counts in
 * the direction it was drawn (ours ⇢ theirs, service ⇢ approval), so the agreed deliverable sits
 * right of what it is agreed on. A cycle (rework loop) is broken at the box met first in the
 * diagram's order, so every box gets a column.
 */
export function columns(d: Diagram): Map<string, number> {
  const ids = new Set(d.nodes.map((n) => n.id));
  const preds = new Map<string, string[]>(d.nodes.map((n) => [n.id, []]));
  for (const e of d.edges)
    if (e.source !== e.target && ids.has(e.source) && ids.has(e.target))
      preds.get(e.target)!.push(e.source);
  const col = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (id: string): number => {
    const known = col.get(id);
    if (known !== undefined) return known;
    if (onStack.has(id)) return -1; // a back link of a cycle: ignored
    onStack.add(id);
    let c = 0;
    for (const p of preds.get(id)!) c = Math.max(c, visit(p) + 1);
    onStack.delete(id);
    col.set(id, c);
    return c;
  };
  // Recursive: one frame per box of the longest chain, far inside the stack for 1,000 boxes.
  for (const n of d.nodes) visit(n.id);
  return col;
}

export function laneLayout(d: Diagram, sizes: Record<string, Size> = {}): LaneLayout {
  const size = (id: string, fallback?: Size) => sizes[id] ?? fallback ?? FALLBACK;
  // Lanes: first-seen label per key, ordered by role, then by name, unassigned last.
  const byKey = new Map<string, Lane>();
  for (const n of d.nodes) {
    const key = laneKey(n.organisation);
    let lane = byKey.get(key);
    if (!lane) {
      lane = {
        key,
        label: key ? n.organisation.trim() : '',
        role: laneRole(n.organisation),
        y: 0,
        height: 0,
        nodeIds: [],
      };
      byKey.set(key, lane);
    }
    lane.nodeIds.push(n.id);
  }
  const lanes = [...byKey.values()].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.key.localeCompare(b.key, 'ja'),
  );

  const col = columns(d);
  const nodeById = new Map(d.nodes.map((n) => [n.id, n]));
  const maxCol = Math.max(0, ...col.values());
  // Column widths: the widest box of the column, in any lane, so columns line up across lanes.
  const colWidth = Array.from({ length: maxCol + 1 }, () => 0);
  for (const n of d.nodes) {
    const c = col.get(n.id)!;
    colWidth[c] = Math.max(colWidth[c], size(n.id, n.size).width);
  }
  const x0 = LANE_HEADER + PAD_X;
  const colX: number[] = [];
  let x = x0;
  for (let c = 0; c <= maxCol; c++) {
    colX.push(x);
    x += (colWidth[c] || FALLBACK.width) + GAP_X;
  }
  const width = Math.max(x - GAP_X + PAD_X, x0 + FALLBACK.width + PAD_X);

  const positions: Record<string, Point> = {};
  let y = 0;
  for (const lane of lanes) {
    lane.y = y;
    // Within a column, the free view's top-to-bottom order (then left to right, then id): a
    // consultant's arrangement survives the switch, and the result does not depend on array order.
    const perCol = new Map<number, string[]>();
    for (const id of lane.nodeIds) {
      const c = col.get(id)!;
      perCol.set(c, [...(perCol.get(c) ?? []), id]);
    }
    let tallest = 0;
    for (const [c, ids] of perCol) {
      ids.sort((a, b) => {
        const p = nodeById.get(a)!.position;
        const q = nodeById.get(b)!.position;
        return p.y - q.y || p.x - q.x || (a < b ? -1 : a > b ? 1 : 0);
      });
      let cy = y + PAD_Y;
      for (const id of ids) {
        const s = size(id, nodeById.get(id)!.size);
        // Centred in the column, so links between columns run straight.
        positions[id] = { x: Math.round(colX[c] + (colWidth[c] - s.width) / 2), y: cy };
        cy += s.height + GAP_Y;
      }
      tallest = Math.max(tallest, cy - GAP_Y - (y + PAD_Y));
    }
    lane.height = Math.max(EMPTY_LANE_HEIGHT, tallest + 2 * PAD_Y);
    y += lane.height;
  }

  const laneOf = new Map<string, string>();
  for (const lane of lanes) for (const id of lane.nodeIds) laneOf.set(id, lane.key);
  const crossEdgeIds = new Set(
    d.edges
      .filter(
        (e) =>
          laneOf.has(e.source) &&
          laneOf.has(e.target) &&
          laneOf.get(e.source) !== laneOf.get(e.target),
      )
      .map((e) => e.id),
  );
  return { lanes, positions, x: 0, width, crossEdgeIds };
}
