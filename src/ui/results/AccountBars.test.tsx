// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { compilePlaybook, explainAccount, scoreTable } from '../../engine';
import { playbookFromProject } from '../../model';
import { generateDemoTable } from '../../data/demo/generate';
import { demoProject } from '../../data/testing/helpers';
import { ContributionBars, WeekBars } from './AccountBars';
import { valueTicks } from './ChartAxis';

/**
 * The account page's bars, drawn without recharts: every bar as long as its value on an axis
 * that starts at 0 and reaches past the largest value, each naming its value.
 */
afterEach(cleanup);
const widthOf = (el: Element) => parseFloat((el as HTMLElement).style.width);
const heightOf = (el: Element) => parseFloat((el as HTMLElement).style.height);

describe('the account page charts', () => {
  it('draws each measure of a scored demo account as long as its contribution', () => {
    const table = generateDemoTable({ rows: 200, seed: 3 });
    const c = compilePlaybook(playbookFromProject(demoProject), { asOf: '2026-11-01' });
    if (!c.ok) throw new Error('playbook');
    const compiled = c.compiled;
    const result = scoreTable(compiled, table);
    for (const row of [0, 17, 99, 150]) {
      const e = explainAccount(compiled, table, result, row);
      const rows = e.measures.map((m) => ({
        id: m.id,
        label: m.label,
        value: m.contribution,
        excluded: m.excluded,
      }));
      const { container } = render(<ContributionBars rows={rows} lang="en" />);
      const ticks = valueTicks(Math.max(...rows.map((r) => r.value)));
      const top = ticks[ticks.length - 1];
      const bars = [...container.querySelectorAll('[data-measure]')];
      expect(bars.map((b) => b.getAttribute('data-measure'))).toEqual(rows.map((r) => r.id));
      bars.forEach((b, i) => {
        expect(widthOf(b)).toBeCloseTo((100 * Math.max(0, rows[i].value)) / top, 6);
        expect(b.getAttribute('title')).toContain(rows[i].label);
        expect((b as HTMLElement).style.background).toBe(
          rows[i].excluded ? 'rgb(207, 212, 218)' : 'rgb(31, 95, 191)',
        );
      });
      cleanup();
    }
  });

  it('has an axis from 0 past the largest value, on 300 random maxima', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let k = 0; k < 300; k++) {
      const max = rnd() * 10 ** Math.floor(rnd() * 4);
      const t = valueTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    }
    expect(valueTicks(0)[0]).toBe(0);
    expect(valueTicks(0).at(-1)).toBeGreaterThan(0);
  });

  it('draws a week as high as its count and names it', () => {
    const weeks = [0, 3, 1, 0, 7, 2].map((count, i) => ({ start: `2026-10-0${i + 1}`, count }));
    const { container } = render(
      <WeekBars weeks={weeks} height={90} lang="en" name={(w) => `${w.start}: ${w.count}`} />,
    );
    const cols = [...container.querySelectorAll('[data-week]')];
    expect(cols.map((c) => Number(c.getAttribute('data-count')))).toEqual(
      weeks.map((w) => w.count),
    );
    // 5 ticks of whole numbers up to 8 for a largest week of 7.
    const top = 8;
    cols.forEach((c, i) => {
      expect(heightOf(c.firstElementChild!)).toBeCloseTo((100 * weeks[i].count) / top, 6);
      expect(c.getAttribute('aria-label')).toBe(`${weeks[i].start}: ${weeks[i].count}`);
    });
  });
});
