import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatNumber } from '../../util/format';
import { Button } from '../common';
import type { ExportState } from './useFileExport';

/** Megabytes with one decimal (kilobytes under 1 MB), in the UI language. */
function size(bytes: number, lang: string): string {
  return bytes < 1 << 20
    ? `${formatNumber(bytes / 1024, lang, { digits: 1 })} KB`
    : `${formatNumber(bytes / (1 << 20), lang, { digits: 1 })} MB`;
}

/**
 * The line under an export button: progress with rows written and a cancel button while the
 * worker writes, then what became of the file (saved, downloaded, cancelled — nothing saved — or
 * the error). Shown only for an export started here.
 */
export function ExportStatus({
  state,
  onCancel,
  onDismiss,
}: {
  state: ExportState;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  if (state.status === 'idle') return null;
  const close = (
    <Button variant="ghost" data-testid="export-dismiss" onClick={onDismiss}>
      {t('exportJob.dismiss')}
    </Button>
  );
  if (state.status === 'running')
    return <RunningLine state={state} onCancel={onCancel} lang={lang} />;
  if (state.status === 'done')
    return (
      <div className="export-status hint" data-testid="export-done" role="status">
        {t(state.target === 'file' ? 'exportJob.savedFile' : 'exportJob.downloaded', {
          what: state.what,
          file: state.file,
          size: size(state.bytes, lang),
        })}{' '}
        {close}
      </div>
    );
  if (state.status === 'cancelled')
    return (
      <div className="export-status hint" data-testid="export-cancelled" role="status">
        {t(state.target === 'file' ? 'exportJob.cancelledFile' : 'exportJob.cancelled', {
          what: state.what,
          file: state.file,
        })}{' '}
        {close}
      </div>
    );
  return (
    <div className="export-status card-error" data-testid="export-failed" role="alert">
      {t('exportJob.failed', { what: state.what, file: state.file, message: state.message })}{' '}
      {close}
    </div>
  );
}

/** The running export's line: the one component a progress message redraws. */
function RunningLine({
  state,
  onCancel,
  lang,
}: {
  state: Extract<ExportState, { status: 'running' }>;
  onCancel: () => void;
  lang: string;
}) {
  const { t } = useTranslation('results');
  const p = useSyncExternalStore(state.progress.subscribe, state.progress.get);
  const percent = p.total ? Math.floor((p.done / p.total) * 100) : 0;
  return (
    <div
      className="export-status run-progress"
      data-testid="export-progress"
      data-done={p.done}
      data-total={p.total}
      role="status"
      aria-live="polite"
    >
      <span>
        {p.phase === 'pack'
          ? t('exportJob.packing', { what: state.what, file: state.file })
          : // Before the worker's first message the row count is not known: no "0 of 0 rows".
            !p.total
            ? t('exportJob.starting', { what: state.what, file: state.file })
            : t('exportJob.running', {
                what: state.what,
                file: state.file,
                percent,
                done: formatCount(p.done, lang),
                total: formatCount(p.total, lang),
              })}
      </span>
      {p.phase === 'pack' || !p.total ? <progress /> : <progress max={p.total} value={p.done} />}
      <Button data-testid="export-cancel" onClick={onCancel}>
        {t('exportJob.cancel')}
      </Button>
    </div>
  );
}
