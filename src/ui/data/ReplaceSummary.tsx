import { useTranslation } from 'react-i18next';
import type { FieldContract } from '../../model';
import type { StoredReplace } from '../../data/datasetChange';

/**
 * Before a new dataset replaces the stored one: what changes (row count, a drop above 3%
 * highlighted, accounts that disappear, fields that become empty), and a confirmation that
 * names what is lost. Imported files and generated demo accounts alike. The comparison is the
 * import worker's (with the stored dataset it reads): the page only draws it.
 */
export function ReplaceSummary({
  replace,
  contract,
  confirmed,
  onConfirm,
}: {
  replace: StoredReplace | null;
  contract: FieldContract;
  confirmed: boolean;
  onConfirm: (v: boolean) => void;
}) {
  const { t, i18n } = useTranslation('data');
  const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  if (!replace) return null;
  const { change } = replace;
  const label = (id: string) => {
    const f = contract.fields.find((x) => x.id === id);
    return (f && (f.label[lang] || f.label.ja || f.label.en)) || id;
  };
  const pct = `${change.drop > 0 ? '−' : '+'}${Math.abs(change.drop * 100).toFixed(1)}%`;
  const name = replace.name;
  return (
    <section className="card replace-summary" data-testid="replace-summary">
      <h3>{t('replace.title', { name })}</h3>
      <ul>
        <li
          data-testid="replace-rows"
          className={change.bigDrop ? 'replace-drop' : undefined}
          data-big-drop={change.bigDrop ? 'true' : 'false'}
        >
          {t('replace.rows', {
            before: change.before.toLocaleString(),
            after: change.after.toLocaleString(),
            pct,
          })}
          {change.bigDrop && <strong> {t('replace.bigDrop')}</strong>}
        </li>
        {change.disappeared > 0 && (
          <li data-testid="replace-disappeared">
            {t('replace.disappeared', {
              count: change.disappeared,
              formatted: change.disappeared.toLocaleString(),
              sample: change.disappearedSample.join(', '),
            })}
          </li>
        )}
        {change.added > 0 && (
          <li data-testid="replace-added">
            {t('replace.added', { count: change.added, formatted: change.added.toLocaleString() })}
          </li>
        )}
        {change.emptied.length > 0 && (
          <li data-testid="replace-emptied">
            {t('replace.emptied', { list: change.emptied.map(label).join(', ') })}
          </li>
        )}
      </ul>
      <label className="review-name">
        <input
          type="checkbox"
          data-testid="replace-confirm"
          checked={confirmed}
          onChange={(e) => onConfirm(e.target.checked)}
        />{' '}
        {t('replace.confirm', {
          name,
          count: change.before,
          formatted: change.before.toLocaleString(),
        })}
      </label>
    </section>
  );
}
