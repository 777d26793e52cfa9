import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TREND_DOWN, TREND_NEW, TREND_UP } from '../../engine';
import { FilterChip } from './FilterChip';
import type { Project } from '../../model';
import { daysToIso } from '../../table/columns';
import { formatCount, formatNumber } from '../../util/format';
import { Button, notify } from '../common';
import { colorHex } from './colors';
import { rowSource, type RowSource } from './accountRows';
import { useAccountRows } from './useAccountRows';
import { startScoresExport } from './scoresExport';
import { workerTable } from './workerTable';
import { useFileExport } from './useFileExport';
import { ExportStatus } from './ExportStatus';
import { useAfterFirstDraw, useRowWindow, VSCROLL_HEIGHT } from './useRowWindow';
import { resultLabels } from './labels';
import { placeSelection, type AccountFilter, type LiveSelection, type SortKey } from './place';
import type { RankedList } from './rowQuery';
import { mrrField, numberAt, textAt } from './queue';
import type { RunOutcome } from './runState';
import { idAt } from '../../table/runIds';
import { sameValues } from './sameValues';
import { indexTextsAhead } from './textsAhead';

const RENEWAL_WINDOWS = [30, 60, 90, 180, 365];

/**
 * All accounts of the run, virtualised (a million rows scroll smoothly): filtered by colour,
 * segment, stage, owner, renewal window and text, sorted by any column, exported as shown.
 * Filters and sort live in the address (place.ts), so a chart's drill-down, reload and Back
 * all land on the same list.
 */
