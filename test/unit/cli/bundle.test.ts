import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildBundle,
  bundleIsFresh,
  heavyEnv,
  ROOT,
  sourcesNote,
  // @ts-expect-error: a plain .mjs script of bin/, without types
} from '../../../bin/cli-bundle.mjs';
import en from '../../../src/i18n/en/cli';
import ja from '../../../src/i18n/ja/cli';

const fresh = bundleIsFresh as (bundle: string, root: string) => boolean;

describe('bin/waymark.mjs runs the bundle only while it is up to date', () => {
  const root = mkdtempSync(join(tmpdir(), 'wm-bundle-'));
  const bundle = join(root, 'dist-cli', 'waymark.mjs');
  const worker = join(root, 'dist-cli', 'scoreWorker.mjs');
  const src = join(root, 'src', 'a.ts');
  const at = (f: string, s: number) => utimesSync(f, s, s);
  const setup = () => {
    rmSync(join(root, 'dist-cli'), { recursive: true, force: true });
    mkdirSync(join(root, 'dist-cli'), { recursive: true });
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(src, 'export {}');
    writeFileSync(bundle, '// bundle');
    writeFileSync(worker, '// worker');
    writeFileSync(join(root, 'dist-cli', 'inputs.json'), JSON.stringify(['src/a.ts']));
    at(src, 1000);
    at(bundle, 2000);
    at(worker, 2000);
  };

  it('fresh when every input is older than the bundle', () => {
    setup();
    expect(fresh(bundle, root)).toBe(true);
  });
  it('stale when a source was edited after the build', () => {
    setup();
    at(src, 3000);
    expect(fresh(bundle, root)).toBe(false);
  });
  it('stale when an input is gone, or the inputs list or the bundle is missing', () => {
    setup();
    rmSync(src);
    expect(fresh(bundle, root)).toBe(false);
    setup();
    rmSync(join(root, 'dist-cli', 'inputs.json'));
    expect(fresh(bundle, root)).toBe(false);
    setup();
    rmSync(bundle);
    expect(fresh(bundle, root)).toBe(false);
    // `--threads N` loads the worker bundle from beside the CLI's.
    setup();
    rmSync(worker);
    expect(fresh(bundle, root)).toBe(false);
  });
});

describe('running from the sources says so, once, where a person reads it', () => {
  const note = sourcesNote as (o: { fresh: boolean; forced: boolean; tty: boolean }) => boolean;
  it.each([
    // fresh, forced (WAYMARK_CLI_SOURCES=1), stderr a terminal → one line on stderr
    [false, false, true, true],
    [true, false, true, false],
    [false, true, true, false],
    [false, false, false, false],
  ])('fresh %s, forced %s, tty %s → note %s', (fresh, forced, tty, want) => {
    expect(note({ fresh, forced, tty })).toBe(want);
  });
  it('the note is one line in both languages and names the rebuild command', () => {
    for (const s of [en.note.sources, ja.note.sources]) {
      expect(s).not.toContain('\n');
      expect(s).toContain('npm run build:cli');
      expect(s).toContain('WAYMARK_CLI_SOURCES=1');
    }
  });
  it('a piped stderr (scripts, tests) stays empty even when the bundle is stale', () => {
    const r = spawnSync(process.execPath, [join(ROOT as string, 'bin', 'waymark.mjs'), '--help'], {
      encoding: 'utf8',
      env: { ...process.env, WAYMARK_CLI_SOURCES: '' },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('heavy commands run with huge pages for malloc (fewer page faults in big imports)', () => {
  const env = heavyEnv as (e: Record<string, string | undefined>) => Record<string, string>;
  it('adds glibc.malloc.hugetlb=1, after tunables the user set', () => {
    expect(env({}).GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=1');
    expect(env({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2', X: '1' })).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
      X: '1',
    });
  });
  it("leaves the user's own hugetlb setting as it is", () => {
    for (const t of ['glibc.malloc.hugetlb=0', 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2'])
      expect(env({ GLIBC_TUNABLES: t }).GLIBC_TUNABLES).toBe(t);
  });
  it('bin/waymark.mjs re-runs score with it, and the light commands without', () => {
    // A module every node process of the launcher loads (the child inherits execArgv) prints
    // its environment's tunables and whether it runs with the larger young generation.
    const probe =
      'data:text/javascript,' +
      encodeURIComponent(
        'process.stderr.write("probe " + (process.env.GLIBC_TUNABLES || "-") + " " +' +
          ' process.execArgv.some((a) => a.startsWith("--max-semi-space-size")) + "\\n")',
      );
    const lines = (cmd: string) =>
      spawnSync(
        process.execPath,
        ['--import', probe, join(ROOT as string, 'bin', 'waymark.mjs'), cmd, '--help'],
        { encoding: 'utf8', env: { ...process.env, GLIBC_TUNABLES: '', WAYMARK_CLI_SOURCES: '' } },
      ).stderr.match(/^probe .*$/gm);
    expect(lines('score')).toEqual(['probe - false', 'probe glibc.malloc.hugetlb=1 true']);
    expect(lines('validate')).toEqual(['probe - false']);
  });
});

describe('the bundle scores with worker threads from its own folder', () => {
  it('--threads 2 from a fresh build gives the --threads 1 output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-bundle-threads-'));
    const bundle = join(dir, 'dist-cli', 'waymark.mjs');
    await (buildBundle as (b: string, r: string) => Promise<unknown>)(bundle, ROOT as string);
    const data = join(dir, 'a.csv');
    const rows = Array.from({ length: 300 }, (_, i) => `A${i},Co ${i},${1000 + i}`);
    writeFileSync(data, ['account_id,company_name,mrr', ...rows].join('\n') + '\n');
    const runner = join(dir, 'run.mjs');
    writeFileSync(
      runner,
      `const { main } = await import(${JSON.stringify('file://' + bundle)});\n` +
        `process.exitCode = await main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), stdoutStream: process.stdout, cwd: process.cwd() });\n`,
    );
    const score = (threads: string) =>
      spawnSync(
        process.execPath,
        [
          runner,
          'score',
          join(ROOT as string, 'templates', 'demo.json'),
          data,
          '--as-of',
          '2026-11-23',
          '--threads',
          threads,
          '--chunk-rows',
          '7',
        ],
        { encoding: 'utf8', env: { ...process.env, LANG: 'C' } },
      );
    const one = score('1');
    const two = score('2');
    rmSync(dir, { recursive: true, force: true });
    expect(two.stderr).toBe(one.stderr);
    expect(two.status).toBe(0);
    expect(one.stdout.split('\n').length).toBe(302);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);
});
