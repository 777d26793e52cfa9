import { useTranslation } from 'react-i18next';
import type { FieldContract } from '../../model';
import { mappedColumn, type ColumnMapping } from '../../data';
import type { PickedFile } from './useImportFlow';

const DELIMS: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

function cellText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** One picked file: what was detected, the field → column mapping (editable) and a sample. */
export function MappingCard({
  file,
  index,
  contract,
  onMapping,
  onRemove,
  onSheet,
}: {
  file: PickedFile;
  index: number;
  contract: FieldContract;
  onMapping: (m: ColumnMapping) => void;
  onRemove: () => void;
  onSheet?: (sheet: string) => void;
}) {
  const { t } = useTranslation('data');
  const p = file.preview;
  const used = new Set(Object.values(file.mapping).filter((v) => v != null));
  const unused = p.headers.filter((_, i) => !used.has(i));
  return (
    <section className="card" data-testid={`mapping-${index}`}>
      <header className="card-head">
        <h3>{file.name}</h3>
        <dl className="facts">
          <dt>{t('preview.format')}</dt>
          <dd data-testid="detected-format">{t(`formats.${p.format}`)}</dd>
          <dt>{t('preview.encoding')}</dt>
          <dd data-testid="detected-encoding">{t(`encodings.${p.encoding}`)}</dd>
          {p.delimiter !== undefined && (
            <>
              <dt>{t('preview.delimiter')}</dt>
              <dd>{t(`delimiters.${DELIMS[p.delimiter] ?? 'comma'}`)}</dd>
            </>
          )}
          {p.sheets && p.sheets.length > 0 && (
            <>
              <dt>{t('preview.sheet')}</dt>
              <dd>
                <select
                  aria-label={t('preview.sheet')}
                  data-testid={`sheet-${index}`}
                  value={p.sheet}
                  disabled={p.sheets.length < 2}
                  onChange={(e) => onSheet?.(e.target.value)}
                >
                  {p.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </dd>
            </>
          )}
          <dt>{t('preview.header')}</dt>
          <dd>{p.hasHeader ? t('preview.yes') : t('preview.no')}</dd>
          <dd className="hint">{t('preview.estimated', { count: p.estimatedRows })}</dd>
        </dl>
        <button type="button" className="btn btn-ghost" onClick={onRemove}>
          {t('preview.remove')}
        </button>
      </header>
      <div className="mapping-scroll">
        <table className="grid mapping">
          <thead>
            <tr>
              <th>{t('preview.field')}</th>
              <th>{t('preview.column')}</th>
              <th>{t('preview.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {contract.fields.map((f) => {
              const col = mappedColumn(file.mapping, f.id);
              return (
                <tr key={f.id} className={col == null ? 'unmapped' : ''}>
                  <td>
                    <code>{f.id}</code>{' '}
                    <span className="hint">
                      {[f.label.ja, f.label.en].filter(Boolean).join(' / ')}
                    </span>
                    {f.id === contract.accountKey && (
                      <span className="tag">{t('preview.key')}</span>
                    )}
                    {f.required && f.id !== contract.accountKey && (
                      <span className="tag tag-muted">{t('preview.required')}</span>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={f.id}
                      data-testid={`map-${f.id}`}
                      value={col == null ? '' : String(col)}
                      onChange={(e) =>
                        onMapping({
                          ...file.mapping,
                          [f.id]: e.target.value === '' ? null : Number(e.target.value),
                        })
                      }
                    >
                      <option value="">{t('preview.notMapped')}</option>
                      {p.headers.map((h, i) => (
                        <option key={i} value={i}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="sample">
                    {col == null
                      ? ''
                      : p.rows
                          .slice(0, 3)
                          .map((r) => cellText(r[col]))
                          .join(' · ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {unused.length > 0 && (
        <p className="hint">{t('preview.unmapped', { list: unused.join(', ') })}</p>
      )}
    </section>
  );
}
