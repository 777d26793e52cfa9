import type { CliRunner } from '../types';
import { parseArgs, UsageError } from '../args';
import { checkAsOf, compileOrReport, loadPlaybook } from '../load';
import { writeOutput } from '../io';
import { t } from '../messages';
import { historyInsertSql, playbookToSql, sqlIssues } from '../../engine';

export const sqlCommand: CliRunner = {
  async run(argv, io) {
    const a = parseArgs(argv, ['dialect', 'table', 'as-of', 'out', 'history-table']);
    if (a.positionals.length !== 1) throw new UsageError(t('usage.onePlaybook'));
    const dialect = a.options.dialect;
    if (dialect === undefined)
      throw new UsageError(t('usage.required', { option: '--dialect duckdb|postgres' }));
    if (dialect !== 'duckdb' && dialect !== 'postgres')
      throw new UsageError(t('error.badDialect', { value: dialect }));
    const table = a.options.table ?? 'accounts';
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table))
      throw new UsageError(t('usage.badTable', { value: table }));
    const historyTable = a.options['history-table'];
    if (
      historyTable !== undefined &&
      !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(historyTable)
    )
      throw new UsageError(t('usage.badTable', { value: historyTable }));
    const asOf = checkAsOf(a.options['as-of']);
    const pb = await loadPlaybook(io, a.positionals[0]);
    if (!pb) return 1;
    const compiled = compileOrReport(io, a.positionals[0], pb, asOf);
    if (!compiled) return 1;
    // What no SQL literal can carry, or what one column would answer for two fields: refuse
    // with the JSON path rather than write a query that means something else.
    const issues = sqlIssues(compiled, dialect);
    if (issues.length) {
      for (const i of issues)
        io.stderr(
          t('error.issue', {
            file: a.positionals[0],
            path: i.path,
            message: t(`sqlIssue.${i.code}`, i.params),
          }) + '\n',
        );
      io.stderr(
        t('sqlIssue.refused', {
          file: a.positionals[0],
          count: issues.length,
          dialect: dialect === 'duckdb' ? 'DuckDB' : 'PostgreSQL',
        }) + '\n',
      );
      return 1;
    }
    const sql =
      historyTable !== undefined
        ? historyInsertSql(compiled, { dialect, table, historyTable })
        : playbookToSql(compiled, { dialect, table });
    return writeOutput(io, a.options.out, sql + '\n');
  },
};
