/**
 * The bad-input corpus (test/fixtures/bad/, convention in its README): every file X there has
 * X.expected.json saying how it is run and what must be said about it. This module finds the
 * fixtures and runs one through the import / document code and through the CLI, returning what
 * was observed; badCorpus.test.ts compares that with the expectation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { main } from '../main';
import { setCliLanguage } from '../messages';
import { importAccountFile, ImportError, type ImportLimits } from '../../data';
import { compilePlaybook, readPlaybookDocument } from '../../engine';
import { parseProjectText } from '../../store/projectFile';
import { ROOT } from '../../engine/testing/demo';

export const BAD = join(ROOT, 'test', 'fixtures', 'bad');
export const DEMO_PLAYBOOK = 'test/fixtures/playbooks/demo.playbook.json';

/** Where a problem is: any subset is checked. */
export interface Where {
  row?: number;
  column?: number;
  field?: string;
  /** JSON path of a document issue. */
  path?: string;
  line?: number;
}

export interface Expected {
  /** One line: what is wrong with the input. */
  what: string;
  /** How the code (not the CLI) reads it: account data, a playbook, a project file. Other kinds belong to other suites. */
  run: 'import' | 'playbook' | 'project' | string;
  /** The message key: data:issue.<code>, playbook:issue.<code>, or a project import error kind. */
  code: string;
  /** Import only: fatal (the file is refused) or error (rows are refused, in the report). */
  severity?: 'fatal' | 'error';
  where?: Where;
  /** Import only: the playbook whose field contract reads the data (default: the demo playbook). */
  playbook?: string;
  /** Import only: lowered limits (the CLI gets them through WAYMARK_IMPORT_LIMITS). */
  limits?: Partial<ImportLimits>;
  /** The CLI arguments; {file} is the fixture, {playbook} the playbook. Default per kind. */
  cli?: string[];
  /** The CLI's exit code (default 1). */
  exit?: number;
  /** Text the CLI's English stderr must contain, besides the location. */
  stderr?: string[];
}

export interface Fixture {
  /** Path under test/fixtures/bad/, e.g. import/mixed-encoding.csv. */
  name: string;
  file: string;
  expected: Expected | null;
}

/** Every fixture under bad/ (README, tests and expectation files excluded), with its expectation if any. */
const readJson = (p: string): unknown => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    return null;
  }
};

/**
 * A fixture's expectation: `X.expected.json` (this suite's convention); for the areas other
 * suites run, also `<X without extension>.expected.json` (activity/) or a case naming X in the
 * folder's `expected.json` (sql/). Those count as present but are run by their own tests.
 */
function expectationOf(dir: string, name: string): Expected | null {
  // history/: each case is a whole folder, run by src/cli/history tests.
  if (relative(BAD, dir).split(/[\\/]/)[0] === 'history')
    return { run: 'other' } as unknown as Expected;
  const own = readJson(join(dir, `${name}.expected.json`)) as Expected | null;
  if (own) return own;
  const stem = readJson(join(dir, `${name.replace(/\.[^.]+$/, '')}.expected.json`));
  const cases = (readJson(join(dir, 'expected.json')) as { cases?: { file: string }[] } | null)
    ?.cases;
  const listed = cases?.some((c) => c.file === name);
  return stem || listed ? ({ run: 'other' } as unknown as Expected) : null;
}

export function listFixtures(dir = BAD): Fixture[] {
  const out: Fixture[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.expected\.json$|^expected\.json$|\.md$|\.test\.ts$/.test(e)) {
        out.push({ name: relative(dir, p), file: p, expected: expectationOf(d, e) });
      }
    }
  };
  walk(dir);
  return out;
}

/** What the import / document code said about a fixture. */
export interface Observed {
  code: string;
  severity?: string;
  where: Where;
  /** Every issue seen (code and place), for the failure message. */
  all: string[];
}

const pick = (w: Where & Record<string, unknown>): Where => {
  const out: Where = {};
  for (const k of ['row', 'column', 'field', 'path', 'line'] as const)
    if (w[k] !== undefined && w[k] !== '') (out as Record<string, unknown>)[k] = w[k];
  return out;
};

function playbookOf(exp: Expected) {
  const r = readPlaybookDocument(readFileSync(join(ROOT, exp.playbook ?? DEMO_PLAYBOOK)));
  if (!r.ok)
    throw new Error(`corpus: the playbook of a fixture is invalid: ${r.issues[0].message}`);
  return r.playbook;
}

