import { getNiceTickValues } from 'recharts';
import { formatCount, formatNumber } from '../../util/format';
import { countTicks } from './DashCharts';

/**
 * The account page's two bar charts, drawn as HTML and CSS like the dashboard's (DashCharts):
 * each measure's contribution, and an activity source's events per week. With recharts the
 * page's first task mounted them with its store, selectors and DOM text measurement; once the
 * dashboard stopped using recharts that code first ran cold here, a 150–350 ms task at 1M
 * accounts. The axes keep recharts' ticks for the same data (getNiceTickValues, 5 ticks).
 */

const pct = (v: number, top: number) => `${top > 0 ? (100 * Math.max(0, v)) / top : 0}%`;

/** The value axis of the contributions (recharts' XAxis: 5 ticks, decimals allowed, from 0). */
export function valueTicks(max: number): number[] {
  const ticks = getNiceTickValues([0, Math.max(0, max)], 5, true);
  return ticks.length >= 2 && ticks[ticks.length - 1] > 0 ? ticks : [0, 1];
}

export interface ValueRow {
  id: string;
  label: string;
  value: number;
  /** Drawn grey: the measure did not count for this account (its value was missing). */
  excluded: boolean;
}

/** Horizontal bars, one per measure, in the playbook's order; each names its value. */
export function ContributionBars({ rows, lang }: { rows: ValueRow[]; lang: string }) {
  const ticks = valueTicks(Math.max(0, ...rows.map((r) => r.value)));
  const top = ticks[ticks.length - 1];
  const fmt = (v: number) => formatNumber(v, lang, { digits: 2 });
  return (
    <div className="hbars hbars-values" data-testid="contribution-chart">
      <div
        className="hbars-grid"
        style={{
          gridTemplateRows: `repeat(${rows.length}, 1fr) auto`,
          height: Math.max(120, 30 * rows.length + 26),
        }}
      >
        <div
          className="hbars-lines"
          style={{ gridRow: `1 / ${rows.length + 1}` }}
          aria-hidden="true"
        >
          {ticks.map((v) => (
            <div key={v} className="chart-grid-v" style={{ left: pct(v, top) }} />
          ))}
        </div>
        {rows.map((r, i) => (
          <div key={r.id} className="hbars-row" style={{ gridRow: i + 1 }}>
            <span className="hbars-name">{r.label}</span>
            <div className="hbars-track">
              <span
                className="hbars-part"
                role="img"
                title={`${r.label}: ${fmt(r.value)}`}
                aria-label={`${r.label}: ${fmt(r.value)}`}
                data-measure={r.id}
                data-value={r.value}
                style={{ width: pct(r.value, top), background: r.excluded ? '#cfd4da' : '#1f5fbf' }}
              />
            </div>
          </div>
        ))}
        <div className="hbars-row" style={{ gridRow: rows.length + 1 }} aria-hidden="true">
          <span />
          <div className="hbars-axis">
            {ticks.map((v) => (
              <span key={v} style={{ left: pct(v, top) }}>
                {formatNumber(v, lang, {
                  digits: Number.isInteger(v) ? 0 : v * 10 === Math.round(v * 10) ? 1 : 2,
                })}
              </span>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Events per week, oldest left; each bar names its week and count. */
export function WeekBars({
  weeks,
  height,
  lang,
  name,
}: {
  weeks: { start: string; count: number }[];
  height: number;
  lang: string;
  /** A bar's title and accessible name. */
  name: (week: { start: string; count: number }) => string;
}) {
  const ticks = countTicks(Math.max(0, ...weeks.map((w) => w.count)));
  const top = ticks[ticks.length - 1];
  return (
    <div className="vbars vbars-weeks" style={{ height }} data-testid="week-chart">
      <div className="vbars-axis" aria-hidden="true">
        {ticks.map((v) => (
          <span key={v} style={{ bottom: pct(v, top) }}>
            {formatCount(v, lang)}
          </span>
        ))}
      </div>
      <div className="vbars-plot">
        {weeks.map((w) => (
          <span
            key={w.start}
            className="vbars-col"
            role="img"
            title={name(w)}
            aria-label={name(w)}
            data-week={w.start}
            data-count={w.count}
          >
            <span
              className="vbars-bar"
              style={{ height: pct(w.count, top), background: '#1f5fbf' }}
            />
          </span>
        ))}
      </div>
    </div>
  );
}
