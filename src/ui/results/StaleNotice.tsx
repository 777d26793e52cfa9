import { useTranslation } from 'react-i18next';
import type { PlaybookDiff } from '../../model';
import { Button } from '../common';

/**
 * "The health model changed since this run: 3 measures, 1 band", a button to run again and one to
 * preview the current model on the run's data without storing it.
 */
export function StaleNotice({
  changes,
  disabled,
  onRunAgain,
  onPreview,
}: {
  changes: PlaybookDiff;
  disabled: boolean;
  onRunAgain: () => void;
  /** A what-if preview of the current model on this run's data, not stored (whatIf.ts). */
  onPreview?: () => void;
}) {
  const { t } = useTranslation('history');
  const list = changes
    .map((c) => t(`stale.kinds.${c.kind}`, { count: c.count }))
    .join(t('stale.separator'));
  return (
    <div className="warning-box stale-notice" role="status" data-testid="stale-model">
      <span>{list ? t('stale.notice', { changes: list }) : t('stale.noticeNoRun')}</span>{' '}
      <Button data-testid="run-again" disabled={disabled} onClick={onRunAgain}>
        {t('stale.runAgain')}
      </Button>
      {onPreview && (
        <>
          {' '}
          <Button data-testid="what-if-preview" disabled={disabled} onClick={onPreview}>
            {t('whatIf.preview')}
          </Button>
        </>
      )}
    </div>
  );
}
