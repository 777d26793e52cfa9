import { useTranslation } from 'react-i18next';
import { formatCount } from '../../util/format';
import { AxisLabels, countTicks, GridLines, HBarsFrame, pct } from './ChartAxis';
import { dateLabelIndexes } from './historyLine';

/**
 * The dashboard's two bar charts, drawn as plain HTML and CSS (no SVG library): the colour
 * distribution (one bar per band) and the accounts by segment (a stacked bar per segment).
 * Drawn with recharts they were the longest tasks of a reload: each chart mounted a few hundred
 * components, measured its tick labels in the DOM (forced layout) and drew again, 60–100 ms of
 * main-thread CPU each at any data size. Here a chart is a few dozen elements, laid out by CSS.
 *
 * The same numbers: the count axis has recharts' ticks for the same data (its getNiceTickValues,
 * 5 ticks, whole numbers, from 0 to the largest bar), bars are in band / segment order, and every
 * bar is a button naming its count (title and accessible name) that opens its accounts.
 */
export interface ColourBar {
  id: string;
  label: string;
  count: number;
  fill: string;
}

export function ColourBars({
  bars,
  height,
  onPick,
}: {
  bars: ColourBar[];
  height: number;
  onPick: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  const ticks = countTicks(Math.max(0, ...bars.map((b) => b.count)));
  const top = ticks[ticks.length - 1];
  return (
    <div className="vbars" style={{ height }} data-testid="color-chart">
      <AxisLabels ticks={ticks} dir="y" format={(v) => formatCount(v, lang)} />
      <div className="vbars-plot">
        <GridLines ticks={ticks} dir="y" />
        {bars.map((b) => {
          const name = t('dash.barTitle', {
            label: b.label,
            formatted: formatCount(b.count, lang),
          });
          return (
            <button
              key={b.id}
              type="button"
              className="vbars-col"
              title={name}
              aria-label={name}
              data-testid={`chart-color-${b.id}`}
              data-count={b.count}
              onClick={() => onPick(b.id)}
            >
              <span
                className="vbars-bar"
                style={{ height: pct(b.count, top), background: b.fill }}
              />
            </button>
          );
        })}
      </div>
      <div />
      <div className="vbars-labels" aria-hidden="true">
        {bars.map((b) => (
          <span key={b.id}>{b.label}</span>
        ))}
      </div>
    </div>
  );
}

export interface SegmentRow {
  id: string;
  label: string;
  /** Accounts per series key (a colour id, or 'none'). */
  counts: Record<string, number>;
}
export interface Series {
  key: string;
  label: string;
  fill: string;
}

export function SegmentBars({
  rows,
  series,
  onPick,
}: {
  rows: SegmentRow[];
  series: Series[];
  onPick: (segment: string, key: string) => void;
}) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  const total = (r: SegmentRow) => series.reduce((s, x) => s + (r.counts[x.key] ?? 0), 0);
  const ticks = countTicks(Math.max(0, ...rows.map(total)));
  const top = ticks[ticks.length - 1];
  return (
    <div className="hbars" data-testid="segment-chart">
      <HBarsFrame rows={rows.length} ticks={ticks} format={(v) => formatCount(v, lang)}>
        {rows.map((r, i) => (
          <div key={r.id} className="hbars-row" style={{ gridRow: i + 1 }}>
            <span className="hbars-name">{r.label}</span>
            <div className="hbars-track">
              {series
                .filter((x) => r.counts[x.key])
                .map((x) => {
                  const n = r.counts[x.key];
                  const name = t('dash.segmentBarTitle', {
                    segment: r.label,
                    label: x.label,
                    formatted: formatCount(n, lang),
                  });
                  return (
                    <button
                      key={x.key}
                      type="button"
                      className="hbars-part"
                      title={name}
                      aria-label={name}
                      data-testid={`chart-segment-${r.id}-${x.key}`}
                      data-count={n}
                      style={{ width: pct(n, top), background: x.fill }}
                      onClick={() => onPick(r.id, x.key)}
                    />
                  );
                })}
            </div>
          </div>
        ))}
      </HBarsFrame>
      {/* In band order, in the text colour. */}
      <ul className="chart-legend" data-testid="segment-legend">
        {series.map((x) => (
          <li key={x.key}>
            <span className="swatch" style={{ background: x.fill }} /> {x.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface StackColumn {
  id: string;
  label: string;
  /** Accounts per series key. */
  counts: Record<string, number>;
}

/**
 * Stacked columns, one per run (the History tab's colour distribution over runs): the series
 * stacked from the bottom in the order given, the count axis from 0, every part naming its
 * column, series and count (title and accessible name, reachable by keyboard).
 */
export function StackedColumns({
  columns,
  series,
  height,
}: {
  columns: StackColumn[];
  series: Series[];
  height: number;
}) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  const total = (c: StackColumn) => series.reduce((s, x) => s + (c.counts[x.key] ?? 0), 0);
  const ticks = countTicks(Math.max(0, ...columns.map(total)));
  const top = ticks[ticks.length - 1];
  const named = new Set(dateLabelIndexes(columns.length, 8));
  return (
    <div data-testid="history-color-chart">
      <div className="vbars vbars-stacked" style={{ height }}>
        <AxisLabels ticks={ticks} dir="y" format={(v) => formatCount(v, lang)} />
        <div className="vbars-plot">
          <GridLines ticks={ticks} dir="y" />
          {columns.map((c) => (
            <span key={c.id} className="vbars-col" data-column={c.label}>
              {series
                .filter((x) => c.counts[x.key])
                .map((x) => {
                  const name = t('dash.segmentBarTitle', {
                    segment: c.label,
                    label: x.label,
                    formatted: formatCount(c.counts[x.key], lang),
                  });
                  return (
                    <span
                      key={x.key}
                      className="vbars-bar"
                      role="img"
                      tabIndex={0}
                      title={name}
                      aria-label={name}
                      data-series={x.key}
                      data-count={c.counts[x.key]}
                      style={{ height: pct(c.counts[x.key], top), background: x.fill }}
                    />
                  );
                })}
            </span>
          ))}
        </div>
        <div />
        <div className="vbars-labels" data-testid="history-color-dates" aria-hidden="true">
          {/* At most 8 dates (the newest kept), so up to 52 runs do not overlap. */}
          {columns.map((c, i) => (
            <span key={c.id}>{named.has(i) ? c.label : ''}</span>
          ))}
        </div>
      </div>
      {/* In band order, in the text colour. */}
      <ul className="chart-legend">
        {series.map((x) => (
          <li key={x.key}>
            <span className="swatch" style={{ background: x.fill }} /> {x.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
