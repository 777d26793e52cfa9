import { getNiceTickValues } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../util/format';

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

/** The count axis: recharts' ticks for [0, max] (YAxis/XAxis defaults: 5 ticks, no decimals). */
export function countTicks(max: number): number[] {
  const ticks = getNiceTickValues([0, Math.max(0, max)], 5, false);
  return ticks.length >= 2 ? ticks : [0, 1];
}

const pct = (v: number, top: number) => `${top > 0 ? (100 * v) / top : 0}%`;

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
      <div className="vbars-axis" aria-hidden="true">
        {ticks.map((v) => (
          <span key={v} style={{ bottom: pct(v, top) }}>
            {formatCount(v, lang)}
          </span>
        ))}
      </div>
      <div className="vbars-plot">
        {ticks.map((v) => (
          <div key={v} className="chart-grid-h" style={{ bottom: pct(v, top) }} />
        ))}
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
      <div className="hbars-grid" style={{ gridTemplateRows: `repeat(${rows.length}, 1fr) auto` }}>
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
        <div className="hbars-row" style={{ gridRow: rows.length + 1 }} aria-hidden="true">
          <span />
          <div className="hbars-axis">
            {ticks.map((v) => (
              <span key={v} style={{ left: pct(v, top) }}>
                {formatCount(v, lang)}
              </span>
            ))}
          </div>
        </div>
      </div>
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
