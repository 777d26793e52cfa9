import type { ReactNode } from 'react';
import { niceTicks } from './niceTicks';

/**
 * The value axis and grid lines shared by the HTML/CSS charts (DashCharts, AccountBars,
 * AccountHistory): ticks are recharts' for the same data (its getNiceTickValues, 5 ticks, from
 * 0, ported in niceTicks.ts), so the charts keep the axes recharts drew; a value is placed as a percentage of the top
 * tick, by CSS.
 */

/** The count axis: recharts' ticks for [0, max] (YAxis/XAxis defaults: 5 ticks, no decimals). */
export function countTicks(max: number): number[] {
  const ticks = niceTicks(Math.max(0, max), 5, false);
  return ticks.length >= 2 ? ticks : [0, 1];
}

/** A value axis with decimals allowed (recharts' XAxis of the contributions: 5 ticks, from 0). */
export function valueTicks(max: number): number[] {
  const ticks = niceTicks(Math.max(0, max), 5, true);
  return ticks.length >= 2 && ticks[ticks.length - 1] > 0 ? ticks : [0, 1];
}

/** Where `v` sits on an axis from 0 to `top`, as a CSS percentage (below 0 drawn at 0). */
export const pct = (v: number, top: number) => `${top > 0 ? (100 * Math.max(0, v)) / top : 0}%`;

/**
 * The tick labels of a value axis: `dir` 'y' upwards from the bottom (a vertical chart's left
 * axis), 'x' rightwards from the left (a horizontal chart's bottom axis).
 */
export function AxisLabels({
  ticks,
  dir,
  format,
}: {
  ticks: number[];
  dir: 'x' | 'y';
  format: (v: number) => string;
}) {
  const top = ticks[ticks.length - 1];
  return (
    <div className={dir === 'y' ? 'vbars-axis' : 'hbars-axis'} aria-hidden="true">
      {ticks.map((v) => (
        <span key={v} style={dir === 'y' ? { bottom: pct(v, top) } : { left: pct(v, top) }}>
          {format(v)}
        </span>
      ))}
    </div>
  );
}

/** Dashed grid lines at the ticks: horizontal for a 'y' axis, vertical for an 'x' axis. */
export function GridLines({ ticks, dir }: { ticks: number[]; dir: 'x' | 'y' }) {
  const top = ticks[ticks.length - 1];
  return ticks.map((v) =>
    dir === 'y' ? (
      <div key={v} className="chart-grid-h" style={{ bottom: pct(v, top) }} aria-hidden="true" />
    ) : (
      <div key={v} className="chart-grid-v" style={{ left: pct(v, top) }} aria-hidden="true" />
    ),
  );
}

/**
 * A horizontal bar chart's frame: `rows` rows (the children, each placed by `gridRow`), the
 * vertical grid lines behind them and the value axis below.
 */
export function HBarsFrame({
  rows,
  ticks,
  format,
  height,
  children,
}: {
  rows: number;
  ticks: number[];
  format: (v: number) => string;
  height?: number;
  children: ReactNode;
}) {
  return (
    <div className="hbars-grid" style={{ gridTemplateRows: `repeat(${rows}, 1fr) auto`, height }}>
      <div className="hbars-lines" style={{ gridRow: `1 / ${rows + 1}` }} aria-hidden="true">
        <GridLines ticks={ticks} dir="x" />
      </div>
      {children}
      <div className="hbars-row" style={{ gridRow: rows + 1 }} aria-hidden="true">
        <span />
        <AxisLabels ticks={ticks} dir="x" format={format} />
      </div>
    </div>
  );
}
