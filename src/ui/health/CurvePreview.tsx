import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Normalisation } from '../../model';
import { plotRange, pointsFor } from './curve';

const W = 180,
  H = 70,
  PAD = 4;

/** A small picture of how raw values turn into points: a line for numbers, bars for categories. */
export const CurvePreview = memo(function CurvePreview({
  n,
  invert,
}: {
  n: Normalisation;
  invert: boolean;
}) {
  const { t } = useTranslation('health');
  const y = (p: number) => H - PAD - (p / 100) * (H - 2 * PAD);
  if (n.kind === 'category') {
    const keys = Object.keys(n.points);
    const bw = keys.length ? (W - 2 * PAD) / keys.length : 0;
    return (
      <svg className="hm-curve" width={W} height={H + 14} role="img" aria-label={t('curveAria')}>
        {keys.map((k, i) => {
          const p = pointsFor(n, k, invert) ?? 0;
          return (
            <g key={k}>
              <rect
                x={PAD + i * bw + 2}
                y={y(p)}
                width={Math.max(1, bw - 4)}
                height={H - PAD - y(p)}
                fill="#1565c0"
                opacity={0.75}
              />
              <text x={PAD + i * bw + bw / 2} y={H + 11} fontSize={9} textAnchor="middle">
                {k.slice(0, 8)}
              </text>
            </g>
          );
        })}
        <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} stroke="#999" />
      </svg>
    );
  }
  const [lo, hi] = plotRange(n);
  const steps = 60;
  const pts: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const xv = lo + ((hi - lo) * i) / steps;
    const p = pointsFor(n, xv, invert) ?? 0;
    pts.push(`${(PAD + (i / steps) * (W - 2 * PAD)).toFixed(1)},${y(p).toFixed(1)}`);
  }
  const fmt = (v: number) =>
    Math.abs(v) >= 1000 ? v.toExponential(1) : String(Math.round(v * 100) / 100);
  return (
    <svg className="hm-curve" width={W} height={H + 14} role="img" aria-label={t('curveAria')}>
      <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} stroke="#999" />
      <line x1={PAD} x2={PAD} y1={PAD} y2={H - PAD} stroke="#999" />
      <polyline points={pts.join(' ')} fill="none" stroke="#1565c0" strokeWidth={2} />
      <text x={PAD} y={H + 11} fontSize={9}>
        {fmt(lo)}
      </text>
      <text x={W - PAD} y={H + 11} fontSize={9} textAnchor="end">
        {fmt(hi)}
      </text>
      <text x={PAD + 3} y={PAD + 8} fontSize={9}>
        100
      </text>
    </svg>
  );
});
