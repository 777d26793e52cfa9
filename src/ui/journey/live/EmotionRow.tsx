import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { valueRange } from '../../../engine';
import type { Feeling, Stage } from '../../../model';
import { projectStore } from '../../../store/projectStore';
import { useProject } from '../../common/useProject';
import { editStage } from '../edit';
import { curveSegments, type CurvePoint } from './curve';
import type { LiveLayer } from './useLiveLayer';

const H = 84;
const TOP = 10;
const BOTTOM = H - 10;
/** Feeling −2 … +2 → y (px) in the cell's drawing. */
const yOf = (f: number) => TOP + ((2 - f) / 4) * (BOTTOM - TOP);
const FEELINGS = [2, 1, 0, -1, -2] as const;
const pct = (x: number) => `${(100 * x).toFixed(3)}%`;

/**
 * The experience row: the designed feeling per moment of truth (entered here, −2 … +2) drawn as
 * a curve across the stages and, when the project names an experience field (NPS, CSAT) and a
 * run is shown, its measured mean per stage beside it on the same height, with n.
 */
export function EmotionRow({ layer, stages }: { layer: LiveLayer; stages: readonly Stage[] }) {
  const { t, i18n } = useTranslation('journeyLive');
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const fields = useProject((p) => p.fields.fields);
  const field = useProject((p) => p.journey.experienceField);
  const numeric = fields.filter((f) => f.type === 'number' || f.type === 'integer');
  const exp = layer.experience;
  const range = useMemo(() => (exp.kind === 'column' ? valueRange(exp.values) : null), [exp]);
  const measured =
    layer.live && exp.kind === 'column' && range
      ? stages.map((s) => layer.live!.stages.get(s.id)?.experience ?? null)
      : null;
  const scale = (v: number) =>
    range && range.max > range.min ? -2 + (4 * (v - range.min)) / (range.max - range.min) : 0;
  const designed = useMemo(
    () =>
      curveSegments(
        stages.map((s) =>
          s.momentsOfTruth.map((m, k, all): CurvePoint | null =>
            m.feeling === undefined ? null : { x: (k + 0.5) / all.length, y: m.feeling },
          ),
        ),
      ),
    [stages],
  );
  const measuredSeg = measured
    ? curveSegments(
        measured.map((e) => (e && e.mean !== null ? [{ x: 0.5, y: scale(e.mean) }] : [])),
      )
    : null;
  const fieldLabel = (field && fields.find((f) => f.id === field)?.label[lang]) || field || '';

  const setField = (id: string) =>
    projectStore.edit(t('emotion.undoField'), (p) => {
      if (id) p.journey.experienceField = id;
      else delete p.journey.experienceField;
    });

  return (
    <tr className="jm-lane jm-lane-emotion" data-testid="emotion-row">
      <th scope="row" className="jm-lane-head">
        <div>{t('emotion.lane')}</div>
        <div className="jm-emo-legend">
          <span className="jm-emo-key jm-emo-key-designed" /> {t('emotion.designed')}
        </div>
        {measured && range && (
          <div className="jm-emo-legend">
            <span className="jm-emo-key jm-emo-key-measured" />{' '}
            {t('emotion.measured', { field: fieldLabel, min: range.min, max: range.max })}
          </div>
        )}
        <label className="jm-emo-field no-print">
          {t('emotion.field')}
          <select
            data-testid="experience-field"
            value={field ?? ''}
            onChange={(e) => setField(e.target.value)}
          >
            <option value="">{t('emotion.none')}</option>
            {numeric.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label[lang] || f.id}
              </option>
            ))}
          </select>
        </label>
        {exp.kind === 'missing' && (
          <div className="jm-muted">{t('emotion.notInData', { field: exp.field })}</div>
        )}
      </th>
      {stages.map((s, c) => {
        const e = measured?.[c];
        return (
          <td key={s.id} className="jm-emo-td" data-testid={`emotion-${s.id}`}>
            <svg
              className="jm-emo"
              width="100%"
              height={H}
              role="img"
              aria-label={t('emotion.lane')}
            >
              <line x1="0" x2="100%" y1={yOf(0)} y2={yOf(0)} className="jm-emo-zero" />
              <line x1="0" x2="100%" y1={yOf(2)} y2={yOf(2)} className="jm-emo-bound" />
              <line x1="0" x2="100%" y1={yOf(-2)} y2={yOf(-2)} className="jm-emo-bound" />
              {measuredSeg?.[c].map((g, k) => (
                <line
                  key={`m${k}`}
                  className="jm-emo-measured"
                  x1={pct(g.x1)}
                  x2={pct(g.x2)}
                  y1={yOf(g.y1)}
                  y2={yOf(g.y2)}
                />
              ))}
              {e && e.mean !== null && (
                <rect
                  className="jm-emo-measured-pt"
                  data-testid={`emotion-${s.id}-measured`}
                  x="50%"
                  y={yOf(scale(e.mean)) - 5}
                  width="10"
                  height="10"
                  transform="translate(-5 0)"
                />
              )}
              {designed[c].map((g, k) => (
                <line
                  key={`d${k}`}
                  className="jm-emo-designed"
                  x1={pct(g.x1)}
                  x2={pct(g.x2)}
                  y1={yOf(g.y1)}
                  y2={yOf(g.y2)}
                />
              ))}
              {s.momentsOfTruth.map((m, k, all) =>
                m.feeling === undefined ? null : (
                  <circle
                    key={m.id}
                    className="jm-emo-pt"
                    cx={pct((k + 0.5) / all.length)}
                    cy={yOf(m.feeling)}
                    r="5"
                  >
                    <title>{`${m.text} ${m.feeling > 0 ? '+' : ''}${m.feeling}`}</title>
                  </circle>
                ),
              )}
            </svg>
            {e && (
              <div className="jm-emo-mean" data-testid={`emotion-${s.id}-mean`}>
                {e.mean === null
                  ? t('emotion.noValues', { field: fieldLabel })
                  : t('emotion.mean', {
                      field: fieldLabel,
                      mean: e.mean.toFixed(1),
                      n: e.n.toLocaleString(),
                    })}
              </div>
            )}
            {s.momentsOfTruth.length === 0 ? (
              <span className="jm-muted">{t('emotion.noMoments')}</span>
            ) : (
              <ul className="jm-emo-moments">
                {s.momentsOfTruth.map((m, k) => (
                  <li key={m.id}>
                    <select
                      value={m.feeling ?? ''}
                      data-testid={`feeling-${s.id}-${k}`}
                      aria-label={t('emotion.feelingAria', {
                        moment: m.text || String(k + 1),
                        stage: s.label,
                      })}
                      onChange={(ev) =>
                        editStage(t('emotion.undo'), s.id, (d) => {
                          const x = d.momentsOfTruth.find((y) => y.id === m.id);
                          if (!x) return;
                          if (ev.target.value === '') delete x.feeling;
                          else x.feeling = Number(ev.target.value) as Feeling;
                        })
                      }
                    >
                      <option value="">{t('emotion.feeling.unset')}</option>
                      {FEELINGS.map((f) => (
                        <option key={f} value={f}>
                          {t(`emotion.feeling.${f}`)}
                        </option>
                      ))}
                    </select>{' '}
                    <span className="jm-emo-moment">{m.text}</span>
                  </li>
                ))}
              </ul>
            )}
          </td>
        );
      })}
    </tr>
  );
}
