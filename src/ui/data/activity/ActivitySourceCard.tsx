import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivitySource, FieldContract } from '../../../model';
import type { ActivitySetRow } from '../../../store/db';
import type { AccountTable } from '../../../table/columns';
import { activityMessage } from '../../../data/activity/messages';
import { Button, notify } from '../../common';
import { issueText } from '../issueText';
import { ActivityReportView } from './ActivityReportView';
import { useActivityImport, type PickedActivity } from './useActivityImport';

const ACCEPT = '.csv,.tsv,.txt,.tab,.json,.ndjson,.jsonl,text/csv,application/json';

/** One declared activity source: what is stored, and importing a file for it. */
export function ActivitySourceCard(props: {
  projectId: string;
  source: ActivitySource;
  contract: FieldContract;
  accounts: AccountTable | null;
  /** The account data is still being read from storage: a file may be picked and mapped meanwhile. */
  accountsLoading: boolean;
  stored: ActivitySetRow | undefined;
  asOf: string;
  timeZone?: string;
}) {
  const { source, stored, accounts, accountsLoading } = props;
  const { t, i18n } = useTranslation('data');
  const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const label = source.label[lang] || source.id;
  const { flow, setFlow, pick, run, save, cancel } = useActivityImport({
    ...props,
    onSaved: (events) =>
      notify({
        kind: 'success',
        text: t('activityView.saved', { source: label, count: events }),
      }),
  });
  // A file dropped or picked while the accounts load is inspected and mapped at once; only the
  // import waits for them. With no account data at all the drop is refused aloud, never ignored.
  const canPick = !!accounts || accountsLoading;
  const accept = (f: File) => {
    if (canPick) void pick(f);
    else notify({ kind: 'error', text: t('activityView.needAccounts') });
  };
  const idle = flow.step === 'idle' || flow.step === 'failed';
  const failedText =
    flow.step === 'failed'
      ? flow.issue.params?.source !== undefined && flow.issue.code === 'required_unmapped'
        ? activityMessage(
            { code: 'activity_missing_column', file: flow.issue.file, params: flow.issue.params },
            lang,
          )
        : issueText(t, flow.issue)
      : '';
  const roles: { id: string; label: string }[] = [
    { id: 'account', label: t(`activityView.link.${source.account.match}`) },
    { id: 'time', label: t('activityView.time') },
    ...source.attributes.map((a) => ({ id: a.id, label: a.label[lang] || a.id })),
  ];
  const setMapping = (f: PickedActivity, role: string, col: number) =>
    setFlow({ step: 'mapping', file: { ...f, mapping: { ...f.mapping, [role]: col } } });

  return (
    <section className="card activity-source" data-testid={`activity-source-${source.id}`}>
      <h3>
        {label} <code className="hint">{source.id}</code>
      </h3>
      <p data-testid={`activity-stored-${source.id}`}>
        {stored
          ? t('activityView.stored', {
              count: stored.rowCount,
              formatted: stored.rowCount.toLocaleString(),
              files: stored.files.map((f) => f.name).join(', '),
              date: new Date(stored.createdAt).toLocaleString(i18n.language),
            })
          : t('activityView.notStored')}
      </p>
      {idle && (
        <div
          className={`dz dz-small${over ? ' dz-over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            const files = e.dataTransfer.files;
            // One file per source, as `waymark score --activity` takes it: a second file would
            // replace the first on save, so several are refused rather than one taken silently.
            if (files.length > 1)
              notify({
                kind: 'error',
                text: t('activityView.oneFile', { count: files.length, source: label }),
              });
            else if (files[0]) accept(files[0]);
          }}
        >
          <span className="hint">{t('activityView.drop')}</span>
          <Button
            disabled={!canPick}
            data-testid={`activity-choose-${source.id}`}
            onClick={() => input.current?.click()}
          >
            {t('activityView.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            data-testid={`activity-file-input-${source.id}`}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) accept(f);
            }}
          />
          {!accounts && (
            <p className="hint" data-testid="activity-accounts-hint">
              {t(accountsLoading ? 'activityView.loadingAccounts' : 'activityView.needAccounts')}
            </p>
          )}
        </div>
      )}
      {flow.step === 'failed' && (
        <div className="card-error" role="alert" data-testid="activity-failed">
          <p>{failedText}</p>
          <p className="hint">{t('activityView.unchanged')}</p>
        </div>
      )}
      {flow.step === 'inspecting' && <p>{t('progress.reading')}</p>}
      {flow.step === 'mapping' && (
        <div data-testid="activity-mapping">
          <p className="hint">
            {t('activityView.mappingHint', {
              file: flow.file.name,
              encoding: flow.file.preview.encoding,
            })}
          </p>
          <table className="grid">
            <tbody>
              {roles.map((r) => (
                <tr key={r.id}>
                  <td>{r.label}</td>
                  <td>
                    <select
                      data-testid={`activity-map-${r.id}`}
                      value={flow.file.mapping[r.id] ?? -1}
                      onChange={(e) => setMapping(flow.file, r.id, Number(e.target.value))}
                    >
                      <option value={-1}>{t('activityView.unmapped')}</option>
                      {flow.file.preview.headers.map((h, k) => (
                        <option key={k} value={k}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="hint">
                    {flow.file.preview.sample
                      .map((row) => row[flow.file.mapping[r.id] ?? -1] ?? '')
                      .filter(Boolean)
                      .slice(0, 3)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <Button
              variant="primary"
              data-testid="activity-run"
              disabled={!accounts || roles.some((r) => (flow.file.mapping[r.id] ?? -1) < 0)}
              onClick={() => void run(flow.file)}
            >
              {t('activityView.import')}
            </Button>
            <Button onClick={cancel}>{t('actions.cancel')}</Button>
          </div>
          {!accounts && (
            <p className="hint" data-testid="activity-run-waits">
              {t(accountsLoading ? 'activityView.runWaits' : 'activityView.needAccounts')}
            </p>
          )}
        </div>
      )}
      {flow.step === 'importing' && (
        <div data-testid="activity-progress">
          <p>
            {t('progress.parsing', {
              file: flow.file.name,
              percent: Math.round(flow.fraction * 100),
            })}
          </p>
          <progress max={1} value={flow.fraction} />
          <div className="actions">
            <Button data-testid="activity-cancel" onClick={cancel}>
              {t('actions.cancel')}
            </Button>
          </div>
        </div>
      )}
      {(flow.step === 'report' || flow.step === 'saving') && (
        <>
          <ActivityReportView report={flow.report} />
          <div className="actions">
            <Button
              variant="primary"
              data-testid="activity-save"
              disabled={flow.step === 'saving' || flow.report.kept === 0}
              onClick={() => void save(flow.file, flow.report)}
            >
              {t('activityView.save', { count: flow.report.kept })}
            </Button>
            <Button onClick={cancel}>{t('actions.cancel')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
