import { useTranslation } from 'react-i18next';
import type { FieldContract } from '../../model';
import { cellValue } from '../../table/columns';
import type { ActiveDatasetState } from './activeDataset';
import { columnOf } from '../../table/columns';

type SourceInfo = { file?: string; encoding?: string; rows?: number; kind?: string };

/** The stored dataset: size, sources, and its first rows. */
export function CurrentDataset({
  state,
  contract,
}: {
  state: ActiveDatasetState;
  contract: FieldContract;
}) {
  const { t, i18n } = useTranslation('data');
  if (state.status === 'loading' || state.status === 'idle')
    return <section className="card">{t('current.loading')}</section>;
  if (!state.meta || !state.table)
    return (
      <section className="card" data-testid="dataset-none">
        {t('current.none')}
      </section>
    );
  const { meta, table } = state;
  const fields = contract.fields.filter((f) => columnOf(table, f.id)).slice(0, 8);
  return (
    <section className="card" data-testid="dataset-current">
      <h3>
        {t('current.title')}: {meta.name}
      </h3>
      <p>
        <strong data-testid="dataset-rows">
          {t('current.rows', { count: meta.rowCount, formatted: meta.rowCount.toLocaleString() })}
        </strong>
        {' · '}
        {t('current.columns', { count: meta.columns.length })}
        {' · '}
        {t('current.created', { date: new Date(meta.createdAt).toLocaleString(i18n.language) })}
      </p>
      {meta.sources.length > 0 && (
        <p className="hint">
          {t('current.sources')}:{' '}
          {(meta.sources as SourceInfo[]).map((s, i) => (
            <span key={i}>
              {s.kind === 'demo'
                ? `demo (${s.rows})`
                : t('current.source', {
                    file: s.file,
                    encoding: s.encoding ? t(`encodings.${s.encoding}`) : '',
                    rows: s.rows,
                  })}{' '}
            </span>
          ))}
        </p>
      )}
      <h4>{t('current.preview')}</h4>
      <div className="mapping-scroll">
        <table className="grid">
          <thead>
            <tr>
              {fields.map((f) => (
                <th key={f.id}>
                  {/* A label in one language only (e.g. inferred from a Japanese header) shows in both UIs. */}
                  {(i18n.language === 'ja' ? f.label.ja : f.label.en) ||
                    f.label.ja ||
                    f.label.en ||
                    f.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: Math.min(5, table.rowCount) }, (_, r) => (
              <tr key={r}>
                {fields.map((f) => (
                  <td key={f.id}>{String(cellValue(columnOf(table, f.id)!, r) ?? '')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