/** Run the fixture through the code the app uses; the issue matching the expected code (or the first). */
export function runCode(f: Fixture, csvPath: 'bytes' | 'string' = 'bytes'): Observed {
  const exp = f.expected!;
  const bytes = new Uint8Array(readFileSync(f.file));
  const found: Observed[] = [];
  if (exp.run === 'import') {
    try {
      const { report } = importAccountFile(bytes, basename(f.file), playbookOf(exp).fields, {
        limits: exp.limits,
        csvPath,
      });
      for (const i of report.issues)
        found.push({
          code: i.code,
          severity: i.severity,
          where: pick({
            row: i.row,
            column: i.column,
            field: i.field,
            line: i.params.line as number,
          }),
          all: [],
        });
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      const i = e.issue;
      found.push({
        code: i.code,
        severity: i.severity,
        where: pick({
          row: i.row,
          column: i.column,
          field: i.field,
          line: i.params.line as number,
        }),
        all: [],
      });
    }
  } else if (exp.run === 'playbook') {
    const r = readPlaybookDocument(bytes);
    const c = r.ok ? compilePlaybook(r.playbook) : null;
    const issues = !r.ok ? r.issues : c && !c.ok ? c.issues : [];
    for (const i of issues as { path: string; code?: string; params?: Record<string, unknown> }[])
      found.push({
        code: i.code ?? 'expression',
        where: pick({ path: i.path, ...lineOf(i.params) }),
        all: [],
      });
  } else if (exp.run === 'project') {
    const r = parseProjectText(new TextDecoder().decode(bytes));
    if (!r.ok) {
      const e = r.error;
      if (e.kind === 'invalid')
        for (const i of e.issues) found.push({ code: e.kind, where: { path: i.path }, all: [] });
      else if (e.kind === 'json')
        found.push({ code: e.kind, where: { line: e.line, column: e.column }, all: [] });
      else found.push({ code: e.kind, where: {}, all: [] });
    }
  }
  const all = found.map((o) => `${o.code} ${JSON.stringify(o.where)}`);
  const hit =
    found.find((o) => o.code === exp.code && matches(o.where, exp.where)) ??
    found.find((o) => o.code === exp.code) ??
    found[0];
  return hit ? { ...hit, all } : { code: '(accepted)', where: {}, all };
}

const lineOf = (p: Record<string, unknown> | undefined) =>
  p && typeof p.line === 'number' ? { line: p.line } : {};

/** Does `got` hold every key of `want` with the same value? */
export function matches(got: Where, want: Where | undefined): boolean {
  if (!want) return true;
  return Object.entries(want).every(([k, v]) => (got as Record<string, unknown>)[k] === v);
}

export interface CliRun {
  exit: number;
  stderr: string;
  stdout: string;
}

/** Run the fixture through the CLI in-process (main), in a language. */
export async function runCli(f: Fixture, lang: 'en' | 'ja'): Promise<CliRun> {
  const exp = f.expected!;
  const file = relative(ROOT, f.file);
  const defaults: Record<string, string[]> = {
    import: ['score', '{playbook}', '{file}', '--as-of', '2026-01-01'],
    playbook: ['validate', '{file}'],
    project: ['validate', '{file}'],
  };
  const argv = (exp.cli ?? defaults[exp.run] ?? []).map((a) =>
    a.replace('{file}', file).replace('{playbook}', exp.playbook ?? DEMO_PLAYBOOK),
  );
  let stdout = '';
  let stderr = '';
  const before = process.env.WAYMARK_IMPORT_LIMITS;
  if (exp.limits) process.env.WAYMARK_IMPORT_LIMITS = JSON.stringify(exp.limits);
  setCliLanguage(lang);
  try {
    const exit = await main(argv, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      cwd: ROOT,
    });
    return { exit, stdout, stderr };
  } finally {
    setCliLanguage('en');
    if (before === undefined) delete process.env.WAYMARK_IMPORT_LIMITS;
    else process.env.WAYMARK_IMPORT_LIMITS = before;
  }
}

/** The folder of a fixture (import, playbook, project, sql…), for grouping. */
export const areaOf = (f: Fixture) => dirname(f.name).split(/[\\/]/)[0];
