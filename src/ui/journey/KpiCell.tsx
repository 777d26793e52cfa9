import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiItem, Stage } from '../../model';
import { newId } from '../../model';
import type { RunRow } from '../../store/db';
import ExpressionInput from '../expr-editor/ExpressionInput';
import { useProject } from '../common/useProject';
import { editStage, noNewline, seal } from './edit';
import { kpiLive } from './kpiLive';

const EXPR = '__expr';
const NOTE = '';

/**
 * A stage's KPIs: each a note, or bound to a health measure or an expression, in which case it
 * shows its value over the stage's accounts from the newest run (with that run's date), or
 * "not run" when that run did not compute it with this binding.
 */
export const KpiCell = memo(function KpiCell({ stage, run }: { stage: Stage; run: RunRow | null }) {
  const { t, i18n } = useTranslation(['journey', 'mapCells']);
  const measures = useProject((p) => p.health.measures);
  const box = useRef<HTMLDivElement>(null);
  const laneName = t('lane.kpis');
  const edit = (id: string, recipe: (k: KpiItem) => void, key?: string) =>
    editStage(
      t('undo.editItem'),
      stage.id,
      (s) => {
        const k = s.kpis.find((x) => x.id === id);
        if (k) recipe(k);
      },
      key,
    );
  const add = () => {
    editStage(t('undo.addItem'), stage.id, (s) => {
      s.kpis.push({ id: newId('i_'), text: '' });
    });
    requestAnimationFrame(() => {
      const inputs = box.current?.querySelectorAll<HTMLTextAreaElement>('textarea.jm-text');
      inputs?.[inputs.length - 1]?.focus();
    });
  };
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="jm-items" ref={box}>
      <ul>
        {stage.kpis.map((it, i) => {
          const bind = it.measure !== undefined ? it.measure : it.expr !== undefined ? EXPR : NOTE;
          const live = kpiLive(it, stage.id, run);
          return (
            <li key={it.id} className="jm-kpi" data-kpi={it.id}>
              <div className="jm-exit-row">
                <textarea
                  rows={1}
                  className="jm-text"
                  onKeyDown={noNewline}
                  value={it.text}
                  aria-label={t('itemAria', { lane: laneName, stage: stage.label, n: i + 1 })}
                  placeholder={t('itemPlaceholder')}
                  onChange={(e) =>
                    edit(
                      it.id,
                      (k) => {
                        k.text = e.target.value;
                      },
                      `jm.${stage.id}.${it.id}`,
                    )
                  }
                  onBlur={seal}
                />
                <button
                  type="button"
                  className="jm-icon no-print"
                  aria-label={t('removeItem', { lane: laneName, n: i + 1 })}
                  title={t('removeItem', { lane: laneName, n: i + 1 })}
                  onClick={() =>
                    editStage(t('undo.removeItem'), stage.id, (s) => {
                      s.kpis = s.kpis.filter((y) => y.id !== it.id);
                    })
                  }
                >
                  ×
                </button>
              </div>
              <select
                className="jm-kpi-bind no-print"
                value={bind}
                aria-label={t('mapCells:kpi.bindAria', { n: i + 1, stage: stage.label })}
                onChange={(e) =>
                  edit(it.id, (k) => {
                    const v = e.target.value;
                    delete k.measure;
                    if (v !== EXPR) delete k.expr;
                    if (v === EXPR) k.expr = k.expr ?? '';
                    else if (v !== NOTE) k.measure = v;
                  })
                }
              >
                <option value={NOTE}>{t('mapCells:kpi.note')}</option>
                <optgroup label={t('mapCells:kpi.measures')}>
                  {measures.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label || m.id}
                    </option>
                  ))}
                </optgroup>
                <option value={EXPR}>{t('mapCells:kpi.expression')}</option>
              </select>
              {bind === EXPR && (
                <ExpressionInput
                  value={it.expr ?? ''}
                  scope="measure"
                  ariaLabel={t('mapCells:kpi.exprAria', { n: i + 1, stage: stage.label })}
                  onChange={(v) =>
                    edit(
                      it.id,
                      (k) => {
                        k.expr = v;
                      },
                      `jm.${stage.id}.${it.id}.expr`,
                    )
                  }
                  onBlur={seal}
                />
              )}
              {live.state !== 'note' && (
                <div className={`jm-kpi-live jm-kpi-${live.state}`} data-testid="kpi-live">
                  {live.state === 'no-run' && t('mapCells:kpi.notRun')}
                  {live.state === 'not-in-run' && t('mapCells:kpi.notRunYet', { asOf: live.asOf })}
                  {live.state === 'value' &&
                    (live.value.kind === 'text' ? (
                      t('mapCells:kpi.text', { of: live.value.of, asOf: live.asOf })
                    ) : live.value.value === null ? (
                      t('mapCells:kpi.noValue', { asOf: live.asOf, date: live.date })
                    ) : (
                      <>
                        <strong data-testid="kpi-value">
                          {live.value.kind === 'share'
                            ? t('mapCells:kpi.share', { value: pct.format(live.value.value) })
                            : t('mapCells:kpi.mean', { value: num.format(live.value.value) })}
                        </strong>{' '}
                        <span className="jm-muted">
                          {t('mapCells:kpi.counts', {
                            n: live.value.n,
                            of: live.value.of,
                            asOf: live.asOf,
                            date: live.date,
                          })}
                        </span>
                      </>
                    ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="jm-add no-print"
        onClick={add}
        aria-label={t('addItemAria', { lane: laneName, stage: stage.label })}
      >
        + {t('addItem')}
      </button>
    </div>
  );
});
