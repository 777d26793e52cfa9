import type { PrepEdge } from '../../model';
import { prepEdgePath } from './edgePath';

/**
 * Links drawn by the editor itself, as a few long SVG paths (LinkLayer.tsx), instead of one React
 * Flow edge component each (an <svg> element and three store subscriptions per link). Two uses on
 * a big diagram:
 * - Zoomed out below LOD_ZOOM ("level of detail"): a box's 13 px text is under 5 px high and
 *   cannot be read; every link goes in the layer and the boxes are drawn without text (prep.css,
 *   `.prep-lod`). With React Flow's 2,000 link components a drag frame of a 1,000-box overview
 *   cost 14 ms of script and 10 ms of Chromium's layerisation.
 * - During a drag at any zoom: the dragged boxes' links leave React Flow for a layer of their own
 *   above the boxes, so a drag frame re-rasterises those few links, not the tiles of every box and
 *   link their old and new paths cross (13 ms per frame of software raster at 100 %).
 */
export const LOD_ZOOM = 0.4;

/** Where a box's links attach, in flow coordinates: the source (right) and target (left) handle. */
export interface NodeEnds {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

/** The handle boxes React Flow measured, relative to the node (its `internals.handleBounds`). */
interface HandleBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A box's link ends as React Flow computes them (getHandlePosition): the outer edge of its first
 * source handle, on the right, and of its first target handle, on the left; without measured
 * handles (a box first drawn zoomed out has none), the middle of the box's sides.
 */
export function nodeEnds(
  x: number,
  y: number,
  width: number,
  height: number,
  handles?: { source?: HandleBox[] | null; target?: HandleBox[] | null } | null,
): NodeEnds {
  const s = handles?.source?.[0];
  const t = handles?.target?.[0];
  return {
    sx: x + (s ? s.x + s.width : width),
    sy: y + (s ? s.y + s.height / 2 : height / 2),
    tx: x + (t ? t.x : 0),
    ty: y + (t ? t.y + t.height / 2 : height / 2),
  };
}

/** The paths of a set of links: each kind and its selected links apart, arrowheads filled. */
export interface LinkPaths {
  io: string;
  sync: string;
  ioSelected: string;
  syncSelected: string;
  arrows: string;
  arrowsSelected: string;
  labels: { x: number; y: number; text: string }[];
}

export interface LinkIn {
  selected?: boolean;
  data?: { src: PrepEdge };
}

/**
 * Arrowhead at a link's target, pointing right (links enter a box from its left side): the size
 * of React Flow's closed arrow marker at the links' 1.6 px stroke.
 */
const arrow = (x: number, y: number) => `M${x},${y} l-7.2,-5.76 v11.52 z`;

export function linkPaths(
  links: Iterable<LinkIn>,
  ends: (id: string) => NodeEnds | undefined,
): LinkPaths {
  const out = {
    io: [] as string[],
    sync: [] as string[],
    ioSelected: [] as string[],
    syncSelected: [] as string[],
    arrows: [] as string[],
    arrowsSelected: [] as string[],
  };
  const labels: LinkPaths['labels'] = [];
  for (const l of links) {
    const e = l.data?.src;
    if (!e) continue;
    const a = ends(e.source);
    const b = ends(e.target);
    if (!a || !b) continue;
    const { d, labelX, labelY } = prepEdgePath(e, a.sx, a.sy, b.tx, b.ty);
    if (e.kind === 'sync') (l.selected ? out.syncSelected : out.sync).push(d);
    else {
      (l.selected ? out.ioSelected : out.io).push(d);
      (l.selected ? out.arrowsSelected : out.arrows).push(arrow(b.tx, b.ty));
    }
    if (e.label) labels.push({ x: labelX, y: labelY, text: e.label });
  }
  return {
    io: out.io.join(' '),
    sync: out.sync.join(' '),
    ioSelected: out.ioSelected.join(' '),
    syncSelected: out.syncSelected.join(' '),
    arrows: out.arrows.join(' '),
    arrowsSelected: out.arrowsSelected.join(' '),
    labels,
  };
}

/** Does this link end at one of these boxes? */
export const touches = (l: LinkIn, boxes: ReadonlySet<string>) =>
  !!l.data && (boxes.has(l.data.src.source) || boxes.has(l.data.src.target));

/**
 * Splits the links into still ones and those attached to a moving box, and keeps the still ones'
 * paths between renders: a drag frame rebuilds a handful of paths, not 2,000. The still paths are
 * rebuilt only when the links, the moving set or a still box's ends changed; with `still` false
 * (full drawing: React Flow draws them) they are not built at all.
 */
export class LinkLayerCache {
  private links: readonly LinkIn[] | null = null;
  private movingKey = '';
  private withStill = false;
  private ends = new Map<string, NodeEnds>();
  private still: LinkPaths = linkPaths([], () => undefined);
  private movingLinks: LinkIn[] = [];
  /** How often the still paths were rebuilt (for tests). */
  rebuilds = 0;

  update(
    links: readonly LinkIn[],
    ends: Map<string, NodeEnds>,
    moving: ReadonlySet<string>,
    still = true,
  ): { still: LinkPaths; moving: LinkPaths } {
    const key = [...moving].sort().join('\n');
    let stale =
      links !== this.links ||
      key !== this.movingKey ||
      still !== this.withStill ||
      (still && ends.size !== this.ends.size);
    if (!stale && still)
      for (const [id, p] of ends) {
        if (moving.has(id)) continue;
        const q = this.ends.get(id);
        if (!q || q.sx !== p.sx || q.sy !== p.sy || q.tx !== p.tx || q.ty !== p.ty) {
          stale = true;
          break;
        }
      }
    const get = (id: string) => ends.get(id);
    if (stale) {
      this.movingLinks = moving.size ? links.filter((l) => touches(l, moving)) : [];
      this.still = still
        ? linkPaths(moving.size ? links.filter((l) => !touches(l, moving)) : links, get)
        : linkPaths([], get);
      this.links = links;
      this.movingKey = key;
      this.withStill = still;
      if (still) this.rebuilds++;
    }
    this.ends = ends;
    return { still: this.still, moving: linkPaths(this.movingLinks, get) };
  }
}
