import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../common';

/**
 * An import whose worker has sent no progress for the watchdog's limit (importWatchdog.ts):
 * what is stuck and for how long (counted on, each second), that nothing stored changed, and
 * the three ways on: keep waiting, cancel back to the preview, or run the import again.
 */
export function StalledImport(props: {
  file: string;
  fraction: number;
  since: number;
  onWait: () => void;
  onCancel: () => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation('data');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="card card-error" role="alert" data-testid="import-stalled">
      <h3>{t('stalled.title')}</h3>
      <p data-testid="import-stalled-message">
        {t('stalled.body', {
          file: props.file,
          seconds: Math.max(0, Math.round((now - props.since) / 1000)),
          percent: Math.round(props.fraction * 100),
        })}
      </p>
      <p className="hint">{t('stalled.unchanged')}</p>
      <div className="actions">
        <Button data-testid="import-stalled-wait" onClick={props.onWait}>
          {t('stalled.wait')}
        </Button>
        <Button data-testid="import-stalled-cancel" onClick={props.onCancel}>
          {t('stalled.cancel')}
        </Button>
        <Button variant="primary" data-testid="import-stalled-retry" onClick={props.onRetry}>
          {t('stalled.retry')}
        </Button>
      </div>
    </section>
  );
}
