import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RunsTable } from './RunsTable';
import { StackedColumns } from './DashCharts';
import type { MigrationMatrix, Summary } from '../../engine';
import { loadMigratedAccounts, loadMigration } from '../../workers/historyClient';
import type { Project } from '../../model';
import type { RunRow } from '../../store/db';
import { runHeader } from '../../store/runStore';
import { runTimeline } from '../../util/runOrder';
import { formatCount, formatDateTime } from '../../util/format';
import { Button, ConfirmDialog } from '../common';
import { colorHex, colorLabel } from './colors';
import { thinMonthly, runBytesPerAccount, runStoredBytes } from './historyOps';
import { resultsStore } from './runState';
import { ChangesList } from './ChangesList';
import { MrrShare } from './MrrShare';
import { MigrationTable, type MigrationCell } from './MigrationTable';
import type { AccountNames } from './accountNames';

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '—');

/**
 * History over the stored runs: colour distribution (counts and %), the stage funnel and CTA
 * counts by type per run, from each run's stored summary; a colour-migration matrix between any
 * two runs (click a cell for its accounts); storage per run and thinning chosen by the user.
 * Everything is in time order (util/runOrder.ts: by as-of, then creation). `runs` holds one run
 * per as-of date; `stored` every run, so a run superseded by a later one of the same date (kept
 * by an earlier Waymark) is listed and marked, left out of the trends, and can be deleted.
 */
