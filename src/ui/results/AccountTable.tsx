import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { selectRows, TREND_DOWN, TREND_NEW, TREND_UP, type AccountSelection } from '../../engine';
import { FilterChip } from './FilterChip';
import type { Project } from '../../model';
import { colorHex } from './colors';
import { mrrField, numberAt, textAt } from './queue';
import type { RunOutcome } from './runState';
import { columnOf } from '../../table/columns';

/** All accounts of the run, virtualised (a million rows scroll smoothly), with search and score sort. */
export function AccountTable({
  outcome,
  project,
  onOpen,
  filter,
}: {
  outcome: RunOutcome;
  project: Project;
  onOpen: (row: number) => void;
  /** Only these accounts (a number clicked on the journey map). */
  filter?: AccountSelection | null;
}) {
  const { t } = useTranslation('results');
  const { result: r, table, trend } = outcome;
  const [search, setSearch] = useState('');
  const [sortScore, setSortScore] = useState<'none' | 'asc' | 'desc'>('none');
  const nameCol = project.fields.nameField ? columnOf(table, project.fields.nameField) : undefined;
  const mrr = mrrField(project.fields);
  const mrrCol = mrr ? columnOf(table, mrr) : undefined;
  const hex = colorHex(project.health);
  const ctaCount = useMemo(() => {
    const n = new Uint8Array(r.rowCount);
    for (const f of r.ctaFired) for (let i = 0; i < f.length; i++) n[i] += f[i];
    return n;
  }, [r]);
  const base = useMemo(() => (filter ? selectRows(r, filter) : null), [r, filter]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    let out: Int32Array;
    if (!needle) out = base ? base.slice() : Int32Array.from({ length: r.rowCount }, (_, i) => i);
    else {
      const hits: number[] = [];
      for (const i of base ?? Array.from({ length: r.rowCount }, (_, k) => k))
        if (
          r.accountIds[i].toLowerCase().includes(needle) ||
          textAt(nameCol, i).toLowerCase().includes(needle)
        )
          hits.push(i);
      out = Int32Array.from(hits);
    }
    if (sortScore !== 'none') {
      const s = sortScore === 'asc' ? 1 : -1;
      const key = (i: number) => (Number.isNaN(r.total[i]) ? Infinity : s * r.total[i]);
      out.sort((a, b) => key(a) - key(b));
    }
    return out;
  }, [search, sortScore, r, nameCol, base]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 32,
    overscan: 16,
  });

  const trendText = (i: number) => {
    if (!trend) return '';
    const d = trend.direction[i];
    if (d === TREND_NEW) return t('trend.new');
    const delta = trend.delta[i].toFixed(1);
    return d === TREND_UP
      ? `▲ ${t('trend.up', { delta })}`
      : d === TREND_DOWN
        ? `▼ ${t('trend.down', { delta })}`
        : t('trend.same');
  };

  return (
    <section className="card" data-testid="account-table">
      {filter && <FilterChip filter={filter} project={project} criteria={r.criteria} />}
      <div className="toolbar">
        <input
          type="search"
          data-testid="account-search"
          placeholder={t('table.search')}
          aria-label={t('table.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span data-testid="account-count">
          {t('table.count', { count: rows.length, formatted: rows.length.toLocaleString() })}
        </span>
      </div>
      <div className="vhead acct-row">
        <span>{t('table.account')}</span>
        <span>{t('table.company')}</span>
        <span>{t('table.segment')}</span>
        <span>{t('table.stage')}</span>
        <button
          type="button"
          className="linklike num"
          data-testid="sort-score"
          onClick={() => setSortScore(sortScore === 'asc' ? 'desc' : 'asc')}
        >
          {t('table.score')} {sortScore === 'asc' ? '↑' : sortScore === 'desc' ? '↓' : ''}
        </button>
        <span>{t('table.trend')}</span>
        <span>{t('table.owner')}</span>
        <span className="num">{t('table.ctas')}</span>
        <span className="num">{t('table.mrr')}</span>
      </div>
      <div ref={parent} className="vscroll" data-testid="account-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const i = rows[it.index];
            const color = r.color[i] >= 0 ? r.colorIds[r.color[i]] : '';
            const m = numberAt(mrrCol, i);
            return (
              <div
                key={it.key}
                className="acct-row vrow"
                style={{ transform: `translateY(${it.start}px)` }}
                data-testid="account-row"
                onClick={() => onOpen(i)}
              >
                <span>
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(i);
                    }}
                  >
                    {r.accountIds[i]}
                  </a>
                </span>
                <span>{textAt(nameCol, i)}</span>
                <span>{r.segmentIds[r.segment[i]]}</span>
                <span>{r.stage[i] >= 0 ? r.stageIds[r.stage[i]] : '—'}</span>
                <span className="num">
                  <span className="swatch" style={{ background: hex[color] ?? '#9e9e9e' }} />{' '}
                  {Number.isNaN(r.total[i]) ? '—' : r.total[i].toFixed(1)}
                </span>
                <span>{trendText(i)}</span>
                <span>{r.ownerIds[r.owner[i]]}</span>
                <span className="num">{ctaCount[i] || ''}</span>
                <span className="num">{Number.isNaN(m) ? '' : m.toLocaleString()}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
