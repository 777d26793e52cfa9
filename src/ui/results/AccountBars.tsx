import { formatCount, formatNumber } from '../../util/format';
import { AxisLabels, countTicks, HBarsFrame, pct, valueTicks } from './ChartAxis';

/**
 * The account page's two bar charts, drawn as HTML and CSS like the dashboard's (DashCharts):
 * each measure's contribution, and an activity source's events per week. With recharts the
 * page's first task mounted them with its store, selectors and DOM text measurement; once the
 * dashboard stopped using recharts that code first ran cold here, a 150–350 ms task at 1M
 * accounts. The axes keep recharts' ticks for the same data (getNiceTickValues, 5 ticks).
 */

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
      <HBarsFrame
        rows={rows.length}
        ticks={ticks}
        height={Math.max(120, 30 * rows.length + 26)}
        format={(v) =>
          formatNumber(v, lang, {
            digits: Number.isInteger(v) ? 0 : v * 10 === Math.round(v * 10) ? 1 : 2,
          })
        }
      >
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
      </HBarsFrame>
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
      <AxisLabels ticks={ticks} dir="y" format={(v) => formatCount(v, lang)} />
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
