import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cta, CtaType, Priority } from '../../model';
import { CtaType as CtaTypeEnum, Priority as PriorityEnum } from '../../model';
import { projectStore } from '../../store/projectStore';
import ExpressionInput from '../expr-editor/ExpressionInput';
import { NumberInput } from '../health/NumberInput';
import { editCta, seal, toggle } from './edit';

type Named = { id: string; label: string };

/** One call to action: when it fires (trigger), for whom (stages, segments), who does what by when. */
export const CtaCard = memo(function CtaCard({
  cta,
  index,
  count,
  stages,
  segments,
  personFields,
  focused = false,
}: {
  cta: Cta;
  index: number;
  count: number;
  stages: Named[];
  segments: Named[];
  /** Text and category fields that can name the owning person. */
  personFields: Named[];
  /** Just opened from another view (the journey map): outlined. */
  focused?: boolean;
}) {
  const { t } = useTranslation('cta');
  const ed = (recipe: Parameters<typeof editCta>[2], key?: string) =>
    editCta(t('undo.edit'), cta.id, recipe, key);
  const k = (f: string) => `cta.${cta.id}.${f}`;
  const move = (to: number) =>
    projectStore.edit(t('undo.move'), (p) => {
      const [x] = p.ctas.splice(index, 1);
      p.ctas.splice(to, 0, x);
    });
  return (
    <li className={`cta-card cta-${cta.type}${focused ? ' cta-focused' : ''}`} data-cta={cta.id}>
      <div className="cta-head">
        <select
          value={cta.type}
          aria-label={t('typeAria', { cta: cta.label })}
          onChange={(e) =>
            ed((c) => {
              c.type = e.target.value as CtaType;
            })
          }
        >
          {CtaTypeEnum.options.map((o) => (
            <option key={o} value={o}>
              {t(`type.${o}`)}
            </option>
          ))}
        </select>
        <input
          className="cta-label"
          value={cta.label}
          placeholder={t('labelPlaceholder')}
          aria-label={t('labelAria', { n: index + 1 })}
          onChange={(e) =>
            ed((c) => {
              c.label = e.target.value;
            }, k('label'))
          }
          onBlur={seal}
        />
        <code title={t('idHint')}>{cta.id}</code>
        <button
          type="button"
          className="hm-icon"
          disabled={index === 0}
          aria-label={t('up', { cta: cta.label })}
          onClick={() => move(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="hm-icon"
          disabled={index === count - 1}
          aria-label={t('down', { cta: cta.label })}
          onClick={() => move(index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="hm-icon hm-danger"
          aria-label={t('delete', { cta: cta.label })}
          title={t('delete', { cta: cta.label })}
          onClick={() =>
            projectStore.edit(t('undo.delete'), (p) => {
              p.ctas = p.ctas.filter((x) => x.id !== cta.id);
            })
          }
        >
          ✕
        </button>
      </div>
      <div className="cta-grid">
        <div className="cta-trigger">
          <span className="hm-caption">{t('trigger')}</span>
          <ExpressionInput
            value={cta.trigger}
            scope="cta"
            ariaLabel={t('triggerAria', { cta: cta.label })}
            onChange={(v) =>
              ed((c) => {
                c.trigger = v;
              }, k('trigger'))
            }
            onBlur={seal}
          />
        </div>
        <label>
          <span className="hm-caption">{t('priority')}</span>
          <select
            value={cta.priority}
            aria-label={t('priorityAria', { cta: cta.label })}
            onChange={(e) =>
              ed((c) => {
                c.priority = e.target.value as Priority;
              })
            }
          >
            {PriorityEnum.options.map((o) => (
              <option key={o} value={o}>
                {t(`priorityValue.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="hm-caption">{t('owner')}</span>
          <input
            list="cta-roles"
            value={cta.ownerRole}
            placeholder={t('ownerRouted')}
            aria-label={t('ownerAria', { cta: cta.label })}
            onChange={(e) =>
              ed((c) => {
                c.ownerRole = e.target.value;
              }, k('owner'))
            }
            onBlur={seal}
          />
        </label>
        <label>
          <span className="hm-caption">{t('ownerField')}</span>
          <select
            value={cta.ownerField ?? ''}
            aria-label={t('ownerFieldAria', { cta: cta.label })}
            title={t('ownerFieldHint')}
            onChange={(e) =>
              ed((c) => {
                if (e.target.value) c.ownerField = e.target.value;
                else delete c.ownerField;
              })
            }
          >
            <option value="">{t('ownerFieldNone')}</option>
            {/* A field removed from the contract stays listed so the select shows the truth. */}
            {cta.ownerField && !personFields.some((f) => f.id === cta.ownerField) && (
              <option value={cta.ownerField}>{cta.ownerField}</option>
            )}
            {personFields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label === f.id ? f.id : `${f.label} (${f.id})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="hm-caption">{t('due')}</span>
          <span className="cta-due">
            <NumberInput
              value={cta.dueInDays}
              min={0}
              integer
              aria-label={t('dueAria', { cta: cta.label })}
              onCommit={(v) =>
                ed((c) => {
                  c.dueInDays = v ?? 0;
                }, k('due'))
              }
              onBlur={seal}
            />
            {t('days')}
          </span>
        </label>
        <label>
          <span className="hm-caption">{t('dedupe')}</span>
          <input
            value={cta.dedupeKey ?? ''}
            placeholder={cta.id}
            aria-label={t('dedupeAria', { cta: cta.label })}
            title={t('dedupeHint')}
            onChange={(e) =>
              ed((c) => {
                if (e.target.value) c.dedupeKey = e.target.value;
                else delete c.dedupeKey;
              }, k('dedupe'))
            }
            onBlur={seal}
          />
        </label>
      </div>
      <div className="cta-scope">
        <fieldset>
          <legend>
            {t('stages')} <small>{cta.stages.length === 0 ? t('all') : ''}</small>
          </legend>
          {stages.length === 0 && <span className="hm-muted">{t('noStages')}</span>}
          {stages.map((s) => (
            <label key={s.id} className="hm-check">
              <input
                type="checkbox"
                checked={cta.stages.includes(s.id)}
                onChange={(e) =>
                  ed((c) => {
                    c.stages = toggle(c.stages, s.id, e.target.checked);
                  })
                }
              />
              {s.label || s.id}
            </label>
          ))}
          {cta.stages
            .filter((id) => !stages.some((s) => s.id === id))
            .map((id) => (
              <span key={id} className="hm-warn" role="note">
                {t('unknownStage', { id })}
              </span>
            ))}
        </fieldset>
        <fieldset>
          <legend>
            {t('segments')} <small>{cta.segments.length === 0 ? t('all') : ''}</small>
          </legend>
          {segments.map((s) => (
            <label key={s.id} className="hm-check">
              <input
                type="checkbox"
                checked={cta.segments.includes(s.id)}
                onChange={(e) =>
                  ed((c) => {
                    c.segments = toggle(c.segments, s.id, e.target.checked);
                  })
                }
              />
              {s.label || s.id}
            </label>
          ))}
          {cta.segments
            .filter((id) => !segments.some((s) => s.id === id))
            .map((id) => (
              <span key={id} className="hm-warn" role="note">
                {t('unknownSegment', { id })}
              </span>
            ))}
        </fieldset>
        <fieldset className="cta-steps">
          <legend>{t('steps')}</legend>
          <ol>
            {cta.steps.map((s, i) => (
              <li key={i}>
                <input
                  value={s}
                  aria-label={t('stepAria', { n: i + 1, cta: cta.label })}
                  onChange={(e) =>
                    ed(
                      (c) => {
                        c.steps[i] = e.target.value;
                      },
                      k(`step${i}`),
                    )
                  }
                  onBlur={seal}
                />
                <button
                  type="button"
                  className="hm-icon"
                  aria-label={t('removeStep', { n: i + 1 })}
                  onClick={() =>
                    ed((c) => {
                      c.steps.splice(i, 1);
                    })
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="hm-add"
            onClick={() =>
              ed((c) => {
                c.steps.push('');
              })
            }
          >
            + {t('addStep')}
          </button>
        </fieldset>
      </div>
    </li>
  );
});
