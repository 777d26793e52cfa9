import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PredictiveBacktestResult } from '../../engine';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { backtestInWorker, outcomeCountsInWorker } from '../../workers/exportClient';
import { workerTable } from './workerTable';
import { projectStore } from '../../store/projectStore';
import { BacktestReport } from './BacktestReport';
import type { RunOutcome } from './runState';
import { columnOf } from '../../table/columns';

type Mode = 'predictive' | 'descriptive';
type ValueCounts = { values: { value: string; count: number }[]; blank: number };

/**
 * 答え合わせ: predictions from a stored run as of an earlier date against outcomes in the
 * current dataset (predictive), or this run against its own data (descriptive only). The user
 * picks the outcome field and which of its values mean churn and expansion.
 */
export function Backtest({
  outcome,
  project,
  runs,
}: {
  outcome: RunOutcome;
  project: Project;
  runs: RunRow[];
}) {
  const { t, i18n } = useTranslation('history');
  const observedDefault = outcome.result.asOf;
  const [observedAt, setObservedAt] = useState(observedDefault);
  const earlier = runs.filter((r) => r.asOf < observedAt && r.id !== outcome.run?.id);
  const [mode, setMode] = useState<Mode>(earlier.length ? 'predictive' : 'descriptive');
  const [runId, setRunId] = useState(earlier[0]?.id ?? '');
  const candidates = project.fields.fields.filter(
    (f) =>
      (f.type === 'category' || f.type === 'string') &&
      columnOf(outcome.table, f.id)?.type === 'string' &&
      f.id !== project.fields.accountKey &&
      f.id !== project.fields.nameField,
  );
  // Outcome settings are kept with the project (backtestOutcome), so a reload restores them;
  // a saved field the contract no longer offers is not restored.
  const saved = project.backtestOutcome;
  const restore = saved && candidates.some((f) => f.id === saved.field) ? saved : undefined;
  const [field, setFieldState] = useState(restore?.field ?? '');
  const [churn, setChurnState] = useState<string[]>(restore?.churn ?? []);
  const [expansion, setExpansionState] = useState<string[]>(restore?.expansion ?? []);
  const save = (next: { field: string; churn: string[]; expansion: string[] }) =>
    projectStore.edit(
      t('backtest.undoOutcome'),
      (d) => {
        d.backtestOutcome = next;
      },
      { coalesceKey: 'backtest.outcome' },
    );
  const setField = (f: string) => {
    setFieldState(f);
    setChurnState([]);
    setExpansionState([]);
    save({ field: f, churn: [], expansion: [] });
  };
  const setChurn = (c: string[]) => {
    setChurnState(c);
    save({ field, churn: c, expansion });
  };
  const setExpansion = (x: string[]) => {
    setExpansionState(x);
    save({ field, churn, expansion: x });
  };
  const [loadError, setLoadError] = useState<string | null>(null);
  // The value table and the backtest are computed by the run worker (a million accounts would
  // block the page for seconds); the screen says so while it works and shows nothing stale.
  const forWorker = useMemo(
    () => workerTable(outcome.table, project.fields),
    [outcome.table, project.fields],
  );
  const [seen, setSeen] = useState<{ for: string; counts: ValueCounts } | null>(null);
  useEffect(() => {
    if (!field) return;
    let live = true;
    outcomeCountsInWorker(outcome.result, forWorker, field).then(
      (counts) => live && setSeen({ for: field, counts }),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [outcome.result, forWorker, field]);
  const counts = seen && seen.for === field ? seen.counts : null;
  const ask =
    field && (churn.length || expansion.length) && (mode === 'descriptive' || runId)
      ? JSON.stringify({ mode, runId, field, churn, expansion, observedAt })
      : null;
  const [answer, setAnswer] = useState<{ for: string; result: PredictiveBacktestResult } | null>(
    null,
  );
  useEffect(() => {
    if (!ask) return;
    let live = true;
    backtestInWorker(outcome.result, forWorker, {
      pred: mode === 'descriptive' ? { kind: 'current' } : { kind: 'run', runId },
      keyField: project.fields.accountKey,
      observedAt: mode === 'descriptive' ? null : observedAt,
      labels: { field, churn, expansion },
    }).then(
      (result) => {
        if (!live) return;
        if (result) setAnswer({ for: ask, result });
        else setLoadError(runId);
      },
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // `ask` stands for mode, runId, field, churn, expansion and observedAt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ask, outcome.result, forWorker, project.fields.accountKey]);
  const result = answer && answer.for === ask ? answer.result : null;

  const toggle = (list: string[], set: (x: string[]) => void, v: string, other: string[]) => {
    if (list.includes(v)) set(list.filter((x) => x !== v));
    else if (!other.includes(v)) set([...list, v]);
  };

  if (!candidates.length) return <p>{t('backtest.noOutcome')}</p>;
  return (
    <section className="card backtest" data-testid="backtest">
      <fieldset className="bt-mode">
        <legend>{t('backtest.modeTitle')}</legend>
        <label className="inline">
          <input
            type="radio"
            name="bt-mode"
            data-testid="bt-mode-predictive"
            checked={mode === 'predictive'}
            onChange={() => setMode('predictive')}
          />
          {t('backtest.modePredictive')}
        </label>
        <label className="inline">
          <input
            type="radio"
            name="bt-mode"
            data-testid="bt-mode-descriptive"
            checked={mode === 'descriptive'}
            onChange={() => setMode('descriptive')}
          />
          {t('backtest.modeDescriptive')}
        </label>
      </fieldset>
      {mode === 'predictive' && (
        <div className="toolbar">
          <label className="inline">
            {t('backtest.predictionsFrom')}
            <select
              data-testid="bt-run"
              value={runId}
              onChange={(e) => {
                setRunId(e.target.value);
                setLoadError(null);
              }}
            >
              <option value="">{t('backtest.pickRun')}</option>
              {earlier.map((r) => (
                <option key={r.id} value={r.id}>
                  {t('backtest.runOption', {
                    asOf: r.asOf,
                    count: r.rowCount,
                    formatted: r.rowCount.toLocaleString(),
                  })}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            {t('backtest.observedAt')}
            <input
              type="date"
              data-testid="bt-observed"
              value={observedAt}
              onChange={(e) => setObservedAt(e.target.value)}
            />
          </label>
          {!earlier.length && (
            <span className="hint" data-testid="bt-no-earlier">
              {t('backtest.noEarlierRun', { date: observedAt })}
            </span>
          )}
          {loadError && (
            <span className="card-error" role="alert">
              {t('backtest.loadFailed', { message: loadError })}
            </span>
          )}
        </div>
      )}
      <div className="toolbar">
        <label className="inline">
          {t('backtest.outcomeField')}
          <select
            data-testid="backtest-field"
            value={field}
            onChange={(e) => setField(e.target.value)}
          >
            <option value="">{t('backtest.pickField')}</option>
            {candidates.map((f) => (
              <option key={f.id} value={f.id}>
                {(i18n.language.startsWith('ja') ? f.label.ja : f.label.en) || f.id}
              </option>
            ))}
          </select>
        </label>
      </div>
      {field && (
        <table className="grid bt-values" data-testid="bt-values">
          <thead>
            <tr>
              <th>{t('backtest.value')}</th>
              <th className="num">{t('backtest.accounts')}</th>
              <th>{t('backtest.meansChurn')}</th>
              <th>{t('backtest.meansExpansion')}</th>
            </tr>
          </thead>
          <tbody>
            {(counts?.values ?? []).map((v) => (
              <tr key={v.value} data-value={v.value}>
                <td>{v.value}</td>
                <td className="num">{v.count.toLocaleString()}</td>
                <td>
                  <input
                    type="checkbox"
                    data-testid={`bt-churn-${v.value}`}
                    aria-label={t('backtest.churnAria', { value: v.value })}
                    checked={churn.includes(v.value)}
                    disabled={expansion.includes(v.value)}
                    onChange={() => toggle(churn, setChurn, v.value, expansion)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    data-testid={`bt-exp-${v.value}`}
                    aria-label={t('backtest.expansionAria', { value: v.value })}
                    checked={expansion.includes(v.value)}
                    disabled={churn.includes(v.value)}
                    onChange={() => toggle(expansion, setExpansion, v.value, churn)}
                  />
                </td>
              </tr>
            ))}
            {!counts && (
              <tr className="hint" data-testid="bt-counting">
                <td colSpan={4}>{t('backtest.computingValues')}</td>
              </tr>
            )}
            {counts && counts.blank > 0 && (
              <tr className="hint">
                <td>{t('backtest.blank')}</td>
                <td className="num">{counts.blank.toLocaleString()}</td>
                <td colSpan={2}>{t('backtest.blankLeftOut')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {field && !churn.length && !expansion.length && (
        <p className="hint" data-testid="bt-pick-values">
          {t('backtest.pickValues')}
        </p>
      )}
      {ask && !result && !loadError && (
        <p className="hint" data-testid="bt-computing" role="status">
          {t('backtest.computing', {
            count: outcome.result.rowCount,
            formatted: outcome.result.rowCount.toLocaleString(),
          })}
        </p>
      )}
      {loadError && mode === 'descriptive' && (
        <p className="card-error" role="alert" data-testid="bt-error">
          {t('backtest.loadFailed', { message: loadError })}
        </p>
      )}
      {result && <BacktestReport result={result} project={project} />}
    </section>
  );
}
