import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../model';
import type { ChangeFilter, ChangeSort, ChangesPage } from '../../engine/changes';
import { loadChanges } from '../../workers/historyClient';
import { colorLabel } from './colors';
import { useRowWindow } from './useRowWindow';

const FILTERS: ChangeFilter[] = ['worse', 'better', 'changed', 'same', 'new', 'all'];
const SORTS: ChangeSort[] = ['delta_asc', 'delta_desc', 'score_asc', 'score_desc'];
/** Rows sent from the worker; the filter narrows the rest (the count is always the full one). */
const SHOWN = 300;
/**
 * A row's height (results.css `.changes-table td`: 20px line + 8px padding + 1px border). Only
 * the rows in view are drawn: 300 rows were ~3,600 layout objects, most of the page's layout
 * (62–87 ms) in the task that drew the History tab after an import.
 */
export const CHANGE_ROW_HEIGHT = 29;
/** `.changes-scroll`'s max-height in results.css, px. */
const SCROLL_HEIGHT = 420;

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
  // A few colours over 300 rows: each label made once (a t() call is microseconds, 600 are not).
  const labels = new Map<string, string>();
  const colorOf = (c: string) => {
    let l = labels.get(c);
    if (l === undefined)
      labels.set(c, (l = c === '' ? tr('colors.none') : colorLabel(project.health, c, tr)));
    return l;
  };
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
      <ChangesTable rows={ch.rows} colorOf={colorOf} onOpenAccount={onOpenAccount} />
      {ch.count > n && <p className="hint">{t('changes.more', { shown: n })}</p>}
    </div>
  );
}

/** The change rows in a scroll box, drawn only where in view (spacer rows keep the height). */
function ChangesTable({
  rows,
  colorOf,
  onOpenAccount,
}: {
  rows: ChangesPage['rows'];
  colorOf: (c: string) => string;
  onOpenAccount: (accountId: string) => void;
}) {
  const { t } = useTranslation('history');
  const scroller = useRef<HTMLDivElement>(null);
  const n = rows.length;
  const w = useRowWindow(scroller, n, CHANGE_ROW_HEIGHT, 10, SCROLL_HEIGHT);
  return (
    <div className="changes-scroll" ref={scroller} data-testid="changes-scroll">
      <table className="grid changes-table" data-testid="changes-table">
        <thead>
          <tr>
            <th>{t('changes.account')}</th>
            <th>{t('changes.color')}</th>
            <th className="num">{t('changes.score')}</th>
            <th className="num">{t('changes.delta')}</th>
          </tr>
        </thead>
        <tbody>
          {w.first > 0 && <tr aria-hidden style={{ height: w.first * CHANGE_ROW_HEIGHT }} />}
          {rows.slice(w.first, w.last).map((row, k) => {
            const { id, delta: d } = row;
            return (
              <tr key={`${id}-${w.first + k}`} data-account={id}>
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
                <td className="num">{Number.isNaN(d) ? '—' : (d > 0 ? '+' : '') + d.toFixed(1)}</td>
              </tr>
            );
          })}
          {w.last < n && <tr aria-hidden style={{ height: (n - w.last) * CHANGE_ROW_HEIGHT }} />}
        </tbody>
      </table>
    </div>
  );
}