export function AccountTable({
  outcome,
  project,
  filter,
  live,
  onClearLive,
  sort,
  onFilter,
  onSort,
  onSearch,
  onOpen,
}: {
  outcome: RunOutcome;
  project: Project;
  filter: AccountFilter;
  /** Conditions from a journey-map number (an exit criterion's status, stuck, a CTA…). */
  live?: LiveSelection;
  onClearLive?: () => void;
  sort: { key: SortKey; dir: 'asc' | 'desc' } | undefined;
  onFilter: (f: AccountFilter) => void;
  onSort: (s: { key: SortKey; dir: 'asc' | 'desc' }) => void;
  /**
   * The search box's text for the address: at each key (`write` false), then once its answer is
   * drawn (`write` true). The table searches the text itself.
   */
  onSearch?: (q: string, write: boolean) => void;
  onOpen: (row: number) => void;
}) {
  const { t, i18n } = useTranslation('results');
  const { t: tw } = useTranslation('resultsWork');
  const lang = i18n.language;
  const { result: r, table, trend } = outcome;
  const hex = useMemo(() => colorHex(project.health), [project.health]);
  const labels = useMemo(() => resultLabels(project, t), [project, t]);
  const src = useMemo(
    () => rowSource(r, trend, table, project.fields, labels.segment, labels.stage),
    [r, trend, table, project.fields, labels],
  );
  const mrrUnit = project.fields.fields.find((f) => f.id === mrrField(project.fields))?.unit;
  // Filter, search and sort: in the row-query worker for large runs (the page only draws).
  const segmentLabels = useMemo(() => r.segmentIds.map(labels.segment), [r, labels]);
  const stageLabels = useMemo(() => r.stageIds.map(labels.stage), [r, labels]);
  // The search box's text is the table's own state: a key re-renders the box and the table only
  // (not the app through the address), the query is this text, and the address follows in place
  // (onSearch: written without a render). A text the address brings (Back, a link, Clear) is
  // taken over: the address's text changed and is not the box's.
  const addressQ = filter.q ?? '';
  const [q, setQ] = useState(addressQ);
  const [seenQ, setSeenQ] = useState(addressQ);
  if (addressQ !== seenQ) {
    setSeenQ(addressQ);
    if (addressQ !== q) setQ(addressQ);
  }
  const searchFilter = useMemo(() => withText(filter, q), [filter, q]);
  const argsFor = (f: AccountFilter) => ({ filter: f, live, sort, segmentLabels, stageLabels });
  const q0 = useAccountRows(src, argsFor(searchFilter));
  const rows = q0.rows;
  const parent = useRef<HTMLDivElement>(null);
  // The visible rows first; the overscan once they are drawn (useAfterFirstDraw).
  const afterFirstDraw = useAfterFirstDraw(rows.length > 0);
  const overscan = afterFirstDraw ? OVERSCAN_ROWS : 0;
  // Then the ids' and names' packed slices indexed while the page is idle: the rows of a later
  // answer (a sort, a search) read their texts without scanning a slice each (textsAhead.ts).
  useEffect(
    () => (afterFirstDraw ? indexTextsAhead(r, src.name) : undefined),
    [afterFirstDraw, r, src.name],
  );
  const v = useRowWindow(parent, rows.length, ROW_HEIGHT, overscan, VSCROLL_HEIGHT);

  const set = (k: keyof AccountFilter, value: string | number | undefined) => {
    const next = { ...searchFilter };
    if (value === undefined || value === '') delete next[k];
    else (next as Record<string, unknown>)[k] = value;
    onFilter(next);
  };
  const clear = () => {
    setQ('');
    if (live && onClearLive) onClearLive();
    else onFilter({});
  };
  // Stable for the memoised filters and header (they call the latest of these).
  const latest = useRef({ set, clear, onSort });
  latest.current = { set, clear, onSort };
  const setStable = useCallback<typeof set>((k, value) => latest.current.set(k, value), []);
  const clearStable = useCallback(() => latest.current.clear(), []);
  const sortStable = useCallback<typeof onSort>((next) => latest.current.onSort(next), []);
  // Shown once a query has waited a moment: a quick answer (most keys) draws no spinner and
  // no dimmed rows in between, which cost the page a repaint of the table each key.
  const slow = useSlow(q0.pending, PENDING_SHOWN_MS);
  // The text into the address once its answer is drawn.
  const settledQ = q0.pending ? null : q;
  useEffect(() => {
    if (settledQ !== null) onSearch?.(settledQ, true);
  }, [settledQ, onSearch]);
  const sheetLabels = {
    ...labels,
    headers: {
      segment: tw('export.segmentLabel'),
      stage: tw('export.stageLabel'),
      color: tw('export.colorLabel'),
    },
  };
  const fileBase = `${tw('export.file')}-${r.asOf}`;
  // Written by the export worker (src/ui/results/scoresExport.ts), rows as shown.
  const exporter = useFileExport();
  const exportScores = (format: 'csv' | 'xlsx') =>
    startScoresExport(
      exporter,
      format,
      r,
      workerTable(table, project.fields),
      rows,
      sheetLabels,
      fileBase,
      tw('export.sheet'),
      t,
      exported,
    );
  const exported = (file: string) =>
    notify({
      kind: 'info',
      text: tw('export.done', { formatted: formatCount(rows.length, lang), file }),
    });

  const anyFilter = !!live || Object.keys(filter).some((k) => k !== 'q');

  return (
    <section className="card" data-testid="account-table">
      {live && (
        <FilterChip
          filter={placeSelection({ filter, live })}
          project={project}
          criteria={r.criteria}
          onClear={() => onClearLive?.()}
        />
      )}
      <div className="toolbar acct-filters">
        <input
          type="search"
          data-testid="account-search"
          placeholder={t('table.search')}
          aria-label={t('table.search')}
          value={q}
          onChange={(e) => {
            const text = e.target.value;
            // The query first: the worker searches while the page draws the key.
            q0.request(argsFor(withText(filter, text)));
            setQ(text);
            onSearch?.(text, false);
            if (!onSearch) set('q', text);
          }}
        />
        <Filters
          filter={filter}
          r={r}
          labels={labels}
          renewal={!!src.renewal}
          anyFilter={anyFilter}
          onSet={setStable}
          onClear={clearStable}
        />
        {q0.pending ? (
          <span data-testid="account-count" data-pending="true" className="searching" role="status">
            {slow && <span className="spinner" aria-hidden="true" />}{' '}
            {tw(pendingText(q0), { formatted: formatCount(r.rowCount, lang) })}{' '}
            <span className="hint">{tw('rowQuery.stale')}</span>
          </span>
        ) : (
          <span
            data-testid="account-count"
            data-count={rows.length}
            data-pending="false"
            role="status"
          >
            {t('table.count', { count: rows.length, formatted: formatCount(rows.length, lang) })}
          </span>
        )}
        <span className="spacer" />
        <Button
          data-testid="export-scores-csv"
          title={tw('export.hint')}
          disabled={q0.pending || exporter.busy}
          onClick={() => exportScores('csv')}
        >
          {tw('export.csv')}
        </Button>
        <Button
          data-testid="export-scores-xlsx"
          title={tw('export.hint')}
          disabled={q0.pending || exporter.busy}
          onClick={() => exportScores('xlsx')}
        >
          {tw('export.xlsx')}
        </Button>
      </div>
      <ExportStatus
        state={exporter.state}
        onCancel={exporter.cancel}
        onDismiss={exporter.dismiss}
      />
      <div className="vtable acct-table">
        <HeadRow sort={sort} onSort={sortStable} />
        {q0.error && (
          <p className="error" role="alert" data-testid="account-query-error">
            {tw('rowQuery.failed', { message: q0.error })}
          </p>
        )}
        <div
          ref={parent}
          className={`vscroll${slow ? ' stale' : ''}`}
          data-testid="account-scroll"
          data-query={q0.inWorker ? 'worker' : 'page'}
          aria-busy={q0.pending}
        >
          <div style={{ height: v.totalHeight, position: 'relative' }}>
            <RowsShown
              rows={rows}
              first={v.first}
              last={v.last}
              outcome={outcome}
              src={src}
              labels={labels}
              hex={hex}
              mrrUnit={mrrUnit}
              onOpen={onOpen}
            />
          </div>
        </div>
      </div>
    </section>
  );
}

