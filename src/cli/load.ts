/** Loading a playbook (or project) file and an account data file for a command, reporting problems on stderr. */
import { basename } from 'node:path';
import type { Playbook } from '../model';
import { compilePlaybook, scoreTable, type CompiledPlaybook, type ScoreResult } from '../engine';
import {
  importAccountFile,
  ImportError,
  type BadRowPolicy,
  type ImportLimits,
  type ImportReport,
} from '../data';
import { isoToDays, type AccountTable } from '../table/columns';
import type { CliIO } from './types';
import { openInput, readInput } from './io';
import { importAccountBlocks } from '../data/importStream';
import { cliLanguage, t } from './messages';
import { MAX_PRINTED, loadPlaybook, reportCompileIssues } from './loadPlaybook';
import { UsageError } from './args';
import { withActivity } from '../engine';
import type { ActivityData } from '../table/activity';
import { loadActivityFiles, type ActivityArg } from './activity';
import { formatImportIssue } from './importIssue';
import { localTimeZone } from '../util/localDate';
import { missingFieldEffects } from '../playbook/missingFields';

export { MAX_PRINTED, loadPlaybook, reportCompileIssues };

export function checkAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(isoToDays(value))) throw new UsageError(t('error.badAsOf', { value }));
  return value;
}

export function compileOrReport(
  io: CliIO,
  file: string,
  pb: Playbook,
  asOf: string | undefined,
): CompiledPlaybook | null {
  const c = compilePlaybook(pb, asOf !== undefined ? { asOf } : {});
  if (!c.ok) {
    reportCompileIssues(io, file, c.issues);
    return null;
  }
  if (c.compiled.asOf === undefined) {
    // A morning run scores as of today; say so, since the date is an input of the result.
    const today = localToday();
    io.stderr(t('error.asOfToday', { date: today, zone: localTimeZone() }) + '\n');
    const again = compilePlaybook(pb, { asOf: today });
    return again.ok ? again.compiled : null;
  }
  return c.compiled;
}

/** Today's calendar date where the command runs, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function parseBadRows(v: string | undefined): BadRowPolicy | undefined {
  if (v === undefined) return undefined;
  if (v !== 'skip' && v !== 'blank') throw new UsageError(t('usage.badRows', { value: v }));
  return v;
}

/**
 * Import limits from WAYMARK_IMPORT_LIMITS (JSON, e.g. {"maxRowBytes": 1000}): lets an operator
 * raise or lower them, and the bad-input corpus check the refusals on small files.
 */
export function importLimits(
  env: Record<string, string | undefined> = process.env,
): Partial<ImportLimits> | undefined {
  const v = env.WAYMARK_IMPORT_LIMITS;
  if (!v) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new UsageError(t('usage.badLimits', { value: v }));
  }
  const out: Partial<ImportLimits> = {};
  for (const k of ['maxFileBytes', 'maxRowBytes', 'maxJsonDepth'] as const) {
    const n = (parsed as Record<string, unknown> | null)?.[k];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !(n > 0)) throw new UsageError(t('usage.badLimits', { value: v }));
    out[k] = n;
  }
  return out;
}

/**
 * Import account data with the same code as the app. Errors (bad cells, duplicate keys, a
 * required field without a column) stop the command with exit 1 unless --bad-rows says how to
 * carry on; warnings are printed and do not stop it.
 */
export async function loadData(
  io: CliIO,
  file: string,
  pb: Playbook,
  badRows: BadRowPolicy | undefined,
  sheet?: string,
  rowNumbers?: boolean,
): Promise<{ table: AccountTable; report: ImportReport } | null> {
  const limits = importLimits();
  const opts = {
    badRows: badRows ?? 'skip',
    maxIssues: MAX_PRINTED,
    limits,
    ...(sheet !== undefined ? { sheet } : {}),
    ...(rowNumbers ? { rowNumbers } : {}),
  } as const;
  // A regular file is read a block at a time into one reused buffer (the same table and report
  // as reading it whole, without holding it: importAccountBlocks); anything else whole.
  const input = openInput(io, file);
  const bytes = input ? null : await readInput(io, file, limits);
  if (!input && !bytes) return null;
  let res: { table: AccountTable; report: ImportReport };
  try {
    res = input
      ? importAccountBlocks(input, basename(file), pb.fields, opts)
      : importAccountFile(bytes!, basename(file), pb.fields, opts);
  } catch (e) {
    if (e instanceof ImportError) {
      io.stderr(formatImportIssue(e.issue) + '\n');
      return null;
    }
    if (input && (e as NodeJS.ErrnoException).code) {
      io.stderr(t('error.readFile', { file, reason: (e as NodeJS.ErrnoException).code! }) + '\n');
      return null;
    }
    throw e;
  } finally {
    input?.close();
  }
  return reportImport(io, file, pb, res.report, badRows) ? res : null;
}

/**
 * Print an import's issues (errors, then warnings marked as such) on stderr; false when they
 * stop the command (an error, or a required field without a column, and no --bad-rows).
 */
