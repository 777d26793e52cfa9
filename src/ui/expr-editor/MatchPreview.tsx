import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { AggregateSpec, CheckedExpr, Scope } from '../../expr';
import { addAggregates } from '../../engine';
import { activeActivity } from '../data/activeActivity';
import { useActiveDataset } from '../data/useActiveDataset';
import { useProject } from '../common/useProject';
import { activeDataset } from '../data/activeDataset';
import { defaultAsOf } from '../results/asOfDefault';
import { resultsStore } from '../results/runState';
import { PREVIEW_MAX_ROWS, previewExpression, type PreviewResult } from '../../engine/preview';
import { previewInWorker, previewWorkerAvailable } from '../../workers/previewClient';

const DEBOUNCE_MS = 250;

/** "N of M accounts match" under an expression, when the project has a dataset loaded. */
export function MatchPreview({
  expr,
  fields,
  builtins,
  sources = [],
  aggregates = [],
}: {
  expr: CheckedExpr;
  scope: Scope;
  fields: string[];
  builtins: string[];
  /** Activity sources it aggregates: previewed over the imported activity, if any. */
  sources?: string[];
  /** Its activity aggregates (added to the table as columns before it is evaluated). */
  aggregates?: AggregateSpec[];
}) {
  const { t } = useTranslation('fields');
  const table = useActiveDataset();
  const projectId = useProject((p) => p.id);
  const data = useSyncExternalStore(activeDataset.subscribe, activeDataset.get);
  const projectAsOf = useProject((p) => p.asOf);
  const results = useSyncExternalStore(resultsStore.subscribe, resultsStore.get);
  const runs = results.projectId === projectId ? results.runs : [];
  // The same date a run would use, so "N accounts match" agrees with the next run.
  const asOf =
    defaultAsOf({
      projectAsOf,
      lastRunAsOf: runs[runs.length - 1]?.asOf,
      datasetCreatedAt: data.projectId === projectId ? data.meta?.createdAt : undefined,
      // A loaded table always comes with its dataset's metadata in the app; only a table handed
      // in without it (tests) lands here.
    }).date || new Date().toISOString().slice(0, 10);
  const [res, setRes] = useState<PreviewResult | null>(null);
  const [pending, setPending] = useState(false);
  const fieldKey = fields.join(',');
  // Activity: the project's imported events linked to the loaded accounts (loaded on demand).
  const accountKey = useProject((p) => p.fields.accountKey);
  const act = useSyncExternalStore(activeActivity.subscribe, activeActivity.get);
  useEffect(() => {
    if (sources.length) activeActivity.ensure(projectId);
  }, [projectId, sources.length]);
  const actReady = act.projectId === projectId && act.status === 'ready';
  const absent = actReady ? sources.filter((s) => !act.sets.some((x) => x.source === s)) : [];
  // A large stored dataset is previewed in a worker, over every row (exact counts, no frozen
  // page); a small one here.
  const datasetId = data.projectId === projectId ? data.meta?.id : undefined;
  const inWorker =
    !!table && !!datasetId && table.rowCount > PREVIEW_MAX_ROWS && previewWorkerAvailable();
  // The stored sets the worker reads (a new import of a source gives it a new id).
  const actSets = actReady ? act.sets : null;
  const sets = useMemo(() => (actSets ?? []).map(({ id, source }) => ({ id, source })), [actSets]);
  const linked =
    !inWorker && sources.length && table && actReady && absent.length === 0
      ? activeActivity.linkedFor(table, accountKey)
      : null;
  const activityReady =
    sources.length === 0 || (inWorker ? actReady && absent.length === 0 : !!linked);
  useEffect(() => {
    // Built-ins (score, colour, stage…) exist only after a scoring run: no preview for those.
    if (!table || builtins.length > 0 || !activityReady) {
      setRes(null);
      setPending(false);
      return;
    }
    let live = true;
    const cols = fieldKey ? fieldKey.split(',') : [];
    const timer = setTimeout(() => {
      if (inWorker) {
        setPending(true);
        previewInWorker({
          datasetId: datasetId!,
          accountKey,
          activitySets: sets,
          expr,
          fields: cols,
          aggregates,
          asOf,
        }).then(
          (r) => {
            if (!live) return;
            setRes(r);
            setPending(false);
          },
          () => {
            if (!live) return;
            setRes(null);
            setPending(false);
          },
        );
        return;
      }
      try {
        const withAgg =
          linked && aggregates.length ? addAggregates(aggregates, table, linked, asOf) : table;
        setRes(previewExpression(expr, [...cols, ...aggregates.map((a) => a.id)], withAgg, asOf));
      } catch {
        setRes(null);
      }
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [
    expr,
    table,
    asOf,
    fieldKey,
    builtins.length,
    activityReady,
    linked,
    aggregates,
    inWorker,
    datasetId,
    accountKey,
    sets,
  ]);
  if (sources.length > 0 && !activityReady) {
    if (actReady && absent.length)
      return (
        <p className="ex-preview ex-preview-warn" data-testid="expr-preview">
          {t('exprEditor.noActivity', { sources: absent.join(', ') })}
        </p>
      );
    if (!table) return null;
    return (
      <p className="ex-preview" data-testid="expr-preview">
        {t('exprEditor.activityLoading')}
      </p>
    );
  }
  if (!res && pending)
    return (
      <p className="ex-preview" data-testid="expr-preview" data-pending="true">
        {t('exprEditor.computing', { total: table ? table.rowCount.toLocaleString() : '' })}
      </p>
    );
  if (!res) return null;
  const fmt = (n: number) => n.toLocaleString();
  if (res.kind === 'missingColumns') {
    return (
      <p className="ex-preview ex-preview-warn" data-testid="expr-preview">
        {t('exprEditor.noColumn', { columns: res.columns.join(', ') })}
      </p>
    );
  }
  const scale = res.total / res.evaluated;
  // The date the preview evaluated with (days_since, windows, days in stage depend on it): the
  // one the next run would use, shown so the numbers can be traced.
  const dated = (
    <span data-testid="expr-preview-asof"> · {t('exprEditor.asOf', { date: asOf })}</span>
  );
  if (res.kind === 'condition') {
    const n = Math.round(res.matched * scale);
    const text =
      res.evaluated < res.total
        ? t('exprEditor.matchSample', {
            n: fmt(n),
            total: fmt(res.total),
            sample: fmt(res.evaluated),
          })
        : t('exprEditor.match', { n: fmt(n), total: fmt(res.total) });
    return (
      <p className="ex-preview" data-testid="expr-preview" data-matched={n} data-total={res.total}>
        <meter min={0} max={res.total} value={n} aria-hidden="true" /> {text}
        {res.missing > 0 && (
          <span className="ex-preview-missing">
            {' '}
            · {t('exprEditor.missing', { n: fmt(Math.round(res.missing * scale)) })}
          </span>
        )}
        {dated}
      </p>
    );
  }
  return (
    <p className="ex-preview" data-testid="expr-preview">
      {res.evaluated < res.total
        ? t('exprEditor.valuesSample', {
            n: fmt(Math.round(res.present * scale)),
            total: fmt(res.total),
            sample: fmt(res.evaluated),
          })
        : t('exprEditor.values', { n: fmt(res.present), total: fmt(res.total) })}
      {res.min !== undefined && res.max !== undefined && (
        <span> · {t('exprEditor.range2', { min: fmt(res.min), max: fmt(res.max) })}</span>
      )}
      {dated}
    </p>
  );
}
