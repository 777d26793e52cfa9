import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateProject, type Diagram } from '../model';
import { diagramSvg, textWidth, wrap } from './diagramSvg';
import { decodePng, inkShare } from './testing/png';
import { lintDiagram, markersByNode } from '../analysis/lint';

const sales = (): Diagram => {
  const m = migrateProject(
    JSON.parse(
      readFileSync(resolve(__dirname, '../../test/fixtures/prep/sales-proposal.json'), 'utf8'),
    ),
  );
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  return m.project.diagrams[0];
};

/** rsvg-convert (librsvg2-bin): a renderer that is not Chromium. .ci/run installs it. */
function rsvg(svg: string): Buffer {
  try {
    return execFileSync('rsvg-convert', ['--format', 'png'], { input: svg, maxBuffer: 64 << 20 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        'rsvg-convert not found: install librsvg2-bin (apt-get install librsvg2-bin)',
        { cause: e },
      );
    throw e;
  }
}

const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );

describe('diagramSvg: a vector SVG from the model (no DOM)', () => {
  const d = sales();
  const markers = markersByNode(lintDiagram(d).findings);
  const svg = diagramSvg(d, { lang: 'ja', markers });

  it('is made of rect, path and text elements, with every label, holder and the legend', () => {
    expect(svg).not.toContain('foreignObject');
    expect(svg.match(/<rect /g)!.length).toBeGreaterThanOrEqual(6);
    expect(svg.match(/<path /g)!.length).toBeGreaterThanOrEqual(6);
    const t = texts(svg);
    for (const n of d.nodes) expect(t.join('\n')).toContain(n.label);
    expect(t).toContain('佐藤, 田中');
    for (const s of ['凡例', '成果物(実線の箱)', 'ノウハウ(点線の箱)', '同期(破線)'])
      expect(t).toContain(s);
    // The synchronisation link is dashed and has no arrowhead; the five io links have one each.
    expect(svg.match(/class="link link-sync"[^]*?<\/g>/)![0]).toContain('stroke-dasharray="7 5"');
    expect(svg.match(/Z" fill="#2b3440"/g)).toHaveLength(5 + 1); // + the legend's arrow
  });

  it('the io arrow and the sync link between the same two boxes are drawn apart', () => {
    const starts = [...svg.matchAll(/data-id="(e5|e6)"><path d="M([\d.-]+),([\d.-]+)/g)].map((m) =>
      Number(m[3]),
    );
    expect(starts).toHaveLength(2);
    expect(Math.abs(starts[0] - starts[1])).toBeGreaterThanOrEqual(10);
  });

  it('a link dropped on a box’s top or bottom arrives there, as on the canvas', () => {
    const two: Diagram = {
      id: 'x',
      name: 'x',
      nodes: [
        { ...d.nodes[0], id: 'a', position: { x: 0, y: 0 } },
        { ...d.nodes[0], id: 'b', position: { x: 400, y: 200 } },
        { ...d.nodes[0], id: 'c', position: { x: 400, y: 400 } },
      ],
      edges: [
        { id: 'top', kind: 'io', source: 'a', target: 'b', targetSide: 'top' },
        { id: 'left', kind: 'sync', source: 'a', target: 'c' },
      ],
    };
    const box = { width: 180, height: 60 };
    const sizes = { a: box, b: box, c: box };
    const s = diagramSvg(two, { lang: 'en', sizes });
    const end = (id: string) =>
      /data-id="(\w+)"><path d="[^"]* ([\d.-]+),([\d.-]+)"/
        .exec(s.slice(s.indexOf(`data-id="${id}"`)))!
        .slice(2)
        .map(Number);
    expect(end('top')).toEqual([490, 200]);
    expect(end('left')).toEqual([400, 430]);
  });

  it('escapes user text and drops characters XML cannot hold', () => {
    const evil = {
      ...d,
      nodes: d.nodes.map((n, i) => (i ? n : { ...n, label: 'A <b> & "c"\u0001' })),
    };
    const s = diagramSvg(evil, { lang: 'en' });
    expect(s).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(s).not.toContain('\u0001');
    expect(() => rsvg(s)).not.toThrow();
  });

  it('wraps long labels inside the box, Japanese anywhere, English at spaces', () => {
    expect(wrap('業界ノウハウと過去の提案書の蓄積', 13, 100).length).toBeGreaterThan(1);
    const en = wrap('Customer request list for the renewal', 13, 120);
    expect(en.length).toBeGreaterThan(1);
    expect(en.join(' ')).toBe('Customer request list for the renewal');
    for (const l of en) expect(textWidth(l, 13)).toBeLessThanOrEqual(120);
  });

  it('renders in librsvg (not Chromium): not blank, boxes and Japanese text drawn where they are', () => {
    const img = decodePng(rsvg(svg));
    const vb = svg
      .match(/viewBox="([\d.-]+) ([\d.-]+) (\d+) (\d+)"/)!
      .slice(1)
      .map(Number);
    expect([img.width, img.height]).toEqual([vb[2], vb[3]]);
    const share = inkShare(img);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.5);
    // Each box's label line has ink (glyphs) inside its box, in image coordinates.
    for (const n of d.nodes) {
      const x = Math.round(n.position.x - vb[0]) + 12;
      const y = Math.round(n.position.y - vb[1]) + 8;
      expect(inkShare(img, { x, y, w: 60, h: 16 }), n.label).toBeGreaterThan(0.04);
    }
    // Outside every box and link (the top-left padding) stays white.
    expect(inkShare(img, { x: 0, y: 0, w: 20, h: 20 })).toBe(0);
  });
});