export function reportImport(
  io: CliIO,
  file: string,
  pb: Playbook,
  report: ImportReport,
  badRows: BadRowPolicy | undefined,
): boolean {
  let fatal = report.errorCount;
  for (const i of report.issues) {
    const isError = i.severity !== 'warning' || i.code === 'required_unmapped';
    if (i.code === 'required_unmapped') fatal++;
    io.stderr((isError ? '' : t('ok.warning', { message: '' })) + formatImportIssue(i) + '\n');
  }
  const shown = report.issues.length;
  const all = report.errorCount + report.warningCount;
  if (all > shown) io.stderr(t('usage.more', { count: all - shown }) + '\n');
  reportContractGaps(io, pb, report);
  if (fatal > 0 && badRows === undefined) {
    io.stderr(t('error.dataInvalid', { file, count: fatal }) + '\n');
    return false;
  }
  return true;
}

/**
 * The file and the contract never disagree silently: the sheet read, fields with no column (and
 * what that does to the score) and columns no field uses, as warnings on stderr.
 */
function reportContractGaps(io: CliIO, pb: Playbook, report: ImportReport): void {
  const file = report.file;
  const warn = (m: string) => io.stderr(t('ok.warning', { message: m }) + '\n');
  if (report.sheet !== undefined)
    io.stderr(
      t('contract.sheet', { file, sheet: report.sheet, sheets: report.sheets?.join(', ') ?? '' }) +
        '\n',
    );
  // A required field without a column is already an error (required_unmapped).
  const required = new Set(pb.fields.fields.filter((f) => f.required).map((f) => f.id));
  const lang = cliLanguage();
  const effects = missingFieldEffects(
    pb,
    report.missingFields.filter((f) => !required.has(f)),
    lang,
  );
  for (const e of effects.filter((x) => x.effect !== 'none'))
    warn(
      t(e.effect === 'exclude' ? 'contract.missingRescaled' : 'contract.missingZero', {
        file,
        field: e.field,
        label: e.label,
        measures: e.measures.join(', '),
      }),
    );
  const unread = effects.filter((x) => x.effect === 'none');
  if (unread.length)
    warn(
      t('contract.missingUnused', {
        file,
        count: unread.length,
        fields: unread.map((x) => `${x.label} (${x.field})`).join(', '),
      }),
    );
  if (report.unmappedColumns.length)
    warn(
      t('contract.unusedColumns', {
        file,
        count: report.unmappedColumns.length,
        columns: report.unmappedColumns.join(', '),
      }),
    );
}

/**
 * What score, explain and backtest share: read the playbook (or project) and the data and compile
 * as of the date. `check` may refuse the playbook before any data is read (exit 1). Returns null
 * when a problem was already reported on stderr.
 */
export async function loadInputs(
  io: CliIO,
  pbFile: string,
  dataFile: string,
  options: {
    asOf?: string;
    badRows?: string;
    activity?: readonly ActivityArg[];
    sheet?: string;
    rowNumbers?: boolean;
  },
  check?: (pb: Playbook) => boolean,
): Promise<{
  pb: Playbook;
  compiled: CompiledPlaybook;
  table: AccountTable;
  activity?: ActivityData;
  rowNumbers?: number[];
} | null> {
  const asOf = checkAsOf(options.asOf);
  parseBadRows(options.badRows); // a usage error before any file is read
  const pb = await loadPlaybook(io, pbFile);
  if (!pb || (check && !check(pb))) return null;
  const compiled = compileOrReport(io, pbFile, pb, asOf);
  if (!compiled) return null;
  return loadDataFor(io, pb, compiled, dataFile, options);
}

/** The data half of loadInputs, for a playbook already read and compiled. */
export async function loadDataFor(
  io: CliIO,
  pb: Playbook,
  compiled: CompiledPlaybook,
  dataFile: string,
  options: {
    badRows?: string;
    activity?: readonly ActivityArg[];
    sheet?: string;
    /** Also return each table row's spreadsheet row number (as the import issues count). */
    rowNumbers?: boolean;
  },
): Promise<{
  pb: Playbook;
  compiled: CompiledPlaybook;
  table: AccountTable;
  activity?: ActivityData;
  rowNumbers?: number[];
} | null> {
  const badRows = parseBadRows(options.badRows);
  const data = await loadData(io, dataFile, pb, badRows, options.sheet, options.rowNumbers);
  if (!data) return null;
  const rowNumbers = data.report.rowNumbers;
  if (!options.activity?.length && !compiled.aggregates.length)
    return { pb, compiled, table: data.table, rowNumbers };
  // Activity: each aggregate becomes a column of the account table (see engine/activity).
  const activity = await loadActivityFiles(
    io,
    pb,
    compiled,
    data.table,
    options.activity ?? [],
    options.badRows,
  );
  if (!activity) return null;
  const table = withActivity(compiled, data.table, activity, compiled.asOf as string);
  return { pb, compiled, table, activity, rowNumbers };
}

/** loadInputs, then score every account at once (explain and backtest need the whole result). */
export async function loadAndScore(
  io: CliIO,
  pbFile: string,
  dataFile: string,
  options: {
    asOf?: string;
    badRows?: string;
    activity?: readonly ActivityArg[];
    sheet?: string;
  },
  check?: (pb: Playbook) => boolean,
): Promise<{
  pb: Playbook;
  compiled: CompiledPlaybook;
  table: AccountTable;
  result: ScoreResult;
  activity?: ActivityData;
} | null> {
  const inputs = await loadInputs(io, pbFile, dataFile, options, check);
  if (!inputs) return null;
  return { ...inputs, result: scoreTable(inputs.compiled, inputs.table) };
}
