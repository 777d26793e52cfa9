import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreResult } from '../../engine';
import type { Project } from '../../model';
import { accountChanges, type ChangeFilter, type ChangeSort } from './changes';
import { colorLabel } from './colors';

const FILTERS: ChangeFilter[] = ['worse', 'better', 'changed', 'same', 'new', 'all'];
const SORTS: ChangeSort[] = ['delta_asc', 'delta_desc', 'score_asc', 'score_desc'];
/** Rows drawn at once; the filter narrows the rest (the count is always the full one). */
const SHOWN = 300;

const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));

/** Accounts of run B filtered and sorted by their change since run A (colour move, score delta). */
export function ChangesList({
  a,
  b,
  project,
  onOpenAccount,
}: {
  a: ScoreResult;
  b: ScoreResult;
  project: Project;
  onOpenAccount: (accountId: string) => void;
}) {
  const { t } = useTranslation('history');
  const { t: tr } = useTranslation('results');
  const [filter, setFilter] = useState<ChangeFilter>('worse');
  const [sort, setSort] = useState<ChangeSort>('delta_asc');
  const order = useMemo(() => project.health.bands.map((x) => x.id), [project.health.bands]);
  const ch = useMemo(() => accountChanges(a, b, order, filter, sort), [a, b, order, filter, sort]);
  const colorOf = (r: ScoreResult, row: number) =>
    row < 0
      ? ''
      : r.color[row] < 0
        ? tr('colors.none')
        : colorLabel(project.health, r.colorIds[r.color[row]], tr);
  const n = Math.min(SHOWN, ch.rowB.length);
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
            count: ch.rowB.length,
            formatted: ch.rowB.length.toLocaleString(),
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
            {Array.from({ length: n }, (_, k) => {
              const j = ch.rowB[k];
              const i = ch.rowA[k];
              const id = b.accountIds[j];
              const d = ch.delta[k];
              return (
                <tr key={`${id}-${j}`} data-account={id}>
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
                    {i < 0 ? t('changes.notInA') : colorOf(a, i)} → {colorOf(b, j)}
                  </td>
                  <td className="num">
                    {i < 0 ? '' : `${fmt(a.total[i])} → `}
                    {fmt(b.total[j])}
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
      {ch.rowB.length > n && <p className="hint">{t('changes.more', { shown: n })}</p>}
    </div>
  );
}