/** The account table's rows are all this tall (px): the window of rows shown follows from it. */
const ROW_HEIGHT = 32;
/**
 * Rows drawn beyond each edge of the visible ones (8 × 32 px: more than a wheel step). Each
 * answer redraws the window, so every row more costs each search key (16 made 50 rows a key).
 */
const OVERSCAN_ROWS = 8;

/** The filter with the search box's text as its `q` (none when empty). */
function withText(filter: AccountFilter, q: string): AccountFilter {
  if ((filter.q ?? '') === q) return filter;
  const next = { ...filter };
  if (q) next.q = q;
  else delete next.q;
  return next;
}

/**
 * The rows on screen, `first` to `last` of the answer `rows`. Memoised: a key in the search box
 * re-renders the box, not these rows (they change when the answer or the scroll does).
 */
const RowsShown = memo(function RowsShown({
  rows,
  first,
  last,
  outcome,
  src,
  labels,
  hex,
  mrrUnit,
  onOpen,
}: {
  rows: Int32Array;
  first: number;
  last: number;
  outcome: RunOutcome;
  src: RowSource;
  labels: ReturnType<typeof resultLabels>;
  hex: Record<string, string>;
  mrrUnit: string | undefined;
  onOpen: (row: number) => void;
}) {
  const { t, i18n } = useTranslation('results');
  const lang = i18n.language;
  const { result: r, trend } = outcome;
  // Texts that do not depend on the row, looked up once per render rather than per row.
  const trendNew = t('trend.new');
  const trendSame = t('trend.same');
  const noColor = t('colors.none');
  const colorTitles = new Map<string, string>();
  const colorTitle = (c: string) => {
    let title = colorTitles.get(c);
    if (title === undefined) colorTitles.set(c, (title = labels.color(c)));
    return title;
  };
  const trendText = (i: number) => {
    if (!trend) return '';
    const d = trend.direction[i];
    if (d === TREND_NEW) return trendNew;
    if (d !== TREND_UP && d !== TREND_DOWN) return trendSame;
    const delta = formatNumber(trend.delta[i], lang, { digits: 1 });
    return d === TREND_UP ? `▲ ${t('trend.up', { delta })}` : `▼ ${t('trend.down', { delta })}`;
  };
  const out: ReactNode[] = [];
  for (let k = first; k < last; k++) {
    const i = rows[k];
    const color = r.color[i] >= 0 ? r.colorIds[r.color[i]] : '';
    const renewal = numberAt(src.renewal, i);
    const mrr = numberAt(src.mrr, i);
    const name = textAt(src.name, i);
    const segment = labels.segment(r.segmentIds[r.segment[i]]);
    const stage = r.stage[i] >= 0 ? labels.stage(r.stageIds[r.stage[i]]) : '—';
    const owner = r.ownerIds[r.owner[i]];
    out.push(
      <div
        key={k}
        className="acct-row vrow"
        // Placed by `top`, not a transform: a row's place never changes (it is keyed by its
        // position), and a transform per row gave each its own paint property node and paint
        // chunk (PrePaint and Layerize per frame grew with the rows shown).
        style={{ top: k * ROW_HEIGHT }}
        data-testid="account-row"
        data-color={color || 'none'}
        onClick={() => onOpen(i)}
      >
        <span>
          <a
            href="#"
            onClick={(e) => {
              e.preventDefault();
              e.stopPropagation();
              onOpen(i);
            }}
          >
            {idAt(r, i)}
          </a>
        </span>
        <span title={name}>{name}</span>
        <span data-testid="cell-segment" title={segment}>
          {segment}
        </span>
        <span data-testid="cell-stage" title={stage}>
          {stage}
        </span>
        <span className="num" data-testid="cell-score" title={color ? colorTitle(color) : noColor}>
          <span className="swatch" style={{ background: hex[color] ?? '#9e9e9e' }} />{' '}
          {formatNumber(r.total[i], lang, { digits: 1 })}
        </span>
        <span>{trendText(i)}</span>
        <span title={owner}>{owner}</span>
        <span className="num">{src.ctaCount[i] || ''}</span>
        <span className="num">
          {Number.isNaN(mrr) ? '' : formatNumber(mrr, lang, { unit: mrrUnit })}
        </span>
        <span>{Number.isNaN(renewal) ? '' : daysToIso(renewal)}</span>
      </div>,
    );
  }
  return out;
});

