import { useTranslation } from 'react-i18next';
import type { ImportReport, JoinReport } from '../../data';
import { issueText } from './issueText';
import { missingFieldEffects } from '../../playbook/missingFields';
import { useProject } from '../common/useProject';

/** Counts and the first problems of each file, and the joining summary with matches to review. */
export function ReportPanel({
  reports,
  join,
}: {
  reports: ImportReport[];
  join: JoinReport | null;
}) {
  const { t, i18n } = useTranslation('data');
  const fields = useProject((p) => p.fields);
  const health = useProject((p) => p.health);
  const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  return (
    <div data-testid="import-report">
      {reports.map((r) => (
        <section key={r.file} className="card">
          <h3>
            {t('report.title')}: {r.file}
          </h3>
          <div className="stats">
            <Stat label={t('report.rowsRead')} value={r.rowsRead} id="rows-read" />
            <Stat label={t('report.imported')} value={r.rowsImported} id="rows-imported" />
            <Stat
              label={t('report.badRows')}
              value={r.badRows}
              id="bad-rows"
              tone={r.badRows ? 'bad' : undefined}
            />
            <Stat
              label={t('report.errors')}
              value={r.errorCount}
              id="errors"
              tone={r.errorCount ? 'bad' : undefined}
            />
            <Stat
              label={t('report.warnings')}
              value={r.warningCount}
              id="warnings"
              tone={r.warningCount ? 'warn' : undefined}
            />
            <Stat
              label={t('report.duplicates')}
              value={r.duplicateKeys}
              id="duplicates"
              tone={r.duplicateKeys ? 'bad' : undefined}
            />
          </div>
          <p className="hint">
            {r.policy === 'skip' ? t('report.policySkip') : t('report.policyBlank')}{' '}
            {t('report.kept')}
          </p>
          {r.parts !== undefined && r.parts > 1 && (
            <p className="hint" data-testid="import-parts">
              {t('report.parts', { count: r.parts })}
            </p>
          )}
          {r.missingFields.length > 0 && (
            <p className="hint">
              {t('report.missingFields', { list: r.missingFields.join(', ') })}
            </p>
          )}
          {/* What a field without a column does to the score, per measure that reads it. */}
          {missingFieldEffects({ fields, health }, r.missingFields, lang)
            .filter((e) => e.effect !== 'none')
            .map((e) => (
              <p key={e.field} className="warn" data-testid={`report-missing-${e.field}`}>
                {t(e.effect === 'exclude' ? 'report.missingRescaled' : 'report.missingZero', {
                  label: e.label,
                  measures: e.measures.join(', '),
                })}
              </p>
            ))}
          {r.issues.length === 0 ? (
            <p data-testid="report-clean">{t('report.clean')}</p>
          ) : (
            <>
              <h4>{t('report.firstIssues')}</h4>
              <table className="grid issues" data-testid="report-issues">
                <thead>
                  <tr>
                    <th>{t('report.row')}</th>
                    <th>{t('report.column')}</th>
                    <th>{t('report.field')}</th>
                    <th>{t('report.value')}</th>
                    <th>{t('report.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.issues.slice(0, 50).map((i, k) => (
                    <tr key={k} className={`sev-${i.severity}`} data-code={i.code}>
                      <td>{i.row ?? ''}</td>
                      <td>
                        {i.column !== undefined
                          ? `${i.column}${i.header ? ` (${i.header})` : ''}`
                          : ''}
                      </td>
                      <td>{i.field ?? ''}</td>
                      <td>
                        <code>{i.raw ?? ''}</code>
                      </td>
                      <td>{issueText(t, i, false)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.errorCount + r.warningCount > 50 && (
                <p className="hint">
                  {t('report.more', { count: r.errorCount + r.warningCount - 50 })}
                </p>
              )}
            </>
          )}
        </section>
      ))}
      {join && (
        <section className="card" data-testid="join-report">
          <h3>{t('join.title')}</h3>
          <ul>
            {join.sources.slice(1).map((s) => (
              <li key={s.name}>{t('join.source', s)}</li>
            ))}
          </ul>
          {join.reviewCount > 0 && (
            <>
              <h4>{t('join.review', { count: join.reviewCount })}</h4>
              <table className="grid">
                <tbody>
                  {join.review.slice(0, 100).map((m, k) => (
                    <tr key={k} data-kind={m.kind}>
                      <td>
                        {t('join.sourceName', { source: m.source })}: {m.sourceName}
                      </td>
                      <td>
                        {t('join.baseName')}: {m.baseName}
                      </td>
                      <td className="hint">{t(`join.kinds.${m.kind}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </div>
  );
}

function Stat({
  label,
  value,
  id,
  tone,
}: {
  label: string;
  value: number;
  id: string;
  tone?: 'bad' | 'warn';
}) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <div className="stat-value" data-testid={`report-${id}`}>
        {value.toLocaleString()}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
