import { useTranslation } from 'react-i18next';
import type { Summary } from '../../engine';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { runHeader } from '../../store/runStore';
import { colorLabel } from './colors';
import { formatCount, formatNumber } from '../../util/format';

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '—');

/**
 * Colour distribution as share of MRR per run, from the sums each run stored (Summary.mrr) with
 * the field they came from; a run stored without them says so instead of showing a number.
 */
export function MrrShare({
  project,
  runs,
  colors,
}: {
  project: Project;
  runs: RunRow[];
  colors: string[];
}) {
  const { t, i18n } = useTranslation('history');
  const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  // The field by its label in the UI language (its id only when the contract lost it).
  const fieldName = (id: string) =>
    project.fields.fields.find((f) => f.id === id)?.label[lang] || id;
  const { t: tr } = useTranslation('results');
  const summaries = runs.map((r) => (runHeader(r).summary as Summary).mrr);
  const fields = [...new Set(summaries.flatMap((m) => (m ? [m.field] : [])))];
  if (!fields.length) return null;
  // Amounts with the field's unit (¥1,200 / 1,200円), in the UI language's format.
  const unit = project.fields.fields.find((f) => f.id === fields[0])?.unit;
  const money = (v: number) => formatNumber(v, lang, { unit });
  const label = (c: string) => (c ? colorLabel(project.health, c, tr) : tr('colors.none'));
  return (
    <>
      <h3>{t('trends.mrrTitle', { field: fields.map(fieldName).join(', ') })}</h3>
      <table className="grid" data-testid="trend-mrr">
        <thead>
          <tr>
            <th>{t('trends.asOf')}</th>
            <th className="num">{t('trends.mrrTotal')}</th>
            {colors.map((c) => (
              <th key={c} className="num">
                {label(c)}
              </th>
            ))}
            <th className="num">{t('trends.mrrMissing')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => {
            const m = summaries[i];
            if (!m)
              return (
                <tr key={r.id}>
                  <td>{r.asOf}</td>
                  <td colSpan={colors.length + 2} className="hint">
                    {t('trends.mrrNotRecorded')}
                  </td>
                </tr>
              );
            return (
              <tr key={r.id} data-asof={r.asOf}>
                <td>{r.asOf}</td>
                <td className="num">{money(m.total)}</td>
                {colors.map((c) => {
                  const v = m.byColor.find((x) => x.color === c)?.mrr ?? 0;
                  return (
                    <td key={c} className="num" data-testid={`mrr-${r.asOf}-${c}`}>
                      {pct(v, m.total)} <span className="hint">({money(v)})</span>
                    </td>
                  );
                })}
                <td className="num">{formatCount(m.missing, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
