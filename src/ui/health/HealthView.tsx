import { useTranslation } from 'react-i18next';
import type { Measure } from '../../model';
import { useProject } from '../common/useProject';
import { BandsEditor } from './BandsEditor';
import { MeasureCard } from './MeasureCard';
import { OverridesTable } from './OverridesTable';
import { SegmentsEditor } from './SegmentsEditor';
import { defaultNormalisation, weightPercents } from './curve';
import { editHealth } from './edit';
import { setBaseBands } from './overrideOps';
import './health.css';

/** The health-score editor: DEAR + experience measures, colour bands, segments and their overrides. */
export default function HealthView() {
  const { t } = useTranslation('health');
  const health = useProject((p) => p.health);
  const fields = useProject((p) => p.fields.fields);
  const segments = useProject((p) => p.segments.items);
  const pct = weightPercents(health.measures.map((m) => m.weight));
  const pctById = new Map(health.measures.map((m, i) => [m.id, pct[i]]));
  const dims = health.dimensions.map((d) => ({ id: d.id, label: d.label }));

  const addMeasure = (dimension: Measure['dimension']) =>
    editHealth(t('undo.addMeasure'), (h) => {
      let n = h.measures.length + 1;
      while (h.measures.some((m) => m.id === `measure_${n}`)) n++;
      h.measures.push({
        id: `measure_${n}`,
        label: t('measure.newLabel', { n }),
        dimension,
        expr: '',
        normalise: defaultNormalisation('linear'),
        invert: false,
        weight: 10,
      });
    });

  return (
    <section className="hm-view" aria-labelledby="hm-title">
      <h2 id="hm-title">{t('title')}</h2>
      <p className="hm-intro">{t('intro')}</p>

      <section className="hm-section" aria-labelledby="hm-measures">
        <h3 id="hm-measures">{t('measuresTitle')}</h3>
        {health.measures.length === 0 && <p className="hm-muted">{t('noMeasures')}</p>}
        {dims.map((d) => {
          const ms = health.measures.filter((m) => m.dimension === d.id);
          const share = ms.reduce((a, m) => a + (pctById.get(m.id) ?? 0), 0);
          return (
            <div key={d.id} className={`hm-dim hm-dim-${d.id}`} data-dimension={d.id}>
              <h4>
                {t(`dimension.${d.id}`, { defaultValue: d.label })}{' '}
                <span className="hm-pct">{share.toFixed(1)}%</span>
                <small className="hm-muted"> {t(`dimensionHint.${d.id}`)}</small>
              </h4>
              <ul className="hm-measures">
                {ms.map((m) => (
                  <MeasureCard
                    key={m.id}
                    m={m}
                    percent={pctById.get(m.id) ?? 0}
                    dimensions={dims}
                    fields={fields}
                  />
                ))}
              </ul>
              <button type="button" className="hm-add" onClick={() => addMeasure(d.id)}>
                +{' '}
                {t('addMeasureTo', {
                  dimension: t(`dimension.${d.id}`, { defaultValue: d.label }),
                })}
              </button>
            </div>
          );
        })}
        {pct.length > 0 && pct.every((p) => p === 0) && (
          <p className="hm-warn" role="note">
            {t('allZeroWeights')}
          </p>
        )}
      </section>

      <div className="hm-columns">
        <section className="hm-section" aria-labelledby="hm-bands">
          <h3 id="hm-bands">{t('bandsTitle')}</h3>
          <BandsEditor
            bands={health.bands}
            idPrefix="hm-base"
            onChange={(b, k) => editHealth(t('undo.editBands'), (h) => setBaseBands(h, b), k)}
          />
        </section>
        <section className="hm-section" aria-labelledby="hm-missing">
          <h3 id="hm-missing">{t('missingTitle')}</h3>
          <label className="hm-radio">
            <input
              type="radio"
              name="hm-missing"
              checked={health.missing === 'exclude'}
              onChange={() =>
                editHealth(t('undo.editMissing'), (h) => {
                  h.missing = 'exclude';
                })
              }
            />{' '}
            {t('missing.exclude')}
          </label>
          <label className="hm-radio">
            <input
              type="radio"
              name="hm-missing"
              checked={health.missing === 'zero'}
              onChange={() =>
                editHealth(t('undo.editMissing'), (h) => {
                  h.missing = 'zero';
                })
              }
            />{' '}
            {t('missing.zero')}
          </label>
        </section>
      </div>

      <section className="hm-section" aria-labelledby="hm-segments">
        <h3 id="hm-segments">{t('segmentsTitle')}</h3>
        <p className="hm-muted">{t('segmentsIntro')}</p>
        <SegmentsEditor />
      </section>

      <section className="hm-section" aria-labelledby="hm-overrides">
        <h3 id="hm-overrides">{t('overridesTitle')}</h3>
        <p className="hm-muted">{t('overridesIntro')}</p>
        <OverridesTable health={health} segments={segments} fields={fields} />
      </section>
    </section>
  );
}
