import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivitySource, FieldContract } from '../../../model';
import type { ActivitySetRow } from '../../../store/db';
import type { AccountTable } from '../../../table/columns';
import { activityMessage } from '../../../data/activity/messages';
import { Button, notify } from '../../common';
import { issueText } from '../issueText';
import { ActivityReportView } from './ActivityReportView';
import { headerKey, useActivityImport, type ActivityMode } from './useActivityImport';

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
  const { flow, pick, setMapping, run, save, remove, cancel } = useActivityImport({
    ...props,
    onSaved: (events) =>
      notify({
        kind: 'success',
        text: t('activityView.saved', { source: label, count: events }),
      }),
  });
  const [removing, setRemoving] = useState<number | null>(null);
  // Files dropped or picked while the accounts load are inspected and mapped at once; only the
  // import waits for them. With no account data at all the drop is refused aloud, never ignored.
  // Files dropped on a source with stored events are added to them (Replace all… replaces).
  const canPick = !!accounts || accountsLoading;
  const mode = useRef<ActivityMode>('add');
  const accept = (files: File[], m: ActivityMode) => {
    if (!files.length) return;
    if (canPick) void pick(files, stored ? m : 'replace');
    else notify({ kind: 'error', text: t('activityView.needAccounts') });
  };
  const choose = (m: ActivityMode) => {
    mode.current = m;
    input.current?.click();
  };
  const idle = flow.step === 'idle' || flow.step === 'failed';
  const failedText =
    flow.step === 'failed'
      ? typeof flow.issue.params?.activityCode === 'string'
        ? activityMessage(
            {
              code: flow.issue.params.activityCode as 'activity_same_file',
              file: flow.issue.file,
              params: flow.issue.params as Record<string, string>,
            },
            lang,
          )
        : flow.issue.params?.source !== undefined && flow.issue.code === 'required_unmapped'
          ? activityMessage(
              {
                code: 'activity_missing_column',
                file: flow.issue.file,
                params: flow.issue.params,
              },
              lang,
            )
          : issueText(t, flow.issue)
      : '';
  const roles: { id: string; label: string }[] = [
    { id: 'account', label: t(`activityView.link.${source.account.match}`) },
    { id: 'time', label: t('activityView.time') },
    ...source.attributes.map((a) => ({ id: a.id, label: a.label[lang] || a.id })),
  ];
  const fmtDate = (iso?: string) =>
    iso ? new Date(iso).toLocaleString(i18n.language) : t('activityView.unknown');
  const size = (b?: number) =>
    b === undefined
      ? t('activityView.unknown')
      : b < 1024
        ? `${b} B`
        : b < 1 << 20
          ? `${(b / 1024).toFixed(1)} KB`
          : `${(b / (1 << 20)).toFixed(1)} MB`;
  /** Files of the mapping step grouped by header: one mapping per group. */
  const groups =
    flow.step === 'mapping'
      ? [...new Set(flow.files.map(headerKey))].map((key) =>
          flow.files.filter((f) => headerKey(f) === key),
        )
      : [];
  const unmapped =
    flow.step === 'mapping'
      ? groups.flatMap((g) => {
          const miss = roles.filter((r) => (g[0].mapping[r.id] ?? -1) < 0).map((r) => r.label);
          return miss.length
            ? [
                t('activityView.missingMapping', {
                  file: g.map((f) => f.name).join(', '),
                  columns: miss.join(', '),
                }),
              ]
            : [];
        })
      : [];

  return (
    <section className="card activity-source" data-testid={`activity-source-${source.id}`}>
      <h3>
        {label} <code className="hint">{source.id}</code>
      </h3>
      <p data-testid={`activity-stored-${source.id}`}>
        {stored
          ? t('activityView.storedFiles', {
              count: stored.files.length,
              formatted: stored.rowCount.toLocaleString(),
              names: stored.files.map((f) => f.name).join(', '),
            })
          : t('activityView.notStored')}
      </p>
      {stored && (
        <table className="grid activity-files" data-testid={`activity-files-${source.id}`}>
          <thead>
            <tr>
              <th>{t('activityView.files.name')}</th>
              <th>{t('activityView.files.size')}</th>
              <th>{t('activityView.files.rows')}</th>
              <th>{t('activityView.files.dates')}</th>
              <th>{t('activityView.files.imported')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stored.files.map((f, k) => (
              <tr key={`${k}-${f.name}`} data-testid="activity-file" data-file={f.name}>
                <td>{f.name}</td>
                <td>{size(f.size)}</td>
                <td>
                  {t('activityView.files.kept', {
                    kept: f.kept.toLocaleString(),
                    rows: f.rows.toLocaleString(),
                  })}
                </td>
                <td>{f.from ? `${f.from} – ${f.to}` : t('activityView.unknown')}</td>
                <td>{fmtDate(f.importedAt ?? (k === 0 ? stored.createdAt : undefined))}</td>
                <td>
                  {removing === k ? (
                    <span className="actions">
                      {t('activityView.files.removeAsk', { file: f.name, count: f.kept })}{' '}
                      <Button
                        variant="danger"
                        data-testid="activity-file-remove-yes"
                        onClick={() => {
                          setRemoving(null);
                          void remove(stored, k).then((meta) => {
                            if (meta !== undefined)
                              notify({
                                kind: 'success',
                                text: t('activityView.files.removed', {
                                  file: f.name,
                                  source: label,
                                  count: meta?.rowCount ?? 0,
                                }),
                              });
                          });
                        }}
                      >
                        {t('activityView.files.remove')}
                      </Button>
                      <Button onClick={() => setRemoving(null)}>
                        {t('activityView.files.keep')}
                      </Button>
                    </span>
                  ) : (
                    <Button
                      disabled={!idle}
                      data-testid="activity-file-remove"
                      onClick={() => setRemoving(k)}
                    >
                      {t('activityView.files.remove')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
            accept(Array.from(e.dataTransfer.files), 'add');
          }}
        >
          <span className="hint">{t(stored ? 'activityView.dropAdd' : 'activityView.drop')}</span>
          <Button
            disabled={!canPick}
            data-testid={`activity-choose-${source.id}`}
            onClick={() => choose('add')}
          >
            {t(stored ? 'activityView.addFiles' : 'activityView.choose')}
          </Button>
          {stored && (
            <Button
              disabled={!canPick}
              data-testid={`activity-replace-${source.id}`}
              onClick={() => choose('replace')}
            >
              {t('activityView.replaceAll')}
            </Button>
          )}
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            multiple
            hidden
            data-testid={`activity-file-input-${source.id}`}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              accept(files, mode.current);
              mode.current = 'add';
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
          {groups.length > 1 && (
            <p className="hint">{t('activityView.groupsHint', { count: groups.length })}</p>
          )}
          {groups.map((g) => (
            <div key={headerKey(g[0])} data-testid="activity-mapping-group">
              <p className="hint">
                {t('activityView.mappingHint', {
                  file: g.map((f) => f.name).join(', '),
                  encoding: g[0].preview.encoding,
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
                          value={g[0].mapping[r.id] ?? -1}
                          onChange={(e) =>
                            setMapping(
                              flow.files,
                              flow.mode,
                              headerKey(g[0]),
                              r.id,
                              Number(e.target.value),
                            )
                          }
                        >
                          <option value={-1}>{t('activityView.unmapped')}</option>
                          {g[0].preview.headers.map((h, k) => (
                            <option key={k} value={k}>
                              {h}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="hint">
                        {g[0].preview.sample
                          .map((row) => row[g[0].mapping[r.id] ?? -1] ?? '')
                          .filter(Boolean)
                          .slice(0, 3)
                          .join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {unmapped.map((m) => (
            <p key={m} className="hint" data-testid="activity-unmapped">
              {m}
            </p>
          ))}
          <div className="actions">
            <Button
              variant="primary"
              data-testid="activity-run"
              disabled={!accounts || unmapped.length > 0}
              onClick={() => void run(flow.files, flow.mode)}
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
            {flow.files.length > 1 &&
              `${t('activityView.fileOf', { n: flow.at + 1, count: flow.files.length })} · `}
            {t('progress.parsing', {
              file: flow.files[flow.at].name,
              percent: Math.round(flow.fraction * 100),
            })}
          </p>
          <progress max={1} value={(flow.at + flow.fraction) / flow.files.length} />
          <div className="actions">
            <Button data-testid="activity-cancel" onClick={cancel}>
              {t('actions.cancel')}
            </Button>
          </div>
        </div>
      )}
      {(flow.step === 'report' || flow.step === 'saving') && (
        <>
          {flow.reports.map((r, k) => (
            <div
              key={k}
              className="activity-file-report"
              data-testid="activity-file-report"
              data-file={r.file}
            >
              {flow.reports.length > 1 && <h4>{r.file}</h4>}
              <ActivityReportView report={r} />
            </div>
          ))}
          <div className="actions">
            <Button
              variant="primary"
              data-testid="activity-save"
              disabled={flow.step === 'saving' || flow.reports.every((r) => r.kept === 0)}
              onClick={() => void save(flow.files, flow.mode, flow.reports)}
            >
              {t(
                flow.mode === 'add' && stored ? 'activityView.saveAdd' : 'activityView.saveFiles',
                {
                  count: flow.reports.reduce((s, r) => s + r.kept, 0),
                  files: flow.reports.length,
                },
              )}
            </Button>
            <Button onClick={cancel}>{t('actions.cancel')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
