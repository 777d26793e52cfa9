/**
 * The scoring engine: compile a playbook once, score account tables held column-wise, explain
 * any account, summarise, trend against a previous run, backtest against outcomes.
 * Pure TypeScript: no DOM, no React (runs in a Worker, the CLI and tests alike).
 *
 *   const c = compilePlaybook(pb, { asOf: '2026-11-23' });
 *   if (!c.ok) show(c.issues);            // DocIssue[] with JSON paths
 *   const r = scoreTable(c.compiled, table);           // ScoreResult (typed arrays)
 *   explainAccount(c.compiled, table, r, row);         // per-account object
 *   summarise(r); trend(r, previous); backtest(r, table, 'outcome');
 *
 * Same input → byte-identical output: no clock reads (asOf must be given), stable ordering.
 */
export * from './types';
export type { CompiledPlaybook } from './compile';
export { compilePlaybook } from './compile';
export { scoreTable } from './score';
export { accountIdsOf } from '../table/accountIds';
export { scoreChunks, CHUNK_ROWS } from './scoreChunks';
export { explainAccount, contributionsOf } from './explain';
export { summarise } from './summarise';
export { ctaOwner } from './ctaOwner';
export { stageKpis } from './kpis';
export { stageFunnel, type FunnelRow } from './funnel';
export { trend } from './trend';
export { backtest } from './backtest';
export { resultRows, type ResultRow } from './export';
export {
  scoreColumns,
  scoreSheet,
  scoresCsvChunks,
  type SheetCell,
  type SheetLabels,
} from './exportSheet';
export { nextColour, type Lever, type LeverTarget, type NextColour } from './levers';
export {
  resultToCsv,
  resultToJson,
  resultToNdjson,
  resultWriter,
  type ResultFormat,
  type ResultWriter,
} from './resultWriter';
export { readPlaybookDocument, type PlaybookReadResult } from './readPlaybook';
export {
  playbookToSql,
  playbookSqlNames,
  SQL_COLUMNS,
  type SqlCompileOptions,
} from './sql/playbookSql';
export { historyInsertSql, historyColumns } from './sql/historySql';
export { sqlIssues, SqlUnsafeError, type SqlIssue, type SqlIssueCode } from './sql/sqlSafety';
export type { SqlOutputNames } from './sql/names';
export {
  withActivity,
  addAggregates,
  missingSources,
  usedSources,
  ActivityMissingError,
} from './activity/run';
export { aggregateColumn, windowDays } from './activity/aggregate';
export { explainActivity, type ActivityExplanation } from './activity/explain';
export type { ActivityTable, ActivityData } from '../table/activity';
export {
  predictiveBacktest,
  outcomeValueCounts,
  MIN_EVENTS,
  type Predictions,
  type Outcomes,
  type OutcomeLabels,
  type PredictiveBacktestResult,
  type Rate,
  type Verdict,
} from './predictive';
export { wilson, aucWithInterval, type AucInterval, type Interval } from './stats';
export {
  migrationMatrix,
  migratedAccounts,
  type MigrationMatrix,
  type ColoredRun,
} from './migration';
export * from './stageLive';
export { accountTimeline, type SourceTimeline } from './activity/timeline';
export * from './stageHistory';
