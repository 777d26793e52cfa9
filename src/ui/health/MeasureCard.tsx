import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DimensionId, Field, Measure, Normalisation } from '../../model';
import ExpressionInput from '../expr-editor/ExpressionInput';
import { CurvePreview } from './CurvePreview';
import { NormalisationEditor } from './NormalisationEditor';
import { NumberInput } from './NumberInput';
import { deleteMeasure } from './overrideOps';
import { editHealth, editMeasure, seal } from './edit';

/** Allowed values of the category field a measure reads directly (`relationship`), if any. */
export function categoriesFor(expr: string, fields: readonly Field[]): string[] {
  const f = fields.find((x) => x.id === expr.trim());
  return f?.type === 'category' ? (f.values ?? []) : [];
}

/** One measure: what it reads, how raw values become points, its weight. */
export const MeasureCard = memo(function MeasureCard({
  m,
  percent,
  dimensions,
  fields,
}: {
  m: Measure;
  percent: number;
  dimensions: { id: DimensionId; label: string }[];
  fields: readonly Field[];
}) {
  const { t } = useTranslation('health');
  const setNorm = (n: Normalisation, key?: string) =>
    editMeasure(
      t('undo.editMeasure'),
      m.id,
      (x) => {
        x.normalise = n;
      },
      key,
    );
  return (
    <li className="hm-measure" data-measure={m.id}>
      <div className="hm-measure-head">
        <input
          className="hm-measure-label"
          value={m.label}
          placeholder={t('measure.labelPlaceholder')}
          aria-label={t('measure.labelAria')}
          onChange={(e) =>
            editMeasure(
              t('undo.editMeasure'),
              m.id,
              (x) => {
                x.label = e.target.value;
              },
              `hm.${m.id}.label`,
            )
          }
          onBlur={seal}
        />
        <select
          value={m.dimension}
          aria-label={t('measure.dimensionAria', { measure: m.label })}
          onChange={(e) =>
            editMeasure(t('undo.editMeasure'), m.id, (x) => {
              x.dimension = e.target.value as DimensionId;
            })
          }
        >
          {dimensions.map((d) => (
            <option key={d.id} value={d.id}>
              {t(`dimension.${d.id}`, { defaultValue: d.label })}
            </option>
          ))}
        </select>
        <label className="hm-weight">
          {t('measure.weight')}
          <NumberInput
            value={m.weight}
            min={0}
            aria-label={t('measure.weightAria', { measure: m.label })}
            onCommit={(v) =>
              editMeasure(
                t('undo.editMeasure'),
                m.id,
                (x) => {
                  x.weight = v ?? 0;
                },
                `hm.${m.id}.w`,
              )
            }
            onBlur={seal}
          />
          <output className="hm-pct" aria-label={t('measure.percentAria', { measure: m.label })}>
            {percent.toFixed(1)}%
          </output>
        </label>
        <button
          type="button"
          className="hm-icon hm-danger"
          aria-label={t('measure.delete', { measure: m.label })}
          title={t('measure.delete', { measure: m.label })}
          onClick={() => editHealth(t('undo.deleteMeasure'), (h) => deleteMeasure(h, m.id))}
        >
          ✕
        </button>
      </div>
      <div className="hm-measure-body">
        <div className="hm-measure-expr">
          <span className="hm-caption">{t('measure.expr')}</span>
          <ExpressionInput
            value={m.expr}
            scope="measure"
            ariaLabel={t('measure.exprAria', { measure: m.label })}
            onChange={(v) =>
              editMeasure(
                t('undo.editMeasure'),
                m.id,
                (x) => {
                  x.expr = v;
                },
                `hm.${m.id}.expr`,
              )
            }
            onBlur={seal}
          />
          <label className="hm-check">
            <input
              type="checkbox"
              checked={m.invert}
              onChange={(e) =>
                editMeasure(t('undo.editMeasure'), m.id, (x) => {
                  x.invert = e.target.checked;
                })
              }
            />
            {t('measure.invert')}
          </label>
        </div>
        <NormalisationEditor
          n={m.normalise}
          onChange={setNorm}
          categories={categoriesFor(m.expr, fields)}
          idPrefix={`hm-${m.id}`}
        />
        <CurvePreview n={m.normalise} invert={m.invert} />
      </div>
    </li>
  );
});