/**
 * What the pending query is doing, as the table says it: a sort waiting for a list's collation
 * order (the worker's word: seconds at a million names), another sort, or a search or filter.
 */
function pendingText(q: { sorting: boolean; ranking?: RankedList }) {
  if (q.ranking === 'names') return 'rowQuery.rankingNames' as const;
  if (q.ranking === 'ids') return 'rowQuery.rankingIds' as const;
  return q.sorting ? ('rowQuery.sorting' as const) : ('rowQuery.searching' as const);
}

/** How long a query waits before the table shows it as searching (spinner, rows dimmed). */
const PENDING_SHOWN_MS = 150;

/** `pending` has held for `ms` (false again as soon as it ends). */
function useSlow(pending: boolean, ms: number): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), ms);
    return () => clearTimeout(timer);
  }, [pending, ms]);
  return pending && slow;
}

interface FiltersProps {
  filter: AccountFilter;
  r: RunOutcome['result'];
  labels: ReturnType<typeof resultLabels>;
  /** The run has a renewal date field. */
  renewal: boolean;
  anyFilter: boolean;
  onSet: (k: keyof AccountFilter, value: string | number | undefined) => void;
  onClear: () => void;
}

/**
 * The filters (colour, segment, stage, owner, renewal) and Clear. Memoised, the filter compared
 * by value: not redrawn per key, nor by a sort (the address's filter is a new object each time).
 */
