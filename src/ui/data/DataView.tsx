import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../common/useProject';
import { Button, notify } from '../common';
import { issueText } from './issueText';
import { CurrentDataset } from './CurrentDataset';
import { DropZone } from './DropZone';
import { MappingCard } from './MappingCard';
import { ReportPanel } from './ReportPanel';
import { AddUnusedFields } from './AddUnusedFields';
import { ReplaceSummary } from './ReplaceSummary';
import { useActiveDatasetState } from './useActiveDataset';
import { useImportFlow } from './useImportFlow';
import { ActivitySection } from './activity/ActivitySection';
import { StalledImport } from './StalledImport';
import './data.css';

/** The data view: the stored dataset, and importing new files into it. */
export default function DataView() {
  const { t } = useTranslation('data');
  const projectId = useProject((p) => p.id);
  const contract = useProject((p) => p.fields);
  const state = useActiveDatasetState();
  const onSaved = useCallback(
    (count: number) =>
      notify({ kind: 'success', text: t('saved', { count, formatted: count.toLocaleString() }) }),
    [t],
  );
  const onCancelled = useCallback(() => notify({ kind: 'info', text: t('cancelled') }), [t]);
  const {
    flow,
    setFlow,
    addFiles,
    runImport,
    pickSheet,
    generateDemo,
    save,
    cancel,
    keepWaiting,
    cancelStalled,
    retryStalled,
  } = useImportFlow(projectId, contract, onSaved, onCancelled);
  const [demoRows, setDemoRows] = useState(2000);
  const [demoSeed, setDemoSeed] = useState(42);
  // Replacing a stored dataset needs the confirmation of ReplaceSummary, given for this report
  // only: a new import or a new demo asks again.
  const [confirmedFor, setConfirmedFor] = useState<unknown>(null);
  const report = flow.step === 'report' ? flow : null;
  const replacing = !!report?.replace;
  const replaceOk = report !== null && confirmedFor === report;
  const busy = flow.step === 'inspecting' || flow.step === 'importing' || flow.step === 'saving';

  return (
    <div className="page data-view">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <p className="hint">{t('intro')}</p>
      <CurrentDataset state={state} contract={contract} />

      {(flow.step === 'idle' || flow.step === 'mapping' || flow.step === 'failed') && (
        <DropZone
          disabled={busy}
          onFiles={(fs) =>
            void addFiles(
              fs,
              flow.step === 'mapping' ? flow.files : [],
              flow.step === 'failed' ? flow.files : [],
            )
          }
        />
      )}

      {flow.step === 'idle' && (
        <section className="card demo-card">
          <h3>{t('demo.title')}</h3>
          <label className="inline">
            {t('demo.rows')}{' '}
            <input
              type="number"
              min={1}
              max={2_000_000}
              value={demoRows}
              data-testid="demo-rows"
              onChange={(e) => setDemoRows(Math.max(1, Number(e.target.value) || 1))}
            />
          </label>
          <label className="inline">
            {t('demo.seed')}{' '}
            <input
              type="number"
              value={demoSeed}
              onChange={(e) => setDemoSeed(Number(e.target.value) || 0)}
            />
          </label>
          <Button data-testid="demo-generate" onClick={() => void generateDemo(demoRows, demoSeed)}>
            {t('demo.generate')}
          </Button>
        </section>
      )}

      {flow.step === 'failed' && (
        <section className="card card-error" role="alert" data-testid="import-failed">
          <h3>{t('failed.title')}</h3>
          <p data-testid="import-failed-message" data-code={flow.issue.code}>
            {issueText(t, flow.issue)}
          </p>
          <p className="hint">{t('failed.unchanged')}</p>
          <Button onClick={() => setFlow({ step: 'idle' })}>{t('actions.discard')}</Button>
        </section>
      )}

      {flow.step === 'mapping' && (
        <>
          <h2>{t('preview.title')}</h2>
          {flow.files.map((f, i) => (
            <MappingCard
              key={`${f.name}-${i}`}
              file={f}
              index={i}
              contract={contract}
              onMapping={(m) =>
                setFlow({
                  step: 'mapping',
                  files: flow.files.map((x, k) => (k === i ? { ...x, mapping: m } : x)),
                })
              }
              onRemove={() => {
                const rest = flow.files.filter((_, k) => k !== i);
                setFlow(rest.length ? { step: 'mapping', files: rest } : { step: 'idle' });
              }}
              onSheet={(sheet) => void pickSheet(flow.files, i, sheet)}
            />
          ))}
          {flow.files[0] && (
            <AddUnusedFields
              file={flow.files[0]}
              contract={contract}
              onAdded={(f) => setFlow({ step: 'mapping', files: [f, ...flow.files.slice(1)] })}
            />
          )}
          <div className="actions">
            <Button
              variant="primary"
              data-testid="import-run"
              onClick={() => void runImport(flow.files, 'skip')}
            >
              {t('actions.import')}
            </Button>
            <Button onClick={cancel}>{t('actions.cancel')}</Button>
          </div>
        </>
      )}

      {flow.step === 'importing' && flow.stalled && (
        <StalledImport
          file={flow.file}
          fraction={flow.fraction}
          since={flow.stalled.since}
          onWait={keepWaiting}
          onCancel={cancelStalled}
          onRetry={retryStalled}
        />
      )}

      {(flow.step === 'inspecting' ||
        (flow.step === 'importing' && !flow.stalled) ||
        flow.step === 'saving') && (
        <section className="card" data-testid="import-progress">
          <p>
            {flow.step === 'inspecting'
              ? t('progress.reading')
              : flow.step === 'saving'
                ? t('progress.saving')
                : flow.demo
                  ? t('progress.generating')
                  : t('progress.parsing', {
                      file: flow.file,
                      percent: Math.round(flow.fraction * 100),
                    })}
          </p>
          <progress max={1} value={flow.step === 'importing' ? flow.fraction : undefined} />
          <div className="actions">
            <Button data-testid="import-cancel" onClick={cancel}>
              {t('actions.cancel')}
            </Button>
          </div>
        </section>
      )}

      {flow.step === 'report' && (
        <>
          <ReportPanel reports={flow.reports} join={flow.join} />
          <ReplaceSummary
            replace={flow.replace}
            contract={contract}
            confirmed={replaceOk}
            onConfirm={(v) => setConfirmedFor(v ? flow : null)}
          />
          {!flow.demo && flow.files[0] && (
            <AddUnusedFields
              file={flow.files[0]}
              contract={contract}
              onAdded={(f) => setFlow({ step: 'mapping', files: [f, ...flow.files.slice(1)] })}
            />
          )}
          <div className="actions">
            <Button
              variant="primary"
              data-testid="import-save"
              disabled={flow.rowCount === 0 || (replacing && !replaceOk)}
              onClick={() =>
                void save(
                  flow.files,
                  flow.demo
                    ? `demo-${flow.rowCount}.csv`
                    : flow.files.map((f) => f.name).join(' + '),
                )
              }
            >
              {flow.reports.some((r) => r.badRows > 0) && flow.policy === 'skip'
                ? t('actions.saveSkipping', {
                    count: flow.rowCount,
                    bad: flow.reports.reduce((s, r) => s + r.badRows, 0),
                  })
                : t('actions.save', { count: flow.rowCount })}
            </Button>
            {flow.policy === 'skip' && flow.reports.some((r) => r.badRows > 0) && (
              <Button
                data-testid="import-blank"
                onClick={() => void runImport(flow.files, 'blank')}
              >
                {t('actions.keepBlank')}
              </Button>
            )}
            {!flow.demo && (
              <Button
                data-testid="import-fix"
                onClick={() => setFlow({ step: 'mapping', files: flow.files })}
              >
                {t('actions.fixMapping')}
              </Button>
            )}
            <Button data-testid="import-discard" onClick={cancel}>
              {t('actions.cancel')}
            </Button>
          </div>
        </>
      )}
      {flow.step === 'idle' && (
        <ActivitySection accounts={state.table} accountsLoading={state.status === 'loading'} />
      )}
    </div>
  );
}
