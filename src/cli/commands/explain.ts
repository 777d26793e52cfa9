import type { CliRunner } from '../types';
import { parseArgs, UsageError } from '../args';
import { loadInputs } from '../load';
import { t } from '../messages';
import { explainAccount, explainActivity, scoreTable } from '../../engine';
import { extractActivityArgs } from '../activity';
import { sliceTable } from '../../table/slice';
import { MISSING_BOOL, type AccountTable } from '../../table/columns';

export const explainCommand: CliRunner = {
  async run(argv, io) {
    const act = extractActivityArgs(argv);
    const a = parseArgs(act.rest, ['account', 'as-of', 'bad-rows', 'sheet']);
    if (a.positionals.length !== 2) throw new UsageError(t('usage.playbookAndData'));
    const id = a.options.account;
    if (id === undefined) throw new UsageError(t('usage.required', { option: '--account ID' }));
    const [pbFile, dataFile] = a.positionals;
    const scored = await loadInputs(io, pbFile, dataFile, {
      asOf: a.options['as-of'],
      badRows: a.options['bad-rows'],
      activity: act.activity,
      sheet: a.options.sheet,
      rowNumbers: true,
    });
    if (!scored) return 1;
    const { pb, compiled, table } = scored;
    const row = rowOfAccount(table, pb.fields.accountKey, id);
    if (row < 0) {
      io.stderr(t('error.noAccount', { file: dataFile, key: pb.fields.accountKey, id }) + '\n');
      return 1;
    }
    // Scoring is per account: score just this one (the explanation is the same as in a full run).
    const one = sliceTable(table, row, row + 1);
    const e = explainAccount(compiled, one, scoreTable(compiled, one), 0);
    // Its row as a spreadsheet shows it, numbered as the import issues are (the header is row
    // 1; rows skipped as bad do not shift it), so the two can be read side by side.
    e.row = scored.rowNumbers?.[row] ?? row + 1;
    // Which events each activity aggregate counted (file lines), so its number can be traced.
    const out = compiled.aggregates.length
      ? { ...e, activity: explainActivity(compiled, scored.activity, row, compiled.asOf as string) }
      : e;
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  },
};

/** The first row whose account key reads as `id` (as the score output writes it), or -1. */
function rowOfAccount(table: AccountTable, key: string, id: string): number {
  const col = table.columns[key];
  if (!col) return /^[1-9]\d*$/.test(id) && Number(id) <= table.rowCount ? Number(id) - 1 : -1;
  if (col.type === 'string') {
    const code = col.dict.indexOf(id);
    return code < 0 ? -1 : col.codes.indexOf(code);
  }
  for (let i = 0; i < table.rowCount; i++) {
    const v = col.values[i];
    const s =
      col.type === 'boolean'
        ? v === MISSING_BOOL
          ? ''
          : String(v === 1)
        : Number.isNaN(v)
          ? ''
          : String(v);
    if (s === id) return i;
  }
  return -1;
}
