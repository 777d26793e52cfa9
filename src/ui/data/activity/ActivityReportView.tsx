import { useTranslation } from 'react-i18next';
import type { ActivityReport } from '../../../data/activity/importActivity';
import { activityMessage } from '../../../data/activity/messages';

/**
 * What an activity import found: events counted, rows that match no account (count and list),
 * company names joined by 名寄せ normalisation that are spelled differently (for review), and
 * the other rows left out, each with file, row and column.
 */
export function ActivityReportView({ report: r }: { report: ActivityReport }) {
  const { t, i18n } = useTranslation('data');
  const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  const unknown = r.issues.filter(
    (i) => i.code === 'activity_unknown_account' || i.code === 'activity_ambiguous_account',
  );
  const other = r.issues.filter((i) => !unknown.includes(i));
  const stat = (id: string, value: number, tone?: 'bad' | 'warn') => (
    <div className={`stat${tone && value ? ` stat-${tone}` : ''}`}>
      <div className="stat-value" data-testid={`activity-report-${id}`}>
        {value.toLocaleString()}
      </div>
      <div className="stat-label">{t(`activityView.report.${id}`)}</div>
    </div>
  );
  return (
    <div data-testid="activity-report">
      <div className="stats">
        {stat('rows', r.rows)}
        {stat('kept', r.kept)}
        {stat('unknown', r.unknownAccount + r.ambiguousAccount, 'warn')}
        {stat('badTime', r.badTime, 'bad')}
        {stat('future', r.future, 'warn')}
        {stat('badValues', r.badValues, 'bad')}
      </div>
      {unknown.length > 0 && (
        <>
          <h4>
            {t('activityView.report.unknownTitle', {
              count: r.unknownAccount + r.ambiguousAccount,
            })}
          </h4>
          <ul className="activity-issues" data-testid="activity-unknown-list">
            {unknown.slice(0, 100).map((i, k) => (
              <li key={k} data-row={i.row}>
                {activityMessage(i, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.review.length > 0 && (
        <>
          <h4>{t('activityView.report.reviewTitle', { count: r.review.length })}</h4>
          <p className="hint">{t('activityView.report.reviewHint')}</p>
          <table className="grid" data-testid="activity-review">
            <thead>
              <tr>
                <th>{t('report.row')}</th>
                <th>{t('activityView.report.inFile')}</th>
                <th>{t('activityView.report.account')}</th>
              </tr>
            </thead>
            <tbody>
              {r.review.slice(0, 100).map((m, k) => (
                <tr key={k}>
                  <td>{m.sourceRow}</td>
                  <td>{m.sourceName}</td>
                  <td>{m.baseName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {other.length > 0 && (
        <>
          <h4>{t('activityView.report.otherTitle')}</h4>
          <ul className="activity-issues" data-testid="activity-issue-list">
            {other.slice(0, 100).map((i, k) => (
              <li key={k} className={`sev-${i.severity}`} data-code={i.code}>
                {activityMessage(i, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.issueCount > r.issues.length && (
        <p className="hint">{t('report.more', { count: r.issueCount - r.issues.length })}</p>
      )}
    </div>
  );
}
