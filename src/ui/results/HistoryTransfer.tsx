import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { Button, downloadBlob, safeFileName } from '../common';
import { exportHistoryZip, importHistory, type ImportReport } from './historyTransferOps';
import { resultsStore } from './runState';

/**
 * Import a CLI history folder (`waymark score --history DIR`) into the stored runs, or export
 * the stored runs in the same layout as a zip. A refused import lists every problem by file and
 * stores nothing.
 */
export function HistoryTransfer({ project, runs }: { project: Project; runs: RunRow[] }) {
  const { t } = useTranslation('history');
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const folder = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const pick = async (list: File[]) => {
    if (!list.length) return;
    setReport(null);
    setExported(null);
    setBusy(t('transfer.reading', { count: list.length }));
    try {
      const r = await importHistory(project, runs, list);
      setReport(r);
      if (r.ok) await resultsStore.refreshRuns();
    } finally {
      setBusy(null);
    }
  };
  const onInput = (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = [...(e.target.files ?? [])];
    e.target.value = '';
    void pick(list);
  };
  const doExport = async () => {
    setReport(null);
    const out = await exportHistoryZip(project, runs);
    if (!out) {
      setExported(t('transfer.noRuns'));
      return;
    }
    const name = `${safeFileName(project.meta.name)}-history.zip`;
    downloadBlob(new Blob([out.zip as BlobPart], { type: 'application/zip' }), name);
    setExported(
      t('transfer.exported', { count: out.count, file: name }) +
        (out.leftOut.length ? ' ' + t('transfer.leftOut', { runs: out.leftOut.join(', ') }) : ''),
    );
  };
  return (
    <section className="card" data-testid="history-transfer">
      <h3>{t('transfer.title')}</h3>
      <p className="hint">{t('transfer.intro')}</p>
      <Button data-testid="history-import-folder" onClick={() => folder.current?.click()}>
        {t('transfer.pickFolder')}
      </Button>{' '}
      <Button data-testid="history-import-files" onClick={() => files.current?.click()}>
        {t('transfer.pickFiles')}
      </Button>{' '}
      <Button data-testid="history-export" disabled={!runs.length} onClick={() => void doExport()}>
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
      {busy && <p className="hint">{busy}</p>}
      {exported && <p data-testid="history-export-done">{exported}</p>}
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