const Filters = memo(function Filters({
  filter,
  r,
  labels,
  renewal,
  anyFilter,
  onSet,
  onClear,
}: FiltersProps) {
  const { t } = useTranslation('results');
  const { t: tw } = useTranslation('resultsWork');
  return (
    <>
      <Select
        label={tw('filter.color')}
        testid="filter-color"
        value={filter.color}
        anyLabel={tw('filter.any')}
        options={[
          ...r.colorIds.map((c) => [c, labels.color(c)] as const),
          ['none', t('colors.none')] as const,
        ]}
        onChange={(x) => onSet('color', x)}
      />
      <Select
        label={tw('filter.segment')}
        testid="filter-segment"
        value={filter.segment}
        anyLabel={tw('filter.any')}
        options={r.segmentIds.map((s) => [s, labels.segment(s)] as const)}
        onChange={(x) => onSet('segment', x)}
      />
      <Select
        label={tw('filter.stage')}
        testid="filter-stage"
        value={filter.stage}
        anyLabel={tw('filter.any')}
        options={[
          ...r.stageIds.map((s) => [s, labels.stage(s)] as const),
          ['none', tw('filter.noStage')] as const,
        ]}
        onChange={(x) => onSet('stage', x)}
      />
      <Select
        label={tw('filter.owner')}
        testid="filter-owner"
        value={filter.owner}
        anyLabel={tw('filter.any')}
        options={r.ownerIds.map((o) => [o, o] as const)}
        onChange={(x) => onSet('owner', x)}
      />
      {renewal ? (
        <Select
          label={tw('filter.renewal')}
          testid="filter-renewal"
          value={filter.renewal === undefined ? undefined : String(filter.renewal)}
          anyLabel={tw('filter.any')}
          options={RENEWAL_WINDOWS.map(
            (d) => [String(d), tw('filter.renewalWithin', { count: d })] as const,
          )}
          onChange={(x) => onSet('renewal', x === undefined ? undefined : Number(x))}
        />
      ) : (
        <span className="hint">{tw('filter.noRenewalField')}</span>
      )}
      {anyFilter && (
        <Button data-testid="filter-clear" onClick={onClear}>
          {tw('filter.clear')}
        </Button>
      )}
    </>
  );
}, sameFilters);

/** Filters' props equal: the same objects, the filter's values equal. */
function sameFilters(a: FiltersProps, b: FiltersProps): boolean {
  return (
    a.r === b.r &&
    a.labels === b.labels &&
    a.renewal === b.renewal &&
    a.anyFilter === b.anyFilter &&
    a.onSet === b.onSet &&
    a.onClear === b.onClear &&
    sameValues(a.filter, b.filter)
  );
}

/** The column headers, each a sort button. Memoised (the sort by value): not redrawn per key. */
const HeadRow = memo(
  function HeadRow({
    sort,
    onSort,
  }: {
    sort: { key: SortKey; dir: 'asc' | 'desc' } | undefined;
    onSort: (s: { key: SortKey; dir: 'asc' | 'desc' }) => void;
  }) {
    const { t } = useTranslation('results');
    const { t: tw } = useTranslation('resultsWork');
    const head = (key: SortKey, label: string, num = false) => {
      const on = sort?.key === key;
      return (
        <button
          type="button"
          className={`linklike sort-head${num ? ' num' : ''}`}
          data-testid={`sort-${key}`}
          title={tw('sortBy', { column: label })}
          aria-sort={on ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined}
          onClick={() => onSort({ key, dir: on && sort!.dir === 'asc' ? 'desc' : 'asc' })}
        >
          {label} {on ? (sort!.dir === 'asc' ? '↑' : '↓') : ''}
        </button>
      );
    };
    return (
      <div className="vhead acct-row">
        {head('account', t('table.account'))}
        {head('company', t('table.company'))}
        {head('segment', t('table.segment'))}
        {head('stage', t('table.stage'))}
        {head('score', t('table.score'), true)}
        {head('trend', t('table.trend'))}
        {head('owner', t('table.owner'))}
        {head('ctas', t('table.ctas'), true)}
        {head('mrr', t('table.mrr'), true)}
        {head('renewal', tw('column.renewal'))}
      </div>
    );
  },
  (a, b) => a.onSort === b.onSort && a.sort?.key === b.sort?.key && a.sort?.dir === b.sort?.dir,
);

function Select({
  label,
  testid,
  value,
  anyLabel,
  options,
  onChange,
}: {
  label: string;
  testid: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <label className="inline">
      {label}
      <select
        data-testid={testid}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{anyLabel}</option>
        {options.map(([id, text]) => (
          <option key={id} value={id}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
