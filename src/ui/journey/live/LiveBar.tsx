import { useTranslation } from 'react-i18next';
import { Button } from '../../common';
import { StaleNotice } from '../../results/StaleNotice';
import { ReplaceRunDialog } from '../../results/ReplaceRunDialog';
import type { Stage } from '../../../model';
import type { LiveLayer } from './useLiveLayer';

/**
 * Above the map: which run the live numbers come from and whether the model changed since, the
 * segment picker and the toggle; without a run, a plain message and a run button — never
 * numbers from a model that has not run.
 */
export function LiveBar({ layer, stages }: { layer: LiveLayer; stages: readonly Stage[] }) {
  const { t, i18n } = useTranslation('journeyLive');
  const { state } = layer;
  if (state.kind !== 'ready') {
    const text =
      state.kind === 'notRun'
        ? state.otherDataset
          ? t('empty.otherDataset', {
              date: new Date(state.otherDataset.createdAt).toLocaleString(i18n.language),
            })
          : t('empty.notRun')
        : state.kind === 'failed'
          ? t('empty.failed', { message: state.error })
          : t(`empty.${state.kind}`);
    return (
      <div className="jm-live-bar no-print" data-testid="live-empty">
        <span>{text}</span>
        {(state.kind === 'notRun' || state.kind === 'failed') && layer.asOf && (
          <Button variant="primary" data-testid="live-run" onClick={layer.runNow}>
            {t('empty.run', { asOf: layer.asOf })}
          </Button>
        )}
        <ReplaceRunDialog />
      </div>
    );
  }
  const { outcome, stale, changes } = state;
  const r = outcome.result;
  const segments = layer.asRun?.segments.items ?? [];
  const onMap = new Set(stages.map((s) => s.id));
  const gone = layer.live
    ? [...layer.live.stages.values()].filter((s) => !onMap.has(s.stageId) && s.count > 0)
    : [];
  return (
    <div className="jm-live-bar" data-testid="live-bar">
      <label className="jm-live-toggle no-print">
        <input
          type="checkbox"
          data-testid="live-toggle"
          checked={layer.show}
          onChange={(e) => layer.setShow(e.target.checked)}
        />{' '}
        {t('bar.show')}
      </label>
      {layer.show ? (
        <>
          <label className="no-print">
            {t('bar.segment')}{' '}
            <select
              data-testid="live-segment"
              value={layer.segment}
              onChange={(e) => layer.setSegment(e.target.value)}
            >
              <option value="">{t('bar.allSegments')}</option>
              {r.segmentIds.map((id) => (
                <option key={id} value={id}>
                  {segments.find((s) => s.id === id)?.label ?? id}
                </option>
              ))}
            </select>
          </label>
          <span data-testid="live-run-info">
            {t('bar.runOf', {
              date: outcome.run
                ? new Date(outcome.run.createdAt).toLocaleString(i18n.language)
                : r.asOf,
              asOf: r.asOf,
              formatted: (layer.live?.total ?? r.rowCount).toLocaleString(),
            })}
          </span>
          {!stale && (
            <span className="jm-muted" data-testid="live-model">
              {t('bar.unchanged')}
            </span>
          )}
          <span className="jm-muted">{t('bar.legend')}</span>
          {layer.live && layer.live.unknownStage > 0 && (
            <button
              type="button"
              className="jm-link"
              data-testid="live-unknown-stage"
              onClick={() => layer.open({ stage: '' })}
            >
              {t('bar.unknownStage', {
                count: layer.live.unknownStage,
                formatted: layer.live.unknownStage.toLocaleString(),
              })}
            </button>
          )}
          {gone.length > 0 && (
            <span data-testid="live-gone-stages">
              {t('bar.goneStages')}{' '}
              {gone.map((s) => (
                <button
                  key={s.stageId}
                  type="button"
                  className="jm-link"
                  onClick={() => layer.open({ stage: s.stageId })}
                >
                  {s.stageId} ({s.count.toLocaleString()})
                </button>
              ))}
            </span>
          )}
          {stale && (
            <div className="jm-live-stale">
              <StaleNotice
                changes={changes}
                disabled={false}
                onRunAgain={layer.runNow}
                onPreview={layer.previewNow ?? undefined}
              />
            </div>
          )}
        </>
      ) : (
        <span className="jm-muted">{t('bar.hidden')}</span>
      )}
      <ReplaceRunDialog />
    </div>
  );
}
