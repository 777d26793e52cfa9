import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Project } from '../../model';
import { playbookFromProject } from '../../model';
import { Button, downloadText } from '../common';
import {
  buildQueue,
  filterQueue,
  mrrField,
  numberAt,
  ownerOf,
  queueCsv,
  textAt,
  type QueueFilter,
} from './queue';
import { colorHex, colorLabel } from './colors';
import type { RunOutcome } from './runState';
import { columnOf } from '../../table/columns';

/** Every fired CTA, filtered and sorted, virtualised; exports what is shown as CSV. */
export function CtaQueue({
  outcome,
  project,
  onOpen,
}: {
  outcome: RunOutcome;
  project: Project;
  onOpen: (row: number) => void;
}) {
  const { t } = useTranslation('results');
  const { result: r, table } = outcome;
  const queue = useMemo(() => buildQueue(r), [r]);
  const [f, setF] = useState<QueueFilter>({ sort: 'priority' });
  const idx = useMemo(
    () => filterQueue(queue, r, table, project.fields, f),
    [queue, r, table, project.fields, f],
  );
  const owners = useMemo(
    () =>
      [
        ...new Set(
          r.ctas
            .map((c) => c.ownerRole)
            .filter(Boolean)
            .concat(r.ownerIds),
        ),
      ].sort(),
    [r],
  );
  const nameCol = project.fields.nameField ? columnOf(table, project.fields.nameField) : undefined;
  const mrr = mrrField(project.fields);
  const mrrCol = mrr ? columnOf(table, mrr) : undefined;
  const hex = colorHex(project.health);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: idx.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 34,
    overscan: 12,
  });

  const exportCsv = () =>
    downloadText(
      queueCsv(queue, idx, r, table, playbookFromProject(project), (id) =>
        colorLabel(project.health, id, t),
      ),
      `${t('export.file')}-${r.asOf}.csv`,
      'text/csv',
    );

  return (
    <section className="card" data-testid="cta-queue">
      <div className="toolbar">
        <label className="inline">
          {t('queue.type')}
          <select
            data-testid="queue-type"
            value={f.type ?? ''}
            onChange={(e) => setF({ ...f, type: e.target.value || undefined })}
          >
            <option value="">{t('queue.all')}</option>
            {(['expansion', 'risk', 'lifecycle', 'other'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`ctaTypes.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('queue.owner')}
          <select
            data-testid="queue-owner"
            value={f.owner ?? ''}
            onChange={(e) => setF({ ...f, owner: e.target.value || undefined })}
          >
            <option value="">{t('queue.all')}</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('queue.priority')}
          <select
            data-testid="queue-priority"
            value={f.priority ?? ''}
            onChange={(e) => setF({ ...f, priority: e.target.value || undefined })}
          >
            <option value="">{t('queue.all')}</option>
            {(['high', 'medium', 'low'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`priorities.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('queue.sort')}
          <select
            data-testid="queue-sort"
            value={f.sort}
            onChange={(e) => setF({ ...f, sort: e.target.value as QueueFilter['sort'] })}
          >
            {(['priority', 'mrr', 'score', 'due'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`queue.sorts.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          placeholder={t('queue.search')}
          aria-label={t('queue.search')}
          value={f.search ?? ''}
          onChange={(e) => setF({ ...f, search: e.target.value })}
        />
        <span data-testid="queue-count">
          {t('queue.count', { count: idx.length, formatted: idx.length.toLocaleString() })}
        </span>
        <Button
          variant="primary"
          data-testid="queue-export"
          onClick={exportCsv}
          disabled={idx.length === 0}
        >
          {t('queue.export')}
        </Button>
      </div>
      <div className="vhead queue-row">
        <span>{t('queue.priority')}</span>
        <span>{t('queue.cta')}</span>
        <span>{t('queue.account')}</span>
        <span>{t('queue.company')}</span>
        <span>{t('queue.owner')}</span>
        <span>{t('queue.due')}</span>
        <span className="num">{t('queue.mrr')}</span>
        <span className="num">{t('queue.score')}</span>
      </div>
      {idx.length === 0 ? (
        <p className="hint">{t('queue.empty')}</p>
      ) : (
        <div ref={parent} className="vscroll" data-testid="queue-scroll">
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((it) => {
              const k = idx[it.index];
              const c = queue.cta[k];
              const i = queue.row[k];
              const info = r.ctas[c];
              const color = r.color[i] >= 0 ? r.colorIds[r.color[i]] : '';
              const m = numberAt(mrrCol, i);
              return (
                <div
                  key={it.key}
                  className="queue-row vrow"
                  style={{ transform: `translateY(${it.start}px)` }}
                  data-testid="queue-row"
                  onClick={() => onOpen(i)}
                >
                  <span className={`prio prio-${info.priority}`}>
                    {t(`priorities.${info.priority}`)}
                  </span>
                  <span title={info.label}>{info.label}</span>
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
                  <span>{ownerOf(r, c, i)}</span>
                  <span>{info.dueDate}</span>
                  <span className="num">{Number.isNaN(m) ? '' : m.toLocaleString()}</span>
                  <span className="num">
                    <span className="swatch" style={{ background: hex[color] ?? '#9e9e9e' }} />{' '}
                    {Number.isNaN(r.total[i]) ? '—' : r.total[i].toFixed(1)}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