export function HistoryTab({
  project,
  runs: runsNow,
  stored: storedNow,
  onOpenAccount,
  names,
}: {
  project: Project;
  runs: RunRow[];
  stored: RunRow[];
  onOpenAccount: (accountId: string) => void;
  /** Company names and rows of the data now loaded, for the migration cells' accounts. */
  names?: AccountNames;
}) {
  const { t, i18n } = useTranslation('history');
  const lang = i18n.language;
  // New runs (an import of a year of weekly runs) are drawn in a transition, which React
  // renders in slices between the page's other work rather than in one task.
  const runs = useDeferredValue(runsNow);
  const stored = useDeferredValue(storedNow);
  const { t: tr } = useTranslation('results');
  const hex = colorHex(project.health);
  const colors = useMemo(() => {
    const ids: string[] = [];
    for (const r of runs)
      for (const c of (runHeader(r).summary as Summary).byColor)
        if (!ids.includes(c.color)) ids.push(c.color);
    const order = project.health.bands.map((b) => b.id);
    return ids.sort((a, b) => ((order.indexOf(a) + 99) % 99) - ((order.indexOf(b) + 99) % 99));
  }, [runs, project.health.bands]);
  const label = (c: string) => (c ? colorLabel(project.health, c, tr) : tr('colors.none'));
  const trend = runs.map((r) => {
    const s = runHeader(r).summary as Summary;
    const row: Record<string, number | string> = { asOf: r.asOf, id: r.id, total: r.rowCount };
    let scored = 0;
    for (const c of s.byColor) {
      row[c.color] = c.count;
      scored += c.count;
    }
    row.none = r.rowCount - scored;
    return row;
  });
  const stages = useMemo(() => {
    const ids: string[] = [];
    for (const r of runs)
      for (const e of (runHeader(r).summary as Summary).byColorSegmentStage)
        if (!ids.includes(e.stage)) ids.push(e.stage);
    // Journey order; unknown stage ('') last.
    const order = (id: string) => {
      const k = project.journey.stages.findIndex((x) => x.id === id);
      return id === '' ? 1e9 : k < 0 ? 1e8 : k;
    };
    return ids.sort((x, y) => order(x) - order(y));
  }, [runs, project.journey.stages]);
  const stageCount = (r: RunRow, stage: string) =>
    (runHeader(r).summary as Summary).byColorSegmentStage
      .filter((e) => e.stage === stage)
      .reduce((s, e) => s + e.count, 0);
  const types = ['risk', 'expansion', 'lifecycle', 'other'] as const;
  const ctaCount = (r: RunRow, type: string) =>
    (runHeader(r).summary as Summary).ctasByTypeOwner
      .filter((e) => e.type === type)
      .reduce((s, e) => s + e.count, 0);

  const supersededBy = useMemo(() => runTimeline(stored).supersededBy, [stored]);
  // The default pair: the newest two dates (the newest and its true predecessor in time). It
  // follows the runs — runs imported or stored later, a run deleted or replaced — until the user
  // picks a run; a picked run that is gone gives its place back to the default.
  const [pickA, setA] = useState('');
  const [pickB, setB] = useState('');
  const has = (id: string) => id !== '' && stored.some((r) => r.id === id);
  const a = has(pickA) ? pickA : (runs[runs.length - 2]?.id ?? '');
  const b = has(pickB) ? pickB : (runs[runs.length - 1]?.id ?? '');
  const [matrix, setMatrix] = useState<{ key: string; m: MigrationMatrix } | null>(null);
  const [cell, setCell] = useState<MigrationCell | null>(null);
  const [cellAccounts, setCellAccounts] = useState<string[]>([]);
  // Both runs are loaded and compared in the history worker: a million accounts each would
  // block the page for seconds here (`npm run bench -- history`).
  useEffect(() => {
    if (!a || !b) return;
    let live = true;
    void loadMigration(a, b).then((m) => live && setMatrix({ key: `${a}|${b}`, m }));
    return () => {
      live = false;
    };
  }, [a, b]);
  useEffect(() => {
    if (!a || !b || !cell) return setCellAccounts([]);
    let live = true;
    void loadMigratedAccounts(a, b, cell.from, cell.to).then((ids) => live && setCellAccounts(ids));
    return () => {
      live = false;
    };
  }, [a, b, cell]);
  const shown = matrix && matrix.key === `${a}|${b}` ? matrix.m : null;
  const [thin, setThin] = useState<RunRow[] | null>(null);
  const [drop, setDrop] = useState<RunRow | null>(null);
  const latest = runs[runs.length - 1];
  const measured = latest ? runStoredBytes(latest) : null;

  if (stored.length === 0) return <p className="hint">{t('trends.none')}</p>;
  const runLabel = (r: RunRow) =>
    t(supersededBy.has(r) ? 'trends.runLabelSuperseded' : 'trends.runLabel', {
      asOf: r.asOf,
      fingerprint: (r.fingerprint ?? '').slice(0, 8) || '—',
    });
  return (
    <div className="history-tab" data-testid="history-tab">
      {runs.length === 1 && (
        // One run is a snapshot, not a trend: say so rather than draw one bar as a "trend".
        <p className="hint" data-testid="history-one-run">
          {t('oneRun')}
        </p>
      )}
      <section className="card">
        <h3>{t('trends.colorTitle')}</h3>
        <StackedColumns
          height={220}
          columns={trend.map((row) => ({
            id: row.id as string,
            label: row.asOf as string,
            counts: row as Record<string, number>,
          }))}
          series={colors.map((c) => ({ key: c, label: label(c), fill: hex[c] ?? '#9e9e9e' }))}
        />
        <table className="grid" data-testid="trend-colors">
          <thead>
            <tr>
              <th>{t('trends.asOf')}</th>
              <th className="num">{t('trends.accounts')}</th>
              {colors.map((c) => (
                <th key={c} className="num">
                  {label(c)}
                </th>
              ))}
              <th className="num">{tr('colors.none')}</th>
              <th>{t('trends.model')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((row, i) => (
              <tr key={row.id as string} data-asof={row.asOf}>
                <td>{row.asOf}</td>
                <td className="num">{formatCount(row.total as number, lang)}</td>
                {colors.map((c) => (
                  <td key={c} className="num" data-testid={`trend-${row.asOf}-${c}`}>
                    {formatCount((row[c] as number) ?? 0, lang)}{' '}
                    <span className="hint">
                      ({pct((row[c] as number) ?? 0, row.total as number)})
                    </span>
                  </td>
                ))}
                <td className="num">{formatCount(row.none as number, lang)}</td>
                <td>
                  <code>{(runs[i].fingerprint ?? '').slice(0, 8) || '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MrrShare project={project} runs={runs} colors={colors} />
      </section>
      <section className="card">
        <h3>{t('trends.funnelTitle')}</h3>
        <RunsTable
          testid="trend-funnel"
          asOfLabel={t('trends.asOf')}
          runs={runs}
          keys={stages}
          header={(s) =>
            s
              ? (project.journey.stages.find((x) => x.id === s)?.label ?? s)
              : tr('dash.unknownStage')
          }
          count={stageCount}
          lang={i18n.language}
        />
        <h3>{t('trends.ctaTitle')}</h3>
        <RunsTable
          testid="trend-ctas"
          asOfLabel={t('trends.asOf')}
          runs={runs}
          keys={types}
          header={(x) => tr(`ctaTypes.${x}`)}
          count={ctaCount}
          lang={i18n.language}
        />
      </section>
      <section className="card" data-testid="migration">
        <h3>{t('migration.title')}</h3>
        <div className="toolbar">
          <label className="inline">
            {t('migration.from')}
            <select
              data-testid="migration-a"
              value={a}
              onChange={(e) => (setA(e.target.value), setCell(null))}
            >
              {stored.map((r) => (
                <option key={r.id} value={r.id}>
                  {runLabel(r)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            {t('migration.to')}
            <select
              data-testid="migration-b"
              value={b}
              onChange={(e) => (setB(e.target.value), setCell(null))}
            >
              {stored.map((r) => (
                <option key={r.id} value={r.id}>
                  {runLabel(r)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {shown && (
          <MigrationTable
            matrix={shown}
            label={label}
            cell={cell}
            accounts={cellAccounts}
            onCell={setCell}
            onOpenAccount={onOpenAccount}
            names={names}
            fileName={`migration-${stored.find((r) => r.id === a)?.asOf ?? a}-${stored.find((r) => r.id === b)?.asOf ?? b}`}
          />
        )}
        {a && b && shown && (
          <ChangesList a={a} b={b} project={project} onOpenAccount={onOpenAccount} />
        )}
      </section>
      <section className="card" data-testid="history-storage">
        <h3>{t('storage.title')}</h3>
        <p>
          {measured
            ? t(measured.keysShared ? 'storage.measuredShared' : 'storage.measured', {
                runs: stored.length,
                bytes: measured.total.toFixed(1),
                columns: measured.columns.toFixed(1),
                keys: measured.keys.toFixed(1),
              })
            : t('storage.summary', {
                runs: stored.length,
                bytes: latest ? runBytesPerAccount(latest).toFixed(0) : '—',
              })}
        </p>
        {supersededBy.size > 0 && (
          <p className="warning-box" data-testid="runs-superseded-note">
            {t('storage.supersededNote', { count: supersededBy.size })}
          </p>
        )}
        <Button data-testid="thin-monthly" onClick={() => setThin(thinMonthly(stored))}>
          {t('storage.thin')}
        </Button>
        <table className="grid" data-testid="run-list">
          <tbody>
            {stored.map((r) => (
              <tr
                key={r.id}
                data-asof={r.asOf}
                className={supersededBy.has(r) ? 'superseded' : undefined}
              >
                <td>{r.asOf}</td>
                <td>{formatDateTime(r.createdAt, lang)}</td>
                <td className="num">{formatCount(r.rowCount, lang)}</td>
                <td>
                  {runHeader(r).datasetName ?? ''}
                  {r.imported && (
                    <span
                      className="badge"
                      data-testid="run-imported"
                      title={t('transfer.importedNote', { dataset: r.imported.dataset })}
                    >
                      {' '}
                      {t('transfer.importedBadge')}
                    </span>
                  )}
                  {supersededBy.has(r) && (
                    <span
                      className="run-superseded"
                      data-testid="run-superseded"
                      title={t('storage.supersededTitle')}
                    >
                      {t('storage.superseded', {
                        date: formatDateTime(supersededBy.get(r)!.createdAt, lang),
                      })}
                    </span>
                  )}
                </td>
                <td>
                  <Button data-testid="run-delete" onClick={() => setDrop(r)}>
                    {t('storage.delete')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ConfirmDialog
        open={!!thin}
        testId="thin-confirm"
        title={t('storage.thinTitle')}
        confirmLabel={t('storage.thinConfirm', { count: thin?.length ?? 0 })}
        canConfirm={!!thin?.length}
        danger
        onCancel={() => setThin(null)}
        onConfirm={() => {
          const ids = (thin ?? []).map((r) => r.id);
          setThin(null);
          void resultsStore.deleteRuns(ids);
        }}
      >
        {thin?.length
          ? t('storage.thinBody', { runs: thin.map((r) => r.asOf).join(', ') })
          : t('storage.thinNothing')}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!drop}
        title={t('storage.deleteTitle', { asOf: drop?.asOf ?? '' })}
        confirmLabel={t('storage.delete')}
        danger
        onCancel={() => setDrop(null)}
        onConfirm={() => {
          const id = drop!.id;
          setDrop(null);
          void resultsStore.deleteRuns([id]);
        }}
      />
    </div>
  );
}
