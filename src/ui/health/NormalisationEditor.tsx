import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Normalisation } from '../../model';
import { NumberInput } from './NumberInput';
import { defaultNormalisation } from './curve';

/**
 * Edits one normalisation: tiers (first tier whose min the value reaches), linear between two
 * bounds, or a category map for qualitative choice lists. `categories` are the allowed values
 * of the field the measure reads, offered when building a category map.
 */
export function NormalisationEditor({
  n,
  onChange,
  categories,
  idPrefix,
}: {
  n: Normalisation;
  onChange: (n: Normalisation, coalesceKey?: string) => void;
  categories: readonly string[];
  idPrefix: string;
}) {
  const { t } = useTranslation('health');
  const [newKey, setNewKey] = useState('');
  return (
    <div className="hm-norm">
      <label>
        {t('norm.kind')}
        <select
          value={n.kind}
          onChange={(e) =>
            onChange(defaultNormalisation(e.target.value as Normalisation['kind'], categories))
          }
          aria-label={t('norm.kindAria')}
        >
          <option value="tiers">{t('norm.tiers')}</option>
          <option value="linear">{t('norm.linear')}</option>
          <option value="category">{t('norm.category')}</option>
        </select>
      </label>
      {n.kind === 'linear' && (
        <div className="hm-norm-row">
          <label>
            {t('norm.min')}{' '}
            <NumberInput
              value={n.min}
              aria-label={t('norm.minAria')}
              onCommit={(v) => v !== undefined && onChange({ ...n, min: v }, `${idPrefix}.min`)}
            />
          </label>
          <label>
            {t('norm.max')}{' '}
            <NumberInput
              value={n.max}
              aria-label={t('norm.maxAria')}
              onCommit={(v) => v !== undefined && onChange({ ...n, max: v }, `${idPrefix}.max`)}
            />
          </label>
          {n.min === n.max && (
            <span className="hm-warn" role="note">
              {t('norm.sameBounds')}
            </span>
          )}
        </div>
      )}
      {n.kind === 'tiers' && (
        <table className="hm-mini">
          <thead>
            <tr>
              <th>{t('norm.atLeast')}</th>
              <th>{t('norm.points')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {n.tiers.map((tier, i) => (
              <tr key={i}>
                <td>
                  <NumberInput
                    value={tier.min}
                    aria-label={t('norm.tierMinAria', { n: i + 1 })}
                    onCommit={(v) =>
                      v !== undefined &&
                      onChange(
                        { ...n, tiers: n.tiers.map((x, k) => (k === i ? { ...x, min: v } : x)) },
                        `${idPrefix}.t${i}.min`,
                      )
                    }
                  />
                </td>
                <td>
                  <NumberInput
                    value={tier.points}
                    min={0}
                    max={100}
                    aria-label={t('norm.tierPointsAria', { n: i + 1 })}
                    onCommit={(v) =>
                      v !== undefined &&
                      onChange(
                        { ...n, tiers: n.tiers.map((x, k) => (k === i ? { ...x, points: v } : x)) },
                        `${idPrefix}.t${i}.pts`,
                      )
                    }
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="hm-icon"
                    disabled={n.tiers.length <= 1}
                    aria-label={t('norm.removeTier', { n: i + 1 })}
                    onClick={() => onChange({ ...n, tiers: n.tiers.filter((_, k) => k !== i) })}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
            <tr>
              <td>{t('norm.below')}</td>
              <td>
                <NumberInput
                  value={n.below}
                  min={0}
                  max={100}
                  aria-label={t('norm.belowAria')}
                  onCommit={(v) =>
                    v !== undefined && onChange({ ...n, below: v }, `${idPrefix}.below`)
                  }
                />
              </td>
              <td />
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>
                <button
                  type="button"
                  className="hm-add"
                  onClick={() => {
                    const last = n.tiers[n.tiers.length - 1];
                    onChange({
                      ...n,
                      tiers: [
                        ...n.tiers,
                        {
                          min: last ? last.min - 10 : 0,
                          points: last ? Math.max(0, last.points - 20) : 50,
                        },
                      ],
                    });
                  }}
                >
                  + {t('norm.addTier')}
                </button>
                {n.tiers.some((x, i) => i > 0 && x.min >= n.tiers[i - 1].min) && (
                  <span className="hm-warn" role="note">
                    {t('norm.tierOrder')}
                  </span>
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {n.kind === 'category' && (
        <table className="hm-mini">
          <thead>
            <tr>
              <th>{t('norm.value')}</th>
              <th>{t('norm.points')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {Object.entries(n.points).map(([k, v]) => (
              <tr key={k}>
                <td>
                  <code>{k}</code>
                </td>
                <td>
                  <NumberInput
                    value={v}
                    min={0}
                    max={100}
                    aria-label={t('norm.categoryPointsAria', { value: k })}
                    onCommit={(x) =>
                      x !== undefined &&
                      onChange({ ...n, points: { ...n.points, [k]: x } }, `${idPrefix}.c.${k}`)
                    }
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="hm-icon"
                    aria-label={t('norm.removeValue', { value: k })}
                    onClick={() => {
                      const rest = { ...n.points };
                      delete rest[k];
                      onChange({ ...n, points: rest });
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
            <tr>
              <td>{t('norm.otherwise')}</td>
              <td>
                <NumberInput
                  value={n.otherwise}
                  min={0}
                  max={100}
                  placeholder={t('norm.otherwiseMissing')}
                  aria-label={t('norm.otherwiseAria')}
                  onCommit={(x) => {
                    const next = { ...n };
                    if (x === undefined) delete next.otherwise;
                    else next.otherwise = x;
                    onChange(next, `${idPrefix}.otherwise`);
                  }}
                />
              </td>
              <td />
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>
                <input
                  list={`${idPrefix}-cats`}
                  value={newKey}
                  placeholder={t('norm.newValue')}
                  aria-label={t('norm.newValue')}
                  onChange={(e) => setNewKey(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && newKey.trim() && !(newKey.trim() in n.points)) {
                      onChange({ ...n, points: { ...n.points, [newKey.trim()]: 50 } });
                      setNewKey('');
                    }
                  }}
                />
                <datalist id={`${idPrefix}-cats`}>
                  {categories
                    .filter((c) => !(c in n.points))
                    .map((c) => (
                      <option key={c} value={c} />
                    ))}
                </datalist>
                <button
                  type="button"
                  className="hm-add"
                  disabled={!newKey.trim() || newKey.trim() in n.points}
                  onClick={() => {
                    onChange({ ...n, points: { ...n.points, [newKey.trim()]: 50 } });
                    setNewKey('');
                  }}
                >
                  + {t('norm.addValue')}
                </button>
                {/* Values left without points are a choice (counted as missing), not a fault:
                    a plain note, and none when "otherwise" gives them points. */}
                {n.otherwise === undefined &&
                  categories.filter((c) => !(c in n.points)).length > 0 && (
                    <span className="hm-note" role="note" data-testid="norm-unscored">
                      {t('norm.unscored', {
                        values: categories.filter((c) => !(c in n.points)).join(', '),
                      })}
                    </span>
                  )}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
