import en from '../i18n/en/prep';
import ja from '../i18n/ja/prep';
import type { Diagram, Point, PrepEdge, PrepNode } from '../model';
import { holdersOf } from '../model/holders';
import { parallelOffsets } from './parallelEdges';

/**
 * The diagram as a real vector SVG (rect, path, text; no foreignObject), built from the model
 * and the boxes' sizes alone, so it runs in Node and in tests and opens in PowerPoint, Keynote,
 * Illustrator, Inkscape and librsvg alike. It mirrors the editor's drawing (prep.css): solid box
 * for a deliverable, dotted for know-how, the organisation badge, holders, lead time, finding
 * markers; solid arrows for input/output, dashed lines for synchronisation; and a legend of the
 * notation, so the customer can read it without the tool.
 */
export interface SvgOptions {
  lang: 'en' | 'ja';
  /** Measured box sizes (the editor's); otherwise node.size, otherwise estimated from the text. */
  sizes?: Record<string, { width: number; height: number }>;
  /** Finding markers per box, as on the canvas. */
  markers?: Map<string, 'error' | 'warn'>;
  /** Leave the legend out (default: included). */
  legend?: boolean;
}

const FONT = "'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif";
const PAD = 40;
const INK = '#2b3440';
const MUTED = '#5b6573';
const LABEL_PX = 13;
const SMALL_PX = 11;
const MIN_W = 150;
const MAX_W = 240;

/** Rough advance of a character in em: full-width (CJK, kana, full-width forms) 1, others ~0.58. */
function charEm(c: string): number {
  const code = c.codePointAt(0)!;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  )
    return 1;
  if (c === ' ') return 0.3;
  return /[A-Z@MW%&]/.test(c) ? 0.68 : 0.56;
}
export function textWidth(s: string, px: number): number {
  let em = 0;
  for (const c of s) em += charEm(c);
  return em * px;
}

