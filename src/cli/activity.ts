/**
 * `--activity SOURCE=FILE` (repeatable) for score and explain: reads each file with the app's
 * activity import, reports every row that does not count (file, row, column) and refuses to
 * run when a source the playbook reads was not given — a score must never change silently.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ActivitySource, Playbook } from '../model';
import { missingSources, type CompiledPlaybook } from '../engine';
import { ImportError } from '../data';
import {
  ReadWhole,
  importActivityFile,
  importActivityStream,
  type ActivityAccounts,
  type ActivityImportOptions,
  type ActivityResult,
} from '../data/activity/importActivity';
import { Utf8Error } from '../data/csvBytes';
import { activityMessage, activitySummary } from '../data/activity/messages';
import type { AccountTable } from '../table/columns';
import type { ActivityData } from '../table/activity';
import { UsageError } from './args';
import { readInput } from './io';
import { cliLanguage, t } from './messages';
import { formatImportIssue } from './importIssue';
import type { CliIO } from './types';

export interface ActivityArg {
  source: string;
  file: string;
}

/** Takes every `--activity SOURCE=FILE` (or `--activity=SOURCE=FILE`) out of argv. */
export function extractActivityArgs(argv: readonly string[]): {
  rest: string[];
  activity: ActivityArg[];
} {
  const rest: string[] = [];
  const activity: ActivityArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    let v: string | undefined;
    if (a === '--activity') {
      v = argv[++i];
      if (v === undefined) throw new UsageError(t('usage.needsValue', { name: 'activity' }));
    } else if (a.startsWith('--activity=')) v = a.slice('--activity='.length);
    else {
      rest.push(a);
      continue;
    }
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(t('usage.badActivity', { value: v }));
    const source = v.slice(0, eq);
    if (activity.some((x) => x.source === source))
      throw new UsageError(t('usage.activityTwice', { source }));
    activity.push({ source, file: v.slice(eq + 1) });
  }
  return { rest, activity };
}

/**
 * Load the activity files for a run. Null (after printing why) when a file is unreadable, a
 * source is unknown or missing, or rows have errors and `badRows` is not set.
 */
export async function loadActivityFiles(
  io: CliIO,
  pb: Playbook,
  compiled: CompiledPlaybook,
  accounts: AccountTable,
  args: readonly ActivityArg[],
  badRows: string | undefined,
): Promise<ActivityData | null> {
  const lang = cliLanguage();
  const declared = pb.activity ?? [];
  let ok = true;
  for (const a of args)
    if (!declared.some((s) => s.id === a.source)) {
      io.stderr(
        activityMessage(
          {
            code: 'activity_unknown_source',
            file: a.file,
            params: {
              source: a.source,
              sources: declared.map((s) => s.id).join(', ') || '—',
            },
          },
          lang,
        ) + '\n',
      );
      ok = false;
    }
  const given = Object.fromEntries(args.map((a) => [a.source, true]));
  for (const s of missingSources(compiled, given as unknown as ActivityData)) {
    io.stderr(
      activityMessage({ code: 'activity_source_absent', file: '', params: { source: s } }, lang) +
        '\n',
    );
    ok = false;
  }
  if (!ok) return null;
  const data: ActivityData = {};
  for (const a of args) {
    const source = declared.find((s) => s.id === a.source)!;
    const name = basename(a.file);
    const accs = { table: accounts, contract: pb.fields };
    const opts = {
      asOf: compiled.asOf as string,
      ...(pb.timeZone ? { timeZone: pb.timeZone } : {}),
      maxIssues: 50,
    };
    try {
      // Streamed in blocks (any size; a 50M-row log never sits in memory as bytes), else
      // (unreadable here, invalid UTF-8 past the head) read whole, which says what is wrong.
      let result = await streamFile(resolve(io.cwd, a.file), name, source, accs, opts);
      if (!result) {
        const bytes = await readInput(io, a.file);
        if (!bytes) return null;
        result = importActivityFile(bytes, name, source, accs, opts);
      }
      const { table, report } = result;
      for (const i of report.issues)
        io.stderr(
          (i.severity === 'warning' ? t('ok.warning', { message: '' }) : '') +
            activityMessage(i, lang) +
            '\n',
        );
      if (report.issueCount > report.issues.length)
        io.stderr(t('usage.more', { count: report.issueCount - report.issues.length }) + '\n');
      io.stderr(
        activitySummary(
          {
            file: name,
            source: source.id,
            rows: report.rows,
            kept: report.kept,
            unknownAccount: report.unknownAccount,
            ambiguousAccount: report.ambiguousAccount,
            badTime: report.badTime,
            future: report.future,
            badValues: report.badValues,
          },
          lang,
        ) + '\n',
      );
      const errors = report.badTime + report.badValues;
      if (errors > 0 && badRows === undefined) {
        io.stderr(t('error.activityStopped', { file: name, count: errors }) + '\n');
        return null;
      }
      data[source.id] = table;
    } catch (e) {
      if (e instanceof ImportError) {
        const p = e.issue.params;
        // Missing columns / name field: said in the user's language.
        const code =
          p.columns !== undefined
            ? ('activity_missing_column' as const)
            : e.issue.code === 'key_unmapped' && p.source !== undefined
              ? ('activity_no_name_field' as const)
              : null;
        io.stderr(
          (code
            ? activityMessage({ code, file: name, params: p }, lang)
            : formatImportIssue(e.issue, lang)) + '\n',
        );
        return null;
      }
      throw e;
    }
  }
  return data;
}

/** The file through the streaming reader; null when it must be read whole instead. */
async function streamFile(
  path: string,
  name: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions,
): Promise<ActivityResult | null> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null; // readInput says why
  }
  const blocks = createReadStream(path, { highWaterMark: 4 << 20 });
  try {
    return await importActivityStream(blocks, size, name, source, accounts, opts);
  } catch (e) {
    if (e instanceof Utf8Error || e instanceof ReadWhole) return null;
    throw e;
  } finally {
    blocks.destroy();
  }
}
