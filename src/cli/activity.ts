/**
 * `--activity SOURCE=FILE` (repeatable) for score and explain: reads each file with the app's
 * activity import, reports every row that does not count (file, row, column) and refuses to
 * run when a source the playbook reads was not given — a score must never change silently.
 *
 * A source may be given several files (`--activity logins=jan.csv --activity logins=feb.csv`,
 * or a directory, or a `*`/`?` pattern in the file name: the matching files in name order):
 * each is read and reported on its own, then their events are merged as if the files were one
 * file, concatenated in the order given (src/data/activity/union.ts). Two files of one source
 * with the same content are refused; files whose event dates overlap are warned about.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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
import type { ActivityData, ActivityTable } from '../table/activity';
import { dateSpan, spansOverlap, unionActivity } from '../data/activity/union';
import { contentHash } from '../data/activity/contentHash';
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
    // Repeatable for one source: its files are read in the order given (see loadActivityFiles).
    activity.push({ source: v.slice(0, eq), file: v.slice(eq + 1) });
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
  // Each source's files, in the order given (a directory or pattern: its files in name order).
  const groups = new Map<string, string[]>();
  for (const a of args) {
    const files = await expandFiles(io.cwd, a.file);
    if (files.length === 0) {
      io.stderr(
        activityMessage(
          {
            code: 'activity_no_files',
            file: a.file,
            params: { source: a.source, pattern: a.file },
          },
          lang,
        ) + '\n',
      );
      return null;
    }
    groups.set(a.source, [...(groups.get(a.source) ?? []), ...files]);
  }
  const data: ActivityData = {};
  for (const [id, files] of groups) {
    const source = declared.find((s) => s.id === id)!;
    if (files.length > 1 && !(await distinctContents(io, source.id, files))) return null;
    const tables: ActivityTable[] = [];
    for (const file of files) {
      const table = await loadOne(io, pb, compiled, accounts, source, file, badRows);
      if (!table) return null;
      tables.push(table);
    }
    const names = files.map((f) => basename(f));
    if (tables.length > 1) {
      warnOverlaps(io, source.id, names, tables);
      data[source.id] = unionActivity(tables, accounts.rowCount, names);
    } else data[source.id] = tables[0];
  }
  return data;
}

const ACTIVITY_EXT = /\.(csv|tsv|txt|tab|json|ndjson|jsonl)$/i;

/**
 * `FILE` as given; a directory: its activity files; a name with `*` or `?`: the files of its
 * directory matching it. Both in name order (code units, so the same on every machine).
 */
export async function expandFiles(cwd: string, arg: string): Promise<string[]> {
  const path = resolve(cwd, arg);
  const list = async (dir: string, keep: (name: string) => boolean) => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const n of names.filter(keep).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) {
      const st = await stat(join(dir, n)).catch(() => null);
      if (st?.isFile()) out.push(join(dir, n));
    }
    return out;
  };
  const base = basename(path);
  if (/[*?]/.test(base)) {
    const re = new RegExp(
      '^' +
        base
          .split('')
          .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
          .join('') +
        '$',
    );
    return list(dirname(path), (n) => re.test(n));
  }
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory()) return list(path, (n) => ACTIVITY_EXT.test(n));
  return [arg]; // a file (or what readInput will say is missing)
}

/** False (after saying which) when two files of a source have the same content. */
async function distinctContents(io: CliIO, source: string, files: string[]): Promise<boolean> {
  const lang = cliLanguage();
  const sizes = await Promise.all(
    files.map((f) =>
      stat(resolve(io.cwd, f)).then(
        (s) => s.size,
        () => -1,
      ),
    ),
  );
  const seen = new Map<string, number>();
  for (let k = 0; k < files.length; k++) {
    // Only files whose size another file shares are read for their hash.
    if (sizes[k] < 0 || sizes.filter((x) => x === sizes[k]).length < 2) continue;
    const stream = createReadStream(resolve(io.cwd, files[k]), { highWaterMark: 4 << 20 });
    let h: string;
    try {
      h = await contentHash(stream as AsyncIterable<Uint8Array>);
    } catch {
      continue; // unreadable: the import says why
    } finally {
      stream.destroy();
    }
    const j = seen.get(h);
    if (j !== undefined) {
      io.stderr(
        activityMessage(
          {
            code: 'activity_same_file',
            file: files[k],
            params: { source, other: files[j] },
          },
          lang,
        ) + '\n',
      );
      return false;
    }
    seen.set(h, k);
  }
  return true;
}

/** A warning for each pair of files whose event dates overlap (not an error: logs may). */
function warnOverlaps(io: CliIO, source: string, names: string[], tables: ActivityTable[]) {
  const lang = cliLanguage();
  const spans = tables.map(dateSpan);
  for (let k = 1; k < tables.length; k++)
    for (let j = 0; j < k; j++) {
      const a = spans[k],
        b = spans[j];
      if (!a || !b || !spansOverlap(a, b)) continue;
      io.stderr(
        t('ok.warning', { message: '' }) +
          activityMessage(
            {
              code: 'activity_overlap',
              file: names[k],
              params: {
                source,
                from: a.from,
                to: a.to,
                other: names[j],
                otherFrom: b.from,
                otherTo: b.to,
              },
            },
            lang,
          ) +
          '\n',
      );
    }
}

/** One file of a source, read and reported; null (after saying why) when it cannot count. */
async function loadOne(
  io: CliIO,
  pb: Playbook,
  compiled: CompiledPlaybook,
  accounts: AccountTable,
  source: ActivitySource,
  file: string,
  badRows: string | undefined,
): Promise<ActivityTable | null> {
  const lang = cliLanguage();
  const name = basename(file);
  const accs = { table: accounts, contract: pb.fields };
  const opts = {
    asOf: compiled.asOf as string,
    ...(pb.timeZone ? { timeZone: pb.timeZone } : {}),
    maxIssues: 50,
  };
  try {
    // Streamed in blocks (any size; a 50M-row log never sits in memory as bytes), else
    // (unreadable here, invalid UTF-8 past the head) read whole, which says what is wrong.
    let result = await streamFile(resolve(io.cwd, file), name, source, accs, opts);
    if (!result) {
      const bytes = await readInput(io, file);
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
    return table;
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
