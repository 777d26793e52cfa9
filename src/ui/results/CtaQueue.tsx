import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CtaMark, Project } from '../../model';
import { playbookFromProject } from '../../model';
import { activeMark, lifecycleKey } from '../../engine/lifecycle';
import type { RunRow } from '../../store/db';
import { Button } from '../common';
import { MarkDialog, markCta, unmarkCta } from './CtaMarks';
import { runsBefore, useLifecycle } from './useLifecycle';
import { useFileExport } from './useFileExport';
import { ExportStatus } from './ExportStatus';
import { queueLabelData } from './exportLabels';
import {
  filterQueueSteps,
  mrrField,
  numberAt,
  ownerOf,
  queueOf,
  textAt,
  type QueueFilter,
  type QueueLifeFilter,
} from './queue';
import { colorHex } from './colors';
import { resultLabels } from './labels';
import type { RunOutcome } from './runState';
import { columnOf } from '../../table/columns';
import { workerTable } from './workerTable';
import { wrapWidth } from './textWidth';
import { useRowWindow, VSCROLL_HEIGHT } from './useRowWindow';
import { useSteps } from './useSteps';
import { indexTextsAhead } from './textsAhead';
import { idAt, idIndexOf } from '../../table/runIds';

/** A queue row's height (results.css `.queue-row.vrow`): two lines of text, so names wrap. */
const QUEUE_ROW_HEIGHT = 50;
const NONE = new Int32Array(0);

