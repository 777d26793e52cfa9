import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { ChangeFilter, ChangeSort, ChangesPage } from '../../engine/changes';
import { loadChanges } from '../../workers/historyClient';
import { colorLabel } from './colors';

const FILTERS: ChangeFilter[] = ['worse', 'better', 'changed', 'same', 'new', 'all'];
const SORTS: ChangeSort[] = ['delta_asc', 'delta_desc', 'score_asc', 'score_desc'];
/** Rows drawn at once; the filter narrows the rest (the count is always the full one). */
const SHOWN = 300;

const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));

/**
 * Accounts of run B filtered and sorted by their change since run A (colour move, score delta).
 * The runs are loaded, filtered and sorted in the history worker; only the shown rows come here.
 */
export function ChangesList({
  a,
  b,
  project,
  onOpenAccount,
}: {
  /** Stored run ids. */
  a: string;
  b: string;
  project: Project;
  onOpenAccount: (accountId: string) => void;
}) {
  const { t } = useTranslation('history');
  const { t: tr } = useTranslation('results');
  const [filter, setFilter] = useState<ChangeFilter>('worse');
  const [sort, setSort] = useState<ChangeSort>('delta_asc');
  const order = useMemo(() => project.health.bands.map((x) => x.id), [project.health.bands]);
  const [ch, setCh] = useState<ChangesPage | null>(null);
  useEffect(() => {
    let live = true;
    void loadChanges(a, b, order, filter, sort, SHOWN).then((p) => live && setCh(p));
    return () => {
      live = false;
    };
  }, [a, b, order, filter, sort]);
  const colorOf = (c: string) => (c === '' ? tr('colors.none') : colorLabel(project.health, c, tr));
  if (!ch) return null;
  const n = ch.rows.length;
  return (
    <div data-testid="changes">
      <h4>{t('changes.title')}</h4>
      <div className="toolbar">
        <label className="inline">
          {t('changes.filter')}
          <select
            data-testid="changes-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value as ChangeFilter)}
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`changes.filters.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('changes.sort')}
          <select
            data-testid="changes-sort"
            value={sort}
            onChange={(e) => setSort(e.target.value as ChangeSort)}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`changes.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span data-testid="changes-count">
          {t('changes.count', {
            count: ch.count,
            formatted: ch.count.toLocaleString(),
          })}
        </span>
      </div>
      <div className="changes-scroll">
        <table className="grid" data-testid="changes-table">
          <thead>
            <tr>
              <th>{t('changes.account')}</th>
              <th>{t('changes.color')}</th>
              <th className="num">{t('changes.score')}</th>
              <th className="num">{t('changes.delta')}</th>
            </tr>
          </thead>
          <tbody>
            {ch.rows.map((row, k) => {
              const { id, delta: d } = row;
              return (
                <tr key={`${id}-${k}`} data-account={id}>
                  <td>
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        onOpenAccount(id);
                      }}
                    >
                      {id}
                    </a>
                  </td>
                  <td>
                    {row.colorA === null ? t('changes.notInA') : colorOf(row.colorA)} →{' '}
                    {colorOf(row.colorB)}
                  </td>
                  <td className="num">
                    {row.colorA === null ? '' : `${fmt(row.totalA)} → `}
                    {fmt(row.totalB)}
                  </td>
                  <td className="num">
                    {Number.isNaN(d) ? '—' : (d > 0 ? '+' : '') + d.toFixed(1)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {ch.count > n && <p className="hint">{t('changes.more', { shown: n })}</p>}
    </div>
  );
}
