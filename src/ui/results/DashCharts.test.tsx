// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../i18n';
import { compilePlaybook, scoreTable, stageFunnel, summarise } from '../../engine';
import { playbookFromProject } from '../../model';
import { generateDemoTable } from '../../data/demo/generate';
import { demoProject } from '../../data/testing/helpers';
import { Dashboard, dashboardOf } from './Dashboard';
import { ColourBars } from './DashCharts';
import { countTicks } from './ChartAxis';
import type { RunOutcome } from './runState';

/**
 * The dashboard's charts, drawn without recharts: each bar is as long as its count on an axis with
 * recharts' ticks, and the by-segment bars add up, colour by colour, to the colour counts.
 */
const i18n = initI18n('en');
afterEach(cleanup);

describe('the dashboard charts', () => {
  it('use the count axis recharts drew (0 to a round top, 5 ticks, whole numbers)', () => {
    // The demo's 2,000 accounts: the largest band was drawn on 0, 250, 500, 750, 1,000.
    expect(countTicks(842)).toEqual([0, 250, 500, 750, 1000]);
    expect(countTicks(1289)).toEqual([0, 350, 700, 1050, 1400]);
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2_000_000;
    for (let k = 0; k < 300; k++) {
      const max = Math.floor(rnd());
      const t = countTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      for (let i = 1; i < t.length; i++) {
        expect(t[i]).toBeGreaterThan(t[i - 1]);
        expect(Number.isInteger(t[i])).toBe(true);
      }
    }
  });

  it('draws each bar as long as its count on that axis', () => {
    const bars = [
      { id: 'green', label: 'Green', count: 646, fill: '#2e7d32' },
      { id: 'red', label: 'Red', count: 124, fill: '#d32f2f' },
    ];
    const v = render(
      <I18nextProvider i18n={i18n}>
        <ColourBars bars={bars} height={220} onPick={() => {}} />
      </I18nextProvider>,
    );
    for (const b of bars) {
      const col = v.getByTestId(`chart-color-${b.id}`);
      expect(col.getAttribute('data-count')).toBe(String(b.count));
      expect(col.getAttribute('title')).toBe(`${b.label}: ${b.count} accounts`);
      const bar = col.firstElementChild as HTMLElement;
      expect(parseFloat(bar.style.height)).toBeCloseTo(
        (100 * b.count) / countTicks(646).at(-1)!,
        6,
      );
    }
  });

  it('by segment: the parts of each colour add up to the colour count', () => {
    const pb = playbookFromProject(demoProject);
    const c = compilePlaybook(pb, { asOf: '2026-11-01' });
    if (!c.ok) throw new Error('demo playbook');
    const table = generateDemoTable({ rows: 3000, seed: 5 });
    const result = scoreTable(c.compiled, table);
    const outcome = {
      result,
      summary: summarise(result),
      funnel: stageFunnel(result),
    } as unknown as RunOutcome;
    const v = render(
      <I18nextProvider i18n={i18n}>
        <Dashboard data={dashboardOf(outcome)} project={demoProject} onDrill={() => {}} />
      </I18nextProvider>,
    );
    const total = (sel: string) =>
      [...v.container.querySelectorAll(sel)].reduce(
        (s, e) => s + Number(e.getAttribute('data-count')),
        0,
      );
    let all = 0;
    for (const id of [...result.colorIds, 'none']) {
      const shown = v.queryByTestId(`color-count-${id}`);
      if (!shown) continue;
      const n = Number(shown.textContent!.replace(/,/g, ''));
      all += n;
      expect(total(`[data-testid^="chart-segment-"][data-testid$="-${id}"]`)).toBe(n);
      expect(Number(v.getByTestId(`chart-color-${id}`).getAttribute('data-count'))).toBe(n);
    }
    expect(all).toBe(3000);
    expect(total('[data-testid^="chart-segment-"]')).toBe(3000);
  });
});
