import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { Button, downloadBlob, safeFileName } from '../common';
import {
  exportInWorker,
  importInWorker,
  TransferCancelled,
  type TransferJob,
} from '../../workers/historyTransferClient';
import {
  exportRefsOf,
  importTargetOf,
  type ImportReport,
  type TransferProgress,
} from '../../workers/historyTransferOps';
import { resultsStore } from './runState';

/**
 * Import a CLI history folder (`waymark score --history DIR`) into the stored runs, or export
 * the stored runs in the same layout as a zip. Both run in a worker (a run of a million accounts
 * is seconds of reading or writing) with progress and cancel. A refused, failed or cancelled
 * import lists why and stores nothing.
 */
export function HistoryTransfer({ project, runs }: { project: Project; runs: RunRow[] }) {
  const { t } = useTranslation('history');
  const [busy, setBusy] = useState<string | null>(null);
  const [canCancel, setCanCancel] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const job = useRef<TransferJob<unknown> | null>(null);
  const folder = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const onProgress = (p: TransferProgress) => {
    setBusy(t(`transfer.progress.${p.phase}`, { ...p, n: p.done + 1 }));
    setCanCancel(p.phase !== 'save');
  };
  /** Run a job; its outcome (done, cancelled, failed) goes to `show`, `cancelled` or `failed`. */
  const follow = async <T,>(
    j: TransferJob<T>,
    show: (v: T) => Promise<void> | void,
    cancelledText: string,
    failedKey: string,
  ) => {
    job.current = j as TransferJob<unknown>;
    setCanCancel(true);
    let v: T;
    try {
      v = await j.done;
    } catch (e) {
      if (e instanceof TransferCancelled) setCancelled(cancelledText);
      else setFailed(t(failedKey, { reason: e instanceof Error ? e.message : String(e) }));
      return;
    } finally {
      job.current = null;
      setBusy(null);
      setCanCancel(false);
    }
    // Outside the catch: a job that finished is never reported as "nothing was imported".
    await show(v);
  };
  const clear = () => {
    setReport(null);
    setExported(null);
    setFailed(null);
    setCancelled(null);
  };
  const pick = async (list: File[]) => {
    if (!list.length || job.current) return;
    clear();
    setBusy(t('transfer.reading', { count: list.length }));
    await follow(
      importInWorker(project.id, importTargetOf(project, runs), list, onProgress),
      async (r) => {
        setReport(r);
        if (r.ok) await resultsStore.refreshRuns();
      },
      t('transfer.cancelledImport'),
      'transfer.importFailed',
    );
  };
  const onInput = (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = [...(e.target.files ?? [])];
    e.target.value = '';
    void pick(list);
  };
  const doExport = async () => {
    if (job.current) return;
    clear();
    const { playbookName, runs: refs } = exportRefsOf(project, runs);
    setBusy(t('transfer.exporting', { count: refs.length }));
    await follow(
      exportInWorker(playbookName, refs, onProgress),
      (out) => {
        if (!out) {
          setExported(t('transfer.noRuns'));
          return;
        }
        const name = `${safeFileName(project.meta.name)}-history.zip`;
        downloadBlob(out.zip, name);
        setExported(
          t('transfer.exported', { count: out.count, file: name }) +
            (out.leftOut.length
              ? ' ' + t('transfer.leftOut', { runs: out.leftOut.join(', ') })
              : ''),
        );
      },
      t('transfer.cancelledExport'),
      'transfer.exportFailed',
    );
  };
  return (
    <section className="card" data-testid="history-transfer">
      <h3>{t('transfer.title')}</h3>
      <p className="hint">{t('transfer.intro')}</p>
      <Button
        data-testid="history-import-folder"
        disabled={!!busy}
        onClick={() => folder.current?.click()}
      >
        {t('transfer.pickFolder')}
      </Button>{' '}
      <Button
        data-testid="history-import-files"
        disabled={!!busy}
        onClick={() => files.current?.click()}
      >
        {t('transfer.pickFiles')}
      </Button>{' '}
      <Button
        data-testid="history-export"
        disabled={!runs.length || !!busy}
        onClick={() => void doExport()}
      >
        {t('transfer.export')}
      </Button>
      <input
        ref={folder}
        type="file"
        hidden
        multiple
        data-testid="history-import-folder-input"
        {...{ webkitdirectory: '' }}
        onChange={onInput}
      />
      <input
        ref={files}
        type="file"
        hidden
        multiple
        accept=".json,.parquet,.zip"
        data-testid="history-import-files-input"
        onChange={onInput}
      />
      {busy && (
        <p className="hint" role="status" data-testid="history-transfer-busy">
          {busy}{' '}
          {canCancel && (
            <Button data-testid="history-transfer-cancel" onClick={() => job.current?.cancel()}>
              {t('transfer.cancel')}
            </Button>
          )}
        </p>
      )}
      {exported && <p data-testid="history-export-done">{exported}</p>}
      {cancelled && <p data-testid="history-transfer-cancelled">{cancelled}</p>}
      {failed && (
        <p className="card-error" role="alert" data-testid="history-transfer-failed">
          {failed}
        </p>
      )}
      {report?.ok && (
        <div data-testid="history-import-done">
          <p>
            {report.imported.length
              ? t('transfer.imported', {
                  count: report.imported.length,
                  file: report.file,
                  runs: report.imported.join(', '),
                })
              : t('transfer.importedNone', { file: report.file })}
          </p>
          {report.skipped.map((s) => (
            <p key={s.asOf} className="hint" data-testid="history-import-skipped">
              {t('transfer.skipped', s)}
            </p>
          ))}
        </div>
      )}
      {report && !report.ok && (
        <div className="card-error" role="alert" data-testid="history-import-error">
          {t('transfer.refused')}
          <ul>
            {report.issues.map((i, k) => (
              <li key={k}>{t(`transfer.issue.${i.code}`, { file: i.file, ...i.params })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
