import { describe, expect, it } from 'vitest';
import { START_ZOOM, startOfFlowView } from './startView';
import { generatePrepDiagram } from '../../analysis/generate';
import { layoutDiagram } from '../../layout/layoutSync';
import type { LayoutResult } from '../../layout/elkAdapter';

const box = { width: 180, height: 64 };
const result = (positions: LayoutResult['positions']): LayoutResult => ({
  positions,
  sizes: Object.fromEntries(Object.keys(positions).map((id) => [id, box])),
  routes: {},
  width: 0,
  height: 0,
});
/** Screen position of a flow point under a viewport. */
const onScreen = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({
  x: v.x + p.x * v.zoom,
  y: v.y + p.y * v.zoom,
});

describe('startOfFlowView', () => {
  it('puts the first layer at the left edge, centred when the boxes in view allow', () => {
    const v = startOfFlowView(
      result({
        a: { x: 12, y: 100 },
        b: { x: 12, y: 300 },
        c: { x: 400, y: -1000 },
        d: { x: 400, y: 2000 },
      }),
      800,
      600,
    );
    expect(v.zoom).toBe(START_ZOOM);
    expect(onScreen(v, { x: 12, y: 0 }).x).toBe(24);
    // Layer a..b spans y 100..364, its middle (232) at the window's middle (300).
    expect(onScreen(v, { x: 0, y: 232 }).y).toBeCloseTo(300);
  });

  it('leaves no empty space above the boxes in view', () => {
    // c is above the first layer but in view; e is higher still but off to the right.
    const v = startOfFlowView(
      result({ a: { x: 0, y: 100 }, c: { x: 300, y: 40 }, e: { x: 5000, y: -3000 } }),
      800,
      600,
    );
    expect(onScreen(v, { x: 300, y: 40 }).y).toBeCloseTo(24);
  });

  it('shows the top of a first layer taller than the window', () => {
    const v = startOfFlowView(
      result({ a: { x: 0, y: -50 }, b: { x: 0, y: 5000 }, c: { x: 300, y: -400 } }),
      800,
      600,
    );
    expect(onScreen(v, { x: 0, y: -50 })).toEqual({ x: 24, y: 24 });
  });

  it('counts boxes of one column as the first layer even when their x differ a little', () => {
    const v = startOfFlowView(
      result({ a: { x: 0, y: 0 }, b: { x: 30, y: 400 }, c: { x: 400, y: -2000 } }),
      800,
      1000,
    );
    // a..b span y 0..464: centred.
    expect(onScreen(v, { x: 0, y: 232 }).y).toBeCloseTo(500);
  });

  it('on a real ELK layout, the leftmost box is in the window', async () => {
    const r = await layoutDiagram(generatePrepDiagram(120));
    const v = startOfFlowView(r, 900, 700);
    const first = Object.entries(r.positions).sort((p, q) => p[1].x - q[1].x)[0][1];
    const s = onScreen(v, first);
    expect(s.x).toBeCloseTo(24);
    expect(s.y).toBeGreaterThanOrEqual(0);
    expect(s.y).toBeLessThan(700);
  });
});