/** Every fired CTA, filtered and sorted, virtualised; exports what is shown as CSV. */
export function CtaQueue({
  outcome,
  project,
  runs,
  onOpen,
}: {
  outcome: RunOutcome;
  project: Project;
  runs: RunRow[];
  onOpen: (row: number) => void;
}) {
  const { t } = useTranslation('results');
  const { t: th } = useTranslation('history');
  const { result: r, table } = outcome;
  const queue = useMemo(() => queueOf(r), [r]);
  const [f, setF] = useState<QueueFilter>({ sort: 'priority', status: 'open' });
  const wt = useMemo(() => workerTable(table, project.fields), [table, project.fields]);
  const life = useLifecycle(outcome, runs, wt, queue);
  const marks = useMemo(
    () =>
      new Map<string, CtaMark>(
        (project.ctaMarks ?? []).map((m) => [lifecycleKey(m.accountId, m.dedupeKey), m]),
      ),
    [project.ctaMarks],
  );
  // Rows of accounts with a mark: every other queue entry needs no key to be built (a string
  // per entry of a million-account queue is ~0.3 s). Marks are few; each is found by a scan.
  const markedRows = useMemo(() => {
    const out = new Set<number>();
    for (const m of project.ctaMarks ?? []) {
      let at = idIndexOf(r, m.accountId);
      while (at >= 0) {
        out.add(at);
        at = idIndexOf(r, m.accountId, at + 1);
      }
    }
    return out;
  }, [project.ctaMarks, r]);
  const [marking, setMarking] = useState<{
    row: number;
    cta: number;
    state: 'snoozed' | 'dismissed';
  } | null>(null);
  const stateOf = useMemo(
    // `k`: the queue entry of (row, c) when the caller has it (saves a search).
    () => (row: number, c: number, k?: number) => {
      if (!life) return null;
      const episode = k === undefined ? life.episode(row, c) : life.episodeAt(k);
      if (!markedRows.has(row)) return { episode, mark: null };
      const key = lifecycleKey(idAt(r, row), r.ctas[c].dedupeKey);
      return { episode, mark: activeMark(marks, key, episode, r.asOf) };
    },
    [life, marks, markedRows, r],
  );
  /** The queue's status text: the mark (a dismissal with its reason) or new / continuing. */
  const stateText = (st: ReturnType<typeof stateOf>): string =>
    !st?.episode
      ? ''
      : st.mark
        ? st.mark.state === 'dismissed' && st.mark.reason
          ? th('queue.marks.dismissedWhy', { reason: st.mark.reason })
          : th(`queue.marks.${st.mark.state}`, { until: st.mark.until ?? '' })
        : st.episode.isNew
          ? th('queue.new')
          : th('queue.continuing', {
              runs: st.episode.runs,
              days: st.episode.days,
              since: st.episode.since,
            });
  // The lifecycle as the filter reads it: run counts by entry, marks asked only of marked rows.
  const lifeFilter = useMemo<QueueLifeFilter | null>(
    () =>
      life && {
        runs: life.runs,
        markedRows,
        marked: (row, c, k) => !!stateOf(row, c, k)?.mark,
      },
    [life, markedRows, stateOf],
  );
  // Filtered a slice per task (a million-entry queue in one task was 50–100 ms of the page);
  // meanwhile the previous list stays and the count says the list is being filtered.
  const filtered = useSteps(
    () => filterQueueSteps(queue, r, table, project.fields, f, lifeFilter),
    [queue, r, table, project.fields, f, lifeFilter],
  );
  const idx = filtered.value ?? NONE;
  const filtering = filtered.pending;
  const owners = useMemo(
    () =>
      [
        ...new Set(
          r.ctas
            .map((c) => c.ownerRole)
            .filter(Boolean)
            .concat(r.ownerIds)
            .concat((r.ctaPerson ?? []).flatMap((p) => p?.dict ?? [])),
        ),
      ].sort(),
    [r],
  );
  const nameCol = project.fields.nameField ? columnOf(table, project.fields.nameField) : undefined;
  // The ids' and names' packed slices indexed while the page is idle (textsAhead.ts): the queue's
  // rows come from anywhere in the run, each of another slice.
  useEffect(() => indexTextsAhead(r, nameCol), [r, nameCol]);
  const mrr = mrrField(project.fields);
  const mrrCol = mrr ? columnOf(table, mrr) : undefined;
  const hex = colorHex(project.health);
  const parent = useRef<HTMLDivElement>(null);
  // Rows of equal height: the window from the scroll position alone (a measurement object per
  // entry, as @tanstack/react-virtual keeps, cost every filter of a 1M-account queue ~30–90 ms).
  const v = useRowWindow(parent, idx.length, QUEUE_ROW_HEIGHT, 12, VSCROLL_HEIGHT);

  // The CTA column is as wide as its longest name needs to fit on two lines (names are few).
  const section = useRef<HTMLElement>(null);
  const [ctaWidth, setCtaWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = section.current;
    const ctx = el && document.createElement('canvas').getContext('2d');
    if (!el || !ctx) return;
    const probe = el.querySelector('.queue-row') ?? el;
    const cs = getComputedStyle(probe);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const labels = [...new Set(r.ctas.map((c) => c.label))];
    // +2: the measured text and the laid-out text may differ by a sub-pixel.
    const w = wrapWidth(labels, 2, (x) => ctx.measureText(x).width, { min: 120, max: 320 });
    setCtaWidth(Math.ceil(w) + 2);
  }, [r.ctas]);

  const exporter = useFileExport();
  // Written by the export worker from the run and the rows shown, in the order shown.
  const exportCsv = () => {
    void exporter.start({
      what: t('exportJob.whatQueue'),
      file: `${t('export.file')}-${r.asOf}.csv`,
      type: { description: t('exportJob.typeCsv'), mime: 'text/csv', ext: '.csv' },
      result: r,
      table: wt,
      job: {
        kind: 'queueCsv',
        idx,
        playbook: playbookFromProject(project),
        labels: queueLabelData(r, resultLabels(project, t)),
        life: life
          ? {
              before: runsBefore(outcome, runs),
              marks: project.ctaMarks ?? [],
              ...(life.runId !== undefined ? { runId: life.runId } : {}),
            }
          : null,
      },
    });
  };

  return (
    <section
      ref={section}
      className="card"
      data-testid="cta-queue"
      style={ctaWidth ? ({ '--queue-cta': `${ctaWidth}px` } as CSSProperties) : undefined}
    >
      <div className="toolbar">
        <label className="inline">
          {th('queue.status')}
          <select
            data-testid="queue-status"
            value={f.status ?? 'open'}
            onChange={(e) => setF({ ...f, status: e.target.value as QueueFilter['status'] })}
          >
            {(['open', 'new', 'continuing', 'marked', 'all'] as const).map((x) => (
              <option key={x} value={x}>
                {th(`queue.statuses.${x}`)}
              </option>
            ))}
          </select>
        </label>
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
        {filtering ? (
          <span data-testid="queue-filtering" role="status">
            {t('queue.filtering')}
          </span>
        ) : (
          <span data-testid="queue-count">
            {t('queue.count', { count: idx.length, formatted: idx.length.toLocaleString() })}
          </span>
        )}
        <Button
          variant="primary"
          data-testid="queue-export"
          onClick={exportCsv}
          disabled={idx.length === 0 || filtering || exporter.busy}
        >
          {t('queue.export')}
        </Button>
      </div>
      <ExportStatus
        state={exporter.state}
        onCancel={exporter.cancel}
        onDismiss={exporter.dismiss}
      />
      {life && (
        <p className="hint" data-testid="queue-lifecycle">
          {life.previousAsOf
            ? th('queue.summary', {
                previous: life.previousAsOf,
                new: life.newCount,
                continuing: life.continuingCount,
                resolved: life.resolvedCount,
              })
            : th('queue.firstRun')}
          {life.resolvedCount > 0 && (
            <details data-testid="queue-resolved">
              <summary>{th('queue.resolvedList', { count: life.resolvedCount })}</summary>
              <code>
                {life.resolved
                  .slice(0, 200)
                  .map((x) => `${x.accountId} · ${x.ctaId}`)
                  .join(', ')}
              </code>
            </details>
          )}
        </p>
      )}
      <div className="vtable queue-table">
        <div className="vhead queue-row">
          <span>
            {t('queue.priority')}
            <br />
            {t('queue.due')}
          </span>
          <span>{t('queue.cta')}</span>
          <span>
            {t('queue.company')}
            <br />
            {t('queue.account')}
          </span>
          <span>{t('queue.owner')}</span>
          <span className="num">{t('queue.mrr')}</span>
          <span className="num">{t('queue.score')}</span>
          <span>{th('queue.status')}</span>
          <span />
        </div>
        {idx.length === 0 && !filtering && <p className="hint">{t('queue.empty')}</p>}
        {/* Always there (hidden when empty): the row window follows this one element. */}
        <div ref={parent} className="vscroll" data-testid="queue-scroll" hidden={idx.length === 0}>
          <div style={{ height: v.totalHeight, position: 'relative' }}>
            {v.items.map((it) => {
              const k = idx[it.index];
              const c = queue.cta[k];
              const i = queue.row[k];
              const info = r.ctas[c];
              const color = r.color[i] >= 0 ? r.colorIds[r.color[i]] : '';
              const m = numberAt(mrrCol, i);
              const st = stateOf(i, c, k);
              const company = textAt(nameCol, i);
              const owner = ownerOf(r, c, i);
              const status = stateText(st);
              return (
                <div
                  key={it.index}
                  className="queue-row vrow"
                  // By `top`: no paint property node per row (see AccountTable's rows).
                  style={{ top: it.start }}
                  data-testid="queue-row"
                  onClick={() => onOpen(i)}
                >
                  <span className="stack">
                    <span className={`prio prio-${info.priority}`}>
                      {t(`priorities.${info.priority}`)}
                    </span>
                    <span data-testid="queue-due">{info.dueDate}</span>
                  </span>
                  <span className="clamp" data-testid="queue-cta" title={info.label}>
                    {info.label}
                  </span>
                  <span className="stack">
                    {company && (
                      <span className="clip" data-testid="queue-company" title={company}>
                        {company}
                      </span>
                    )}
                    <a
                      className="clip"
                      href="#"
                      title={idAt(r, i)}
                      onClick={(e) => {
                        e.preventDefault();
                        onOpen(i);
                      }}
                    >
                      {idAt(r, i)}
                    </a>
                  </span>
                  <span className="clamp" data-testid="queue-owner-cell" title={owner}>
                    {owner}
                  </span>
                  <span className="num">{Number.isNaN(m) ? '' : m.toLocaleString()}</span>
                  <span className="num">
                    <span className="swatch" style={{ background: hex[color] ?? '#9e9e9e' }} />{' '}
                    {Number.isNaN(r.total[i]) ? '—' : r.total[i].toFixed(1)}
                  </span>
                  <span className="clamp" data-testid="queue-state" title={status}>
                    {status}
                  </span>
                  <span className="queue-actions" onClick={(e) => e.stopPropagation()}>
                    {st?.episode &&
                      (st.mark ? (
                        <button
                          type="button"
                          data-testid="queue-reopen"
                          onClick={() => unmarkCta(idAt(r, i), info.dedupeKey, th)}
                        >
                          {th('queue.reopen')}
                        </button>
                      ) : (
                        <>
                          <button
                            type="button"
                            data-testid="queue-done"
                            title={th('queue.doneTitle')}
                            onClick={() =>
                              markCta(
                                {
                                  accountId: idAt(r, i),
                                  dedupeKey: info.dedupeKey,
                                  state: 'done',
                                  since: st.episode!.since,
                                },
                                th,
                              )
                            }
                          >
                            {th('queue.done')}
                          </button>
                          <button
                            type="button"
                            data-testid="queue-snooze"
                            onClick={() => setMarking({ row: i, cta: c, state: 'snoozed' })}
                          >
                            {th('queue.snooze')}
                          </button>
                          <button
                            type="button"
                            data-testid="queue-dismiss"
                            onClick={() => setMarking({ row: i, cta: c, state: 'dismissed' })}
                          >
                            {th('queue.dismiss')}
                          </button>
                        </>
                      ))}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {marking && (
        <MarkDialog
          state={marking.state}
          asOf={r.asOf}
          account={idAt(r, marking.row)}
          cta={r.ctas[marking.cta].label}
          onCancel={() => setMarking(null)}
          onSave={(extra) => {
            const since = life?.episode(marking.row, marking.cta)?.since ?? r.asOf;
            markCta(
              {
                accountId: idAt(r, marking.row),
                dedupeKey: r.ctas[marking.cta].dedupeKey,
                state: marking.state,
                since,
                ...extra,
              },
              th,
            );
            setMarking(null);
          }}
        />
      )}
    </section>
  );
}
