// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { ScoreLine } from './AccountHistory';
import { dateLabelIndexes, lineSegments, linePoints, SCORE_TICKS } from './historyLine';
import type { AccountPoint } from '../../store/accountPoints';

/**
 * The account's history line, drawn without recharts: every run's point sits at its score on the
 * 0–100 axis (recharts' ticks) and at its place among the runs, the line joins the scored points
 * and breaks at a run without a score, and each point names its date and score.
 */
afterEach(cleanup);
const num = (s: string) => parseFloat(s);

let seed = 5;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + 7 * i)).toISOString().slice(0, 10);
function randomPoints(n: number): AccountPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    runId: `r${i}`,
    asOf: day(i),
    // Whole and fractional scores, the ends of the axis, and now and then no score.
    score:
      rnd() < 0.1 ? null : rnd() < 0.1 ? (rnd() < 0.5 ? 0 : 100) : Math.round(rnd() * 1000) / 10,
    color: ['green', 'yellow', 'red'][Math.floor(rnd() * 3)],
    stage: 'adopt',
    ctas: [],
  }));
}

describe('the account history line', () => {
  it('uses the score axis recharts drew for 0–100', () => {
    expect(SCORE_TICKS).toEqual([0, 25, 50, 75, 100]);
  });

  it('places every point at its score and its run, on 60 random histories', () => {
    for (let k = 0; k < 60; k++) {
      const n = 2 + Math.floor(rnd() * 51);
      const pts = randomPoints(n);
      const { container } = render(
        <ScoreLine
          points={pts}
          name={(p) => `${p.asOf}: ${p.score}`}
          fill={() => '#000'}
          label="x"
        />,
      );
      const dots = [...container.querySelectorAll<HTMLElement>('.lchart-dot')];
      const scored = pts.filter((p) => p.score !== null);
      expect(dots.map((d) => d.getAttribute('data-asof'))).toEqual(scored.map((p) => p.asOf));
      for (const d of dots) {
        const i = pts.findIndex((p) => p.asOf === d.getAttribute('data-asof'));
        const score = pts[i].score!;
        // Height: the score's share of the axis from its bottom tick (0) to its top tick (100).
        expect(num(d.style.bottom)).toBeCloseTo((100 * score) / 100, 6);
        // Across: runs evenly spaced, the oldest on the left edge, the newest on the right.
        expect(num(d.style.left)).toBeCloseTo((100 * i) / (n - 1), 6);
        expect(d.getAttribute('aria-label')).toBe(`${pts[i].asOf}: ${score}`);
        expect(d.tabIndex).toBe(0);
      }
      // The axis labels and grid lines at the ticks' heights.
      const labels = [...container.querySelectorAll<HTMLElement>('.vbars-axis span')];
      expect(labels.map((l) => l.textContent)).toEqual(SCORE_TICKS.map(String));
      labels.forEach((l, j) => expect(num(l.style.bottom)).toBeCloseTo(SCORE_TICKS[j], 6));
      const grid = [...container.querySelectorAll<HTMLElement>('.chart-grid-h')];
      grid.forEach((g, j) => expect(num(g.style.bottom)).toBeCloseTo(SCORE_TICKS[j], 6));
      // The line passes through the dots (viewBox y downwards) and breaks at a missing score.
      const line = [...container.querySelectorAll('polyline')].map((l) =>
        l
          .getAttribute('points')!
          .split(' ')
          .map((xy) => xy.split(',').map(Number)),
      );
      expect(line.flat().length).toBe(dots.length);
      line.flat().forEach(([x, y], j) => {
        expect(x).toBeCloseTo(num(dots[j].style.left), 6);
        expect(100 - y).toBeCloseTo(num(dots[j].style.bottom), 6);
      });
      let runs = 0;
      pts.forEach((p, i) => p.score !== null && (i === 0 || pts[i - 1].score === null) && runs++);
      expect(line.length).toBe(runs);
      cleanup();
    }
  });

  it('keeps a score off the axis on its edge', () => {
    const [lo, hi] = linePoints([-3, 104]);
    expect(lo).toEqual({ i: 0, x: 0, y: 0 });
    expect(hi).toEqual({ i: 1, x: 100, y: 100 });
    expect(lineSegments(linePoints([10, null, 20, 30]))).toEqual([
      '0,90',
      '66.66666666666667,80 100,70',
    ]);
  });

  it('names the newest run under the axis and at most 7 dates', () => {
    for (let n = 1; n <= 60; n++) {
      const ix = dateLabelIndexes(n);
      expect(ix.at(-1)).toBe(n - 1);
      expect(ix.length).toBeLessThanOrEqual(7);
      expect(ix.length).toBe(Math.min(n, ix.length));
      if (n <= 7) expect(ix).toEqual([...Array(n).keys()]);
    }
  });

  it('names a point on focus and on hover', () => {
    const pts = randomPoints(5).map((p, i) => ({ ...p, score: 20 * i }));
    const v = render(
      <ScoreLine
        points={pts}
        name={(p) => `${p.asOf}: ${p.score}`}
        fill={() => '#000'}
        label="x"
      />,
    );
    const dots = v.container.querySelectorAll<HTMLElement>('.lchart-dot');
    fireEvent.focus(dots[2]);
    expect(v.getByTestId('account-history-tip').textContent).toBe(`${pts[2].asOf}: 40`);
    fireEvent.blur(dots[2]);
    expect(v.queryByTestId('account-history-tip')).toBeNull();
  });
});
