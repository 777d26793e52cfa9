import type { CliCommand } from '../types';
import { parseArgs, UsageError } from '../args';
import { checkAsOf, loadAndScore, loadData, loadPlaybook, parseBadRows } from '../load';
import { t } from '../messages';
import {
  outcomeValueCounts,
  predictiveBacktest,
  type Predictions,
  type PredictiveBacktestResult,
} from '../../engine';
import type { Playbook } from '../../model';
import { columnOf, type AccountTable } from '../../table/columns';
import { extractActivityArgs } from '../activity';
import { HistoryError, loadHistoryRun } from '../history';
import { formatBacktest } from '../backtestText';

function columnValues(table: AccountTable, field: string): (string | null)[] {
  const col = columnOf(table, field);
  if (!col || col.type !== 'string') return [];
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dict[c]));
}

const list = (v: string | undefined) =>
  v === undefined
    ? []
    : v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

export const backtestCommand: CliCommand = {
  name: 'backtest',
  get summary() {
    return t('commands.backtest.summary');
  },
  get usage() {
    return t('commands.backtest.usage');
  },
  async run(argv, io) {
    const act = extractActivityArgs(argv);
    const a = parseArgs(act.rest, [
      'outcome',
      'as-of',
      'bad-rows',
      'history',
      'outcomes',
      'churn',
      'expansion',
      'format',
      'observed-at',
    ]);
    const field = a.options.outcome;
    if (field === undefined)
      throw new UsageError(t('usage.required', { option: '--outcome FIELD' }));
    const format = a.options.format ?? 'text';
    if (format !== 'text' && format !== 'json')
      throw new UsageError(t('history.badFormat', { value: format }));
    const timeSplit = a.options.history !== undefined;
    if (timeSplit ? a.positionals.length !== 1 : a.positionals.length !== 2)
      throw new UsageError(timeSplit ? t('history.usageBacktest') : t('usage.playbookAndData'));
    const churn = list(a.options.churn);
    const expansion = list(a.options.expansion);
    const checkField = (pb: Playbook) => {
      const f = pb.fields.fields.find((x) => x.id === field);
      if (!f) {
        io.stderr(
          t('error.unknownOutcome', {
            field,
            fields: pb.fields.fields.map((x) => x.id).join(', '),
          }) + '\n',
        );
        return false;
      }
      if (f.type !== 'category' && f.type !== 'string') {
        io.stderr(t('error.outcomeNotCategory', { field }) + '\n');
        return false;
      }
      return true;
    };

    let pred: Predictions;
    let table: AccountTable;
    let pb: Playbook;
    let observedAt: string;
    let outcomesFile: string;
    if (timeSplit) {
      const asOf = checkAsOf(a.options['as-of']);
      if (asOf === undefined)
        throw new UsageError(t('usage.required', { option: '--as-of YYYY-MM-DD' }));
      if (a.options.outcomes === undefined)
        throw new UsageError(t('usage.required', { option: '--outcomes FILE' }));
      outcomesFile = a.options.outcomes;
      observedAt = checkAsOf(a.options['observed-at']) ?? new Date().toISOString().slice(0, 10);
      const loaded = await loadPlaybook(io, a.positionals[0]);
      if (!loaded || !checkField(loaded)) return 1;
      pb = loaded;
      try {
        pred = (await loadHistoryRun(io, a.options.history!, asOf)).run;
      } catch (e) {
        if (e instanceof HistoryError) {
          io.stderr(e.message + '\n');
          return 1;
        }
        throw e;
      }
      const data = await loadData(io, outcomesFile, pb, parseBadRows(a.options['bad-rows']));
      if (!data) return 1;
      table = data.table;
    } else {
      outcomesFile = a.positionals[1];
      const scored = await loadAndScore(
        io,
        a.positionals[0],
        outcomesFile,
        { asOf: a.options['as-of'], badRows: a.options['bad-rows'], activity: act.activity },
        checkField,
      );
      if (!scored) return 1;
      ({ table, pb } = scored);
      pred = scored.result;
      observedAt = pred.asOf;
    }
    if (!columnOf(table, field)) {
      io.stderr(t('error.missingColumn', { file: outcomesFile, field }) + '\n');
      return 1;
    }
    const values = columnValues(table, field);
    if (!churn.length && !expansion.length) {
      const seen = outcomeValueCounts(values);
      throw new UsageError(
        t('history.churnValues', {
          field,
          values: seen.values.map((v) => `${v.value} (${v.count})`).join(', '),
        }),
      );
    }
    const keys = columnValues(table, pb.fields.accountKey).map((k) => k ?? '');
    const bt: PredictiveBacktestResult = predictiveBacktest(
      pred,
      { keys, values, observedAt },
      { field, churn, expansion },
    );
    if (timeSplit && bt.join.duplicateOutcomeKeys.length) {
      io.stderr(
        t('history.duplicateOutcomes', {
          file: outcomesFile,
          count: bt.join.duplicateOutcomeKeys.length,
          keys: bt.join.duplicateOutcomeKeys.slice(0, 10).join(', '),
        }) + '\n',
      );
      return 1;
    }
    io.stdout(format === 'json' ? JSON.stringify(bt, null, 2) + '\n' : formatBacktest(bt));
    return 0;
  },
};
