import { readableTextOn } from '../../util/contrast';
import { useTranslation } from 'react-i18next';
import type { ColorBand } from '../../model';
import { NumberInput } from './NumberInput';

/** Problems a band list can have that the schema alone does not catch (order, duplicates, gaps). */
export function bandProblems(
  bands: readonly ColorBand[],
): { key: string; params?: Record<string, string | number> }[] {
  const out: { key: string; params?: Record<string, string | number> }[] = [];
  const ids = new Set<string>();
  bands.forEach((b, i) => {
    if (ids.has(b.id)) out.push({ key: 'bands.duplicateId', params: { id: b.id } });
    ids.add(b.id);
    if (i > 0 && b.min >= bands[i - 1].min)
      out.push({ key: 'bands.order', params: { band: b.label || b.id, n: i + 1 } });
  });
  const last = bands[bands.length - 1];
  if (last && !(last.min === 0 && last.inclusive)) out.push({ key: 'bands.gap' });
  return out;
}

/** Colour bands, best first: an account gets the first band whose minimum its score reaches. */
export function BandsEditor({
  bands,
  onChange,
  idPrefix,
}: {
  bands: ColorBand[];
  onChange: (bands: ColorBand[], coalesceKey?: string) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation('health');
  const set = (i: number, patch: Partial<ColorBand>, key?: string) =>
    onChange(
      bands.map((b, k) => (k === i ? { ...b, ...patch } : b)),
      key,
    );
  const problems = bandProblems(bands);
  return (
    <div className="hm-bands">
      <table className="hm-mini">
        <thead>
          <tr>
            <th>{t('bands.color')}</th>
            <th>{t('bands.label')}</th>
            <th>{t('bands.id')}</th>
            <th>{t('bands.min')}</th>
            <th>{t('bands.inclusive')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {bands.map((b, i) => (
            <tr key={i}>
              <td>
                <input
                  type="color"
                  value={b.color}
                  aria-label={t('bands.colorAria', { band: b.label })}
                  onChange={(e) => set(i, { color: e.target.value }, `${idPrefix}.b${i}.c`)}
                />
              </td>
              <td>
                <input
                  value={b.label}
                  aria-label={t('bands.labelAria', { n: i + 1 })}
                  onChange={(e) => set(i, { label: e.target.value }, `${idPrefix}.b${i}.l`)}
                />
              </td>
              <td>
                <input
                  className="hm-id"
                  value={b.id}
                  aria-label={t('bands.idAria', { n: i + 1 })}
                  onChange={(e) =>
                    e.target.value && set(i, { id: e.target.value }, `${idPrefix}.b${i}.id`)
                  }
                />
              </td>
              <td>
                <NumberInput
                  value={b.min}
                  min={0}
                  max={100}
                  aria-label={t('bands.minAria', { band: b.label })}
                  onCommit={(v) => v !== undefined && set(i, { min: v }, `${idPrefix}.b${i}.m`)}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={b.inclusive}
                  aria-label={t('bands.inclusiveAria', { band: b.label })}
                  onChange={(e) => set(i, { inclusive: e.target.checked })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="hm-icon"
                  disabled={bands.length <= 2}
                  aria-label={t('bands.remove', { band: b.label })}
                  onClick={() => onChange(bands.filter((_, k) => k !== i))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="hm-band-strip" aria-hidden="true">
        {bands.map((b, i) => {
          const upper = i === 0 ? 100 : bands[i - 1].min;
          return (
            <span
              key={i}
              style={{
                background: b.color,
                // The label in whichever of dark or white reads better on the user's colour.
                color: readableTextOn(b.color),
                flexGrow: Math.max(0, upper - b.min),
              }}
              title={`${b.label} ≥ ${b.min}`}
            >
              {b.label}
            </span>
          );
        })}
      </div>
      <button
        type="button"
        className="hm-add"
        disabled={bands.length >= 6}
        onClick={() => {
          const last = bands[bands.length - 1];
          onChange(
            [
              ...bands,
              {
                id: `band_${bands.length + 1}`,
                label: t('bands.newLabel'),
                color: '#9e9e9e',
                min: 0,
                inclusive: true,
              },
            ].map((b, k, all) =>
              k === all.length - 2 && last && last.min === 0 ? { ...b, min: 20 } : b,
            ),
          );
        }}
      >
        + {t('bands.add')}
      </button>
      {problems.map((p, i) => (
        <p key={i} className="hm-warn" role="note">
          {t(p.key, p.params)}
        </p>
      ))}
    </div>
  );
}