/** Greedy wrap at spaces, or anywhere between full-width characters (overflow-wrap: anywhere). */
export function wrap(s: string, px: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const c of s) {
    if (c === '\n') {
      lines.push(line);
      line = '';
      continue;
    }
    if (line && textWidth(line + c, px) > width) {
      const sp = line.lastIndexOf(' ');
      if (sp > 0 && charEm(c) < 1) {
        lines.push(line.slice(0, sp));
        line = line.slice(sp + 1) + c;
      } else {
        lines.push(line);
        line = c === ' ' ? '' : c;
      }
    } else line += c;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

// XML 1.0 forbids most control characters even escaped: drop them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export const esc = (s: string) =>
  s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

interface Box {
  node: PrepNode;
  x: number;
  y: number;
  w: number;
  h: number;
  label: string[];
  holders: string[];
  lead: string | null;
}

function boxOf(node: PrepNode, o: SvgOptions, t: typeof en): Box {
  const given = o.sizes?.[node.id] ?? node.size;
  const label = node.label || t.node.untitled;
  const holders = holdersOf(node);
  const holderText = holders.length ? holders.join(', ') : t.node.noHolders;
  const natural = Math.max(textWidth(label, LABEL_PX) * 1.05, textWidth(holderText, SMALL_PX)) + 28;
  const w = given?.width ?? Math.min(MAX_W, Math.max(MIN_W, Math.ceil(natural)));
  const inner = w - 24;
  const lines = wrap(label, LABEL_PX, inner);
  const hLines = wrap(holderText, SMALL_PX, inner);
  const lead =
    node.leadTimeDays !== undefined
      ? t.node.leadTime.replace('{{days}}', String(node.leadTimeDays))
      : null;
  const natH = 16 + lines.length * 17 + 3 + hLines.length * 14 + (lead ? 14 : 0) + 4;
  return {
    node,
    x: node.position.x,
    y: node.position.y,
    w,
    h: given?.height ?? natH,
    label: lines,
    holders: hLines,
    lead,
  };
}

function drawBox(b: Box, marker: 'error' | 'warn' | undefined): string {
  const k = b.node.kind === 'knowhow';
  const fill =
    marker === 'error' ? '#fff6f6' : marker === 'warn' ? '#fffaf0' : k ? '#fffdf5' : '#ffffff';
  // The whole label in a title too: wrapped lines are separate <text>s, and a reader (or a
  // search in the file) should find the label as typed.
  const out: string[] = [
    `<g class="box" data-id="${esc(b.node.id)}"><title>${esc(b.node.label)}</title>`,
  ];
  out.push(
    `<rect x="${n1(b.x)}" y="${n1(b.y)}" width="${n1(b.w)}" height="${n1(b.h)}" rx="4" fill="${fill}" stroke="${INK}" stroke-width="${k ? 2.5 : 2}"${k ? ' stroke-dasharray="2.5 3"' : ''}/>`,
  );
  let y = b.y + 8 + LABEL_PX;
  for (const l of b.label) {
    out.push(
      `<text x="${n1(b.x + 12)}" y="${n1(y)}" font-size="${LABEL_PX}" font-weight="600" fill="#1d2430">${esc(l)}</text>`,
    );
    y += 17;
  }
  y += 1;
  for (const l of b.holders) {
    out.push(
      `<text x="${n1(b.x + 12)}" y="${n1(y)}" font-size="${SMALL_PX}" fill="${MUTED}">${esc(l)}</text>`,
    );
    y += 14;
  }
  if (b.lead)
    out.push(
      `<text x="${n1(b.x + 12)}" y="${n1(y)}" font-size="${SMALL_PX}" fill="${MUTED}">${esc(b.lead)}</text>`,
    );
  const org = b.node.organisation.trim();
  if (org) {
    const w = textWidth(org, 10) + 12;
    const x = b.x + b.w - 6 - w;
    out.push(
      `<rect x="${n1(x)}" y="${n1(b.y - 9)}" width="${n1(w)}" height="16" rx="8" fill="#eef1f5" stroke="#d5dae1"/>`,
      `<text x="${n1(x + 6)}" y="${n1(b.y + 3)}" font-size="10" fill="${MUTED}">${esc(org)}</text>`,
    );
  }
  if (marker) {
    const c = marker === 'error' ? '#d32f2f' : '#e69500';
    out.push(
      `<circle cx="${n1(b.x)}" cy="${n1(b.y)}" r="10" fill="${c}" stroke="#fff" stroke-width="2"/>`,
      `<text x="${n1(b.x)}" y="${n1(b.y + 4.5)}" font-size="13" font-weight="700" fill="#fff" text-anchor="middle">!</text>`,
    );
  }
  out.push('</g>');
  return out.join('');
}

/** A closed arrowhead at `tip`, pointing along from → tip (an explicit path: markers are not portable). */
function arrowHead(from: Point, tip: Point): string {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len,
    uy = dy / len;
  const L = 11,
    W = 5.5;
  const bx = tip.x - ux * L,
    by = tip.y - uy * L;
  return `<path d="M${n1(tip.x)},${n1(tip.y)} L${n1(bx - uy * W)},${n1(by + ux * W)} L${n1(bx + uy * W)},${n1(by - ux * W)} Z" fill="${INK}"/>`;
}

/** Where a link arrives on its target (the side it was dropped on; left by default) and the way in. */
function arrival(e: PrepEdge, t: Box, offset: number): { b: Point; dx: number; dy: number } {
  switch (e.targetSide) {
    case 'top':
      return { b: { x: t.x + t.w / 2 + offset, y: t.y }, dx: 0, dy: -1 };
    case 'bottom':
      return { b: { x: t.x + t.w / 2 + offset, y: t.y + t.h }, dx: 0, dy: 1 };
    case 'right':
      return { b: { x: t.x + t.w, y: t.y + t.h / 2 + offset }, dx: 1, dy: 0 };
    default:
      return { b: { x: t.x, y: t.y + t.h / 2 + offset }, dx: -1, dy: 0 };
  }
}

/** A link from the source's right side to the target's side: ELK's route if it still fits, else a curve. */
function drawEdge(e: PrepEdge, s: Box, t: Box, offset: number): string {
  const a = { x: s.x + s.w, y: s.y + s.h / 2 + offset };
  const { b, dx, dy } = arrival(e, t, offset);
  const sync = e.kind === 'sync';
  const style = `fill="none" stroke="${INK}" stroke-width="1.6"${sync ? ' stroke-dasharray="7 5"' : ''}`;
  const r = e.route;
  let d: string;
  let before: Point;
  if (
    offset === 0 &&
    r &&
    r.length >= 2 &&
    Math.hypot(r[0].x - a.x, r[0].y - a.y) < 20 &&
    Math.hypot(r[r.length - 1].x - b.x, r[r.length - 1].y - b.y) < 20
  ) {
    d =
      `M${n1(a.x)},${n1(a.y)}` +
      r
        .slice(1, -1)
        .map((p) => ` L${n1(p.x)},${n1(p.y)}`)
        .join('') +
      ` L${n1(b.x)},${n1(b.y)}`;
    before = r.length > 2 ? r[r.length - 2] : a;
  } else {
    const c = Math.max(40, Math.abs(dx ? b.x - a.x : b.y - a.y) * 0.5);
    before = { x: b.x + dx * c, y: b.y + dy * c };
    d = `M${n1(a.x)},${n1(a.y)} C${n1(a.x + c)},${n1(a.y)} ${n1(before.x)},${n1(before.y)} ${n1(b.x)},${n1(b.y)}`;
  }
  const out = [`<g class="link link-${e.kind}" data-id="${esc(e.id)}"><path d="${d}" ${style}/>`];
  if (!sync) out.push(arrowHead(before, b));
  if (e.label) {
    const mx = (a.x + b.x) / 2,
      my = (a.y + b.y) / 2;
    const w = textWidth(e.label, SMALL_PX) + 8;
    out.push(
      `<rect x="${n1(mx - w / 2)}" y="${n1(my - 9)}" width="${n1(w)}" height="16" rx="3" fill="#fff" stroke="#d5dae1"/>`,
      `<text x="${n1(mx)}" y="${n1(my + 3)}" font-size="${SMALL_PX}" fill="${INK}" text-anchor="middle">${esc(e.label)}</text>`,
    );
  }
  out.push('</g>');
  return out.join('');
}

/** The notation, drawn with the same shapes as the diagram. */
function legend(
  x: number,
  y: number,
  t: typeof en,
  withMarkers: boolean,
): { svg: string; w: number; h: number } {
  const items: string[] = [];
  let cx = x;
  const text = (s: string, at: number) =>
    `<text x="${n1(at)}" y="${n1(y + 15)}" font-size="${SMALL_PX}" fill="${INK}">${esc(s)}</text>`;
  const item = (shape: string, label: string, shapeW: number) => {
    items.push(shape, text(label, cx + shapeW + 6));
    cx += shapeW + 6 + textWidth(label, SMALL_PX) + 22;
  };
  item(
    `<rect x="${n1(cx)}" y="${n1(y + 4)}" width="28" height="14" rx="2" fill="#fff" stroke="${INK}" stroke-width="2"/>`,
    t.kind.deliverable,
    28,
  );
  item(
    `<rect x="${n1(cx)}" y="${n1(y + 4)}" width="28" height="14" rx="2" fill="#fffdf5" stroke="${INK}" stroke-width="2.5" stroke-dasharray="2.5 3"/>`,
    t.kind.knowhow,
    28,
  );
  item(
    `<path d="M${n1(cx)},${n1(y + 11)} L${n1(cx + 26)},${n1(y + 11)}" stroke="${INK}" stroke-width="1.6"/>` +
      arrowHead({ x: cx, y: y + 11 }, { x: cx + 34, y: y + 11 }),
    t.edgeKind.io,
    34,
  );
  item(
    `<path d="M${n1(cx)},${n1(y + 11)} L${n1(cx + 34)},${n1(y + 11)}" stroke="${INK}" stroke-width="1.6" stroke-dasharray="7 5"/>`,
    t.edgeKind.sync,
    34,
  );
  if (withMarkers) {
    item(
      `<circle cx="${n1(cx + 8)}" cy="${n1(y + 11)}" r="8" fill="#d32f2f"/>`,
      t.marker.error,
      16,
    );
    item(`<circle cx="${n1(cx + 8)}" cy="${n1(y + 11)}" r="8" fill="#e69500"/>`, t.marker.warn, 16);
  }
  const title = `<text x="${n1(x)}" y="${n1(y - 6)}" font-size="${SMALL_PX}" font-weight="600" fill="${MUTED}">${esc(t.legend.title)}</text>`;
  return { svg: `<g class="legend">${title}${items.join('')}</g>`, w: cx - x, h: 40 };
}

export function diagramSvg(diagram: Diagram, o: SvgOptions): string {
  const t = (o.lang === 'ja' ? ja : en) as unknown as typeof en;
  const boxes = new Map(diagram.nodes.map((n) => [n.id, boxOf(n, o, t)]));
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const b of boxes.values()) {
    minX = Math.min(minX, b.x - 12);
    minY = Math.min(minY, b.y - 12);
    maxX = Math.max(maxX, b.x + b.w);
    maxY = Math.max(maxY, b.y + b.h);
  }
  for (const e of diagram.edges)
    for (const p of e.route ?? []) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
  if (!boxes.size) minX = minY = maxX = maxY = 0;
  const offsets = parallelOffsets(diagram.edges);
  const links = diagram.edges.flatMap((e) => {
    const s = boxes.get(e.source),
      tg = boxes.get(e.target);
    return s && tg ? [drawEdge(e, s, tg, offsets.get(e.id) ?? 0)] : [];
  });
  const withLegend = o.legend !== false;
  const lg = withLegend ? legend(minX, maxY + 44, t, (o.markers?.size ?? 0) > 0) : null;
  const width = Math.ceil(Math.max(maxX - minX, lg?.w ?? 0) + 2 * PAD);
  const height = Math.ceil(maxY - minY + (lg ? 44 + lg.h : 0) + 2 * PAD);
  const vx = minX - PAD,
    vy = minY - PAD;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${n1(vx)} ${n1(vy)} ${width} ${height}" font-family="${FONT}">`,
    `<title>${esc(diagram.name)}</title>`,
    `<rect x="${n1(vx)}" y="${n1(vy)}" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="links">${links.join('')}</g>`,
    `<g class="boxes">${[...boxes.values()].map((b) => drawBox(b, o.markers?.get(b.node.id))).join('')}</g>`,
    lg?.svg ?? '',
    `</svg>`,
    '',
  ].join('\n');
}
