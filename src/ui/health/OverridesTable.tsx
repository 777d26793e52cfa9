import { useTranslation } from 'react-i18next';
import type { Field, HealthModel, Segment } from '../../model';
import { BandsEditor } from './BandsEditor';
import { NormalisationEditor } from './NormalisationEditor';
import { NumberInput } from './NumberInput';
import { categoriesFor } from './MeasureCard';
import {
  effectiveWeights,
  setBandsOverride,
  setNormaliseOverride,
  setRequiredColor,
  setWeightOverride,
} from './overrideOps';
import { weightPercents } from './curve';
import { editHealth, seal } from './edit';
import { useState } from 'react';

/**
 * The base model and every segment side by side. A segment cell shows the inherited value in
 * grey and an override in bold; only overrides are stored, and clearing one inherits again.
 */
export function OverridesTable({
  health,
  segments,
  fields,
}: {
  health: HealthModel;
  segments: Segment[];
  fields: readonly Field[];
}) {
  const { t } = useTranslation('health');
  const [open, setOpen] = useState<string | null>(null);
  const basePct = weightPercents(health.measures.map((m) => m.weight));
  const segPct = Object.fromEntries(
    segments.map((s) => [s.id, weightPercents(effectiveWeights(health, s.id))]),
  );
  const ov = (s: string) => health.overrides.find((o) => o.segment === s);
  const bandsOf = (s: string) => ov(s)?.bands ?? health.bands;
  return (
    <div className="hm-overrides-wrap">
      <table className="hm-overrides">
        <thead>
          <tr>
            <th scope="col">{t('overrides.measure')}</th>
            <th scope="col">{t('overrides.base')}</th>
            {segments.map((s) => (
              <th scope="col" key={s.id} data-segment={s.id}>
                {s.label || s.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {health.measures.map((m, i) => (
            <tr key={m.id}>
              <th scope="row">{m.label || m.id}</th>
              <td className="hm-base">
                {m.weight} <span className="hm-pct">({basePct[i].toFixed(1)}%)</span>
              </td>
              {segments.map((s) => {
                const w = ov(s.id)?.weights?.[m.id];
                const n = ov(s.id)?.normalise?.[m.id];
                const key = `${s.id}:${m.id}`;
                return (
                  <td
                    key={s.id}
                    className={w !== undefined || n ? 'hm-overridden' : 'hm-inherited'}
                  >
                    <NumberInput
                      value={w}
                      min={0}
                      placeholder={String(m.weight)}
                      aria-label={t('overrides.weightAria', { measure: m.label, segment: s.label })}
                      onCommit={(v) =>
                        editHealth(
                          t('undo.editOverride'),
                          (h) => setWeightOverride(h, s.id, m.id, v),
                          `hm.ov.${key}`,
                        )
                      }
                      onBlur={seal}
                    />
                    <span className="hm-pct">{segPct[s.id][i].toFixed(1)}%</span>
                    <button
                      type="button"
                      className={`hm-link${n ? ' hm-on' : ''}`}
                      aria-expanded={open === key}
                      onClick={() => setOpen(open === key ? null : key)}
                    >
                      {n ? t('overrides.customCurve') : t('overrides.curve')}
                    </button>
                    {open === key && (
                      <div className="hm-popover">
                        {n ? (
                          <>
                            <NormalisationEditor
                              n={n}
                              categories={categoriesFor(m.expr, fields)}
                              idPrefix={`hm-ov-${s.id}-${m.id}`}
                              onChange={(x, k) =>
                                editHealth(
                                  t('undo.editOverride'),
                                  (h) => setNormaliseOverride(h, s.id, m.id, x),
                                  k,
                                )
                              }
                            />
                            <button
                              type="button"
                              className="hm-add"
                              onClick={() =>
                                editHealth(t('undo.editOverride'), (h) =>
                                  setNormaliseOverride(h, s.id, m.id, undefined),
                                )
                              }
                            >
                              {t('overrides.inherit')}
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            className="hm-add"
                            onClick={() =>
                              editHealth(t('undo.editOverride'), (h) =>
                                setNormaliseOverride(h, s.id, m.id, structuredClone(m.normalise)),
                              )
                            }
                          >
                            {t('overrides.customise')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('overrides.requiredColor')}</th>
            <td className="hm-base">
              <select
                value={health.requiredColor ?? ''}
                aria-label={t('overrides.requiredBaseAria')}
                onChange={(e) =>
                  editHealth(t('undo.editOverride'), (h) => {
                    if (e.target.value) h.requiredColor = e.target.value;
                    else delete h.requiredColor;
                  })
                }
              >
                <option value="">{t('overrides.none')}</option>
                {health.bands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.label}
                  </option>
                ))}
                {health.requiredColor &&
                  !health.bands.some((b) => b.id === health.requiredColor) && (
                    <option value={health.requiredColor}>{health.requiredColor}</option>
                  )}
              </select>
              {health.requiredColor && !health.bands.some((b) => b.id === health.requiredColor) && (
                <span className="hm-warn" role="note">
                  {t('overrides.unknownColor', { id: health.requiredColor })}
                </span>
              )}
            </td>
            {segments.map((s) => (
              <td key={s.id} className={ov(s.id)?.requiredColor ? 'hm-overridden' : 'hm-inherited'}>
                <select
                  value={ov(s.id)?.requiredColor ?? ''}
                  aria-label={t('overrides.requiredAria', { segment: s.label })}
                  onChange={(e) =>
                    editHealth(t('undo.editOverride'), (h) =>
                      setRequiredColor(h, s.id, e.target.value || undefined),
                    )
                  }
                >
                  <option value="">
                    {t('overrides.inheritValue', {
                      value:
                        health.bands.find((b) => b.id === health.requiredColor)?.label ??
                        t('overrides.none'),
                    })}
                  </option>
                  {bandsOf(s.id).map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.label}
                    </option>
                  ))}
                  {ov(s.id)?.requiredColor &&
                    !bandsOf(s.id).some((b) => b.id === ov(s.id)?.requiredColor) && (
                      <option value={ov(s.id)!.requiredColor}>{ov(s.id)!.requiredColor}</option>
                    )}
                </select>
                {ov(s.id)?.requiredColor &&
                  !bandsOf(s.id).some((b) => b.id === ov(s.id)?.requiredColor) && (
                    <span className="hm-warn" role="note">
                      {t('overrides.unknownColor', { id: ov(s.id)!.requiredColor })}
                    </span>
                  )}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('overrides.bands')}</th>
            <td className="hm-base">
              <div className="hm-band-strip hm-band-strip-small">
                {health.bands.map((b) => (
                  <span key={b.id} style={{ background: b.color, flexGrow: 1 }}>
                    {b.min}
                  </span>
                ))}
              </div>
            </td>
            {segments.map((s) => {
              const own = ov(s.id)?.bands;
              const key = `${s.id}:bands`;
              return (
                <td key={s.id} className={own ? 'hm-overridden' : 'hm-inherited'}>
                  <div className="hm-band-strip hm-band-strip-small">
                    {bandsOf(s.id).map((b) => (
                      <span key={b.id} style={{ background: b.color, flexGrow: 1 }}>
                        {b.min}
                      </span>
                    ))}
                  </div>
                  <button
                    type="button"
                    className={`hm-link${own ? ' hm-on' : ''}`}
                    aria-expanded={open === key}
                    onClick={() => setOpen(open === key ? null : key)}
                  >
                    {own ? t('overrides.customBands') : t('overrides.inherited')}
                  </button>
                  {open === key && (
                    <div className="hm-popover">
                      {own ? (
                        <>
                          <BandsEditor
                            bands={own}
                            idPrefix={`hm-ov-${s.id}`}
                            onChange={(b, k) =>
                              editHealth(
                                t('undo.editOverride'),
                                (h) => setBandsOverride(h, s.id, b),
                                k,
                              )
                            }
                          />
                          <button
                            type="button"
                            className="hm-add"
                            onClick={() =>
                              editHealth(t('undo.editOverride'), (h) =>
                                setBandsOverride(h, s.id, undefined),
                              )
                            }
                          >
                            {t('overrides.inherit')}
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="hm-add"
                          onClick={() =>
                            editHealth(t('undo.editOverride'), (h) =>
                              setBandsOverride(h, s.id, structuredClone(health.bands)),
                            )
                          }
                        >
                          {t('overrides.customise')}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
