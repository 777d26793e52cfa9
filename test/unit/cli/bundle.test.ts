import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildBundle,
  bundleIsFresh,
  directWriter,
  endsAtReturn,
  ROOT,
  sourcesNote,
  // @ts-expect-error: a plain .mjs script of bin/, without types
} from '../../../bin/cli-bundle.mjs';
import en from '../../../src/i18n/en/cli';
import ja from '../../../src/i18n/ja/cli';

const fresh = bundleIsFresh as (bundle: string, root: string, command?: string) => boolean;

describe('bin/waymark.mjs runs the bundle only while it is up to date', () => {
  const root = mkdtempSync(join(tmpdir(), 'wm-bundle-'));
  const dist = join(root, 'dist-cli');
  const bundle = join(dist, 'waymark.mjs');
  const worker = join(dist, 'scoreWorker.mjs');
  const src = join(root, 'src', 'a.ts');
  const at = (f: string, s: number) => utimesSync(f, s, s);
  // The entry is built from src/main.ts, `validate` adds chunk-V.mjs (src/v.ts), `score` adds
  // chunk-S.mjs (src/s.ts) and the worker; src/a.ts is in every set.
  const files = ['src/a.ts', 'src/main.ts', 'src/v.ts', 'src/s.ts'];
  const setup = () => {
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    mkdirSync(join(root, 'src'), { recursive: true });
    for (const f of files) writeFileSync(join(root, f), 'export {}');
    for (const f of ['waymark.mjs', 'scoreWorker.mjs', 'chunk-V.mjs', 'chunk-S.mjs'])
      writeFileSync(join(dist, f), '// bundle');
    writeFileSync(
      join(dist, 'inputs.json'),
      JSON.stringify({
        outputs: ['chunk-V.mjs', 'chunk-S.mjs'],
        inputs: files,
        runs: {
          '': { outputs: [], inputs: [0, 1] },
          validate: { outputs: ['chunk-V.mjs'], inputs: [0, 1, 2] },
          score: { outputs: ['chunk-S.mjs', 'scoreWorker.mjs'], inputs: [0, 1, 3] },
        },
      }),
    );
    for (const f of files) at(join(root, f), 1000);
    for (const f of ['waymark.mjs', 'scoreWorker.mjs', 'chunk-V.mjs', 'chunk-S.mjs'])
      at(join(dist, f), 2000);
  };
  const runs = (): Record<string, boolean> =>
    Object.fromEntries(
      ['', '--help', 'validate', 'score', 'all'].map((c) => [
        c,
        fresh(bundle, root, c === 'all' ? undefined : c),
      ]),
    );

  it('fresh when every input is older than the bundle', () => {
    setup();
    expect(runs()).toEqual({ '': true, '--help': true, validate: true, score: true, all: true });
  });
  it('stale when a source was edited after the build', () => {
    setup();
    at(src, 3000);
    expect(fresh(bundle, root)).toBe(false);
    expect(fresh(bundle, root, 'validate')).toBe(false);
    expect(fresh(bundle, root, '--help')).toBe(false);
  });
  it('a command is stale when a file it loads was edited, and only then', () => {
    setup();
    at(join(root, 'src/s.ts'), 3000);
    expect(runs()).toEqual({ '': true, '--help': true, validate: true, score: false, all: false });
    setup();
    at(join(root, 'src/v.ts'), 3000);
    expect(runs()).toEqual({ '': true, '--help': true, validate: false, score: true, all: false });
    setup();
    at(join(root, 'src/main.ts'), 3000);
    expect(Object.values(runs())).toEqual([false, false, false, false, false]);
  });
  it('stale when an input is gone, or the inputs list or the bundle is missing', () => {
    setup();
    rmSync(src);
    expect(fresh(bundle, root)).toBe(false);
    setup();
    rmSync(join(dist, 'inputs.json'));
    expect(fresh(bundle, root)).toBe(false);
    setup();
    rmSync(bundle);
    expect(fresh(bundle, root)).toBe(false);
    expect(fresh(bundle, root, '--help')).toBe(false);
    // `--threads N` loads the worker bundle from beside the CLI's.
    setup();
    rmSync(worker);
    expect(fresh(bundle, root)).toBe(false);
    expect(fresh(bundle, root, 'score')).toBe(false);
    // A missing chunk makes the commands that load it stale.
    setup();
    rmSync(join(dist, 'chunk-V.mjs'));
    expect(runs()).toEqual({ '': true, '--help': true, validate: false, score: true, all: false });
  });
  it('an inputs.json of the one-file bundle (before chunks) counts as stale', () => {
    setup();
    writeFileSync(join(dist, 'inputs.json'), JSON.stringify(files));
    expect(Object.values(runs())).toEqual([false, false, false, false, false]);
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

describe('bin/waymark.mjs writes to stdout and stderr without building their streams', () => {
  type Writer = ((s: string) => void) & { streamed: () => boolean };
  const writer = directWriter as (
    fd: number,
    stream: () => { write: (s: string | Uint8Array) => void },
    write: (fd: number, b: Uint8Array, at: number, n: number) => number,
  ) => Writer;
  /** A descriptor that takes `sizes[i]` bytes at its i-th write, or throws `code` past them. */
  const fd = (sizes: number[], code = 'EAGAIN') => {
    const got: string[] = [];
    let i = 0;
    const write = (_fd: number, b: Uint8Array, at: number, n: number) => {
      if (i >= sizes.length) throw Object.assign(new Error(code), { code });
      const k = Math.min(n, sizes[i++]);
      got.push(Buffer.from(b.subarray(at, at + k)).toString('utf8'));
      return k;
    };
    return { got, write };
  };
  const stream = () => {
    const got: string[] = [];
    return { got, write: (s: string | Uint8Array) => void got.push(Buffer.from(s).toString()) };
  };

  it('all of a text, in as many writes as the descriptor takes, in UTF-8', () => {
    const d = fd([3, 4, 100, 100]);
    const s = stream();
    const w = writer(1, () => s, d.write);
    w('valid playbook「デモ」\n');
    w('second\n');
    expect(d.got.join('')).toBe('valid playbook「デモ」\nsecond\n');
    expect([s.got, w.streamed()]).toEqual([[], false]);
  });
  it('what the descriptor refuses (full pipe, closed pipe, 0 bytes) goes through the stream, in order', () => {
    for (const [sizes, code] of [
      [[5], 'EAGAIN'],
      [[], 'EPIPE'],
      [[5, 0], 'EAGAIN'],
    ] as const) {
      const d = fd([...sizes], code);
      const s = stream();
      const w = writer(2, () => s, d.write);
      w('0123456789\n');
      w('after\n');
      expect([code, d.got.join('') + s.got.join('')]).toEqual([code, '0123456789\nafter\n']);
      expect(s.got[s.got.length - 1]).toBe('after\n');
      expect(w.streamed()).toBe(true);
    }
  });
  it('ends the process at once after validate and the help texts only', () => {
    const ends = endsAtReturn as (args: string[]) => boolean;
    for (const a of [[], ['--help'], ['-h'], ['help'], ['validate', 'x.json'], ['score', '--help']])
      expect([a, ends(a)]).toEqual([a, true]);
    for (const a of [
      ['score', 'p.json', 'a.csv'],
      ['sql', 'p.json'],
      ['schema', '--out', 'f'],
    ])
      expect([a, ends(a)]).toEqual([a, false]);
  });
  it('the same bytes and exit code to a pipe and to a file, in English and Japanese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-out-'));
    try {
      for (const LANG of ['C', 'ja_JP.UTF-8'])
        for (const args of [
          ['validate', 'templates/demo.json'],
          ['validate', 'nope.json'],
          ['--help'],
          ['bogus'],
        ]) {
          const run = (stdio: 'pipe' | number[]) =>
            spawnSync(process.execPath, [join(ROOT as string, 'bin', 'waymark.mjs'), ...args], {
              cwd: ROOT as string,
              encoding: 'utf8',
              env: { ...process.env, LANG, LC_ALL: '', WAYMARK_LANG: '' },
              stdio: stdio === 'pipe' ? 'pipe' : ['ignore', ...stdio],
            });
          const piped = run('pipe');
          const out = join(dir, 'out.txt');
          const err = join(dir, 'err.txt');
          const o = openSync(out, 'w');
          const e = openSync(err, 'w');
          const filed = run([o, e]);
          closeSync(o);
          closeSync(e);
          expect([
            LANG,
            args,
            filed.status,
            readFileSync(out, 'utf8'),
            readFileSync(err, 'utf8'),
          ]).toEqual([LANG, args, piped.status, piped.stdout, piped.stderr]);
          expect(piped.stdout + piped.stderr).not.toBe('');
        }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("heavy commands re-run node with a larger young generation, in the caller's environment", () => {
  // A module every node process of the launcher loads (the child inherits execArgv) prints its
  // environment's tunables and whether it runs with the larger young generation.
  const probe =
    'data:text/javascript,' +
    encodeURIComponent(
      'process.stderr.write("probe " + (process.env.GLIBC_TUNABLES || "-") + " " +' +
        ' process.execArgv.some((a) => a.startsWith("--max-semi-space-size")) + "\\n")',
    );
  const lines = (cmd: string, tunables: string) =>
    spawnSync(
      process.execPath,
      ['--import', probe, join(ROOT as string, 'bin', 'waymark.mjs'), cmd, '--help'],
      {
        encoding: 'utf8',
        env: { ...process.env, GLIBC_TUNABLES: tunables, WAYMARK_CLI_SOURCES: '' },
      },
    ).stderr.match(/^probe .*$/gm);
  it('score is re-run with --max-semi-space-size and no malloc tunables added', () => {
    // Huge pages for malloc (glibc.malloc.hugetlb=1) were added here until session 35: on the
    // build machine they then cost import time in 11 of 11 paired rounds (docs/cli.md).
    expect(lines('score', '')).toEqual(['probe - false', 'probe - true']);
    expect(lines('validate', '')).toEqual(['probe - false']);
  });
  it("the user's own tunables reach the child unchanged", () => {
    for (const t of ['glibc.malloc.hugetlb=1', 'glibc.malloc.arena_max=2'])
      expect(lines('score', t)).toEqual([`probe ${t} false`, `probe ${t} true`]);
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

describe('the split bundle: each run loads only what it needs (issue 17 point 4, start-up)', () => {
  // One build for these tests; a loader hook lists the bundle files a run really loads.
  const dir = mkdtempSync(join(tmpdir(), 'wm-bundle-split-'));
  const dist = join(dir, 'dist-cli');
  const bundle = join(dist, 'waymark.mjs');
  const loaded = join(dir, 'loaded.txt');
  type Run = { outputs: string[]; inputs: number[] };
  let list: { outputs: string[]; inputs: string[]; runs: Record<string, Run> };
  const inputsOf = (run: Run) => run.inputs.map((i) => list.inputs[i]);
  const runWith = (env: Record<string, string>, flags: string[], ...args: string[]) => {
    rmSync(loaded, { force: true });
    const r = spawnSync(
      process.execPath,
      [
        ...flags,
        '--import',
        join(dir, 'register.mjs'),
        '--import',
        join(dir, 'functions.mjs'),
        join(dir, 'run.mjs'),
        ...args,
      ],
      {
        cwd: ROOT as string,
        encoding: 'utf8',
        env: { ...process.env, LANG: 'C', WM_LOADED: loaded, ...env },
      },
    );
    const lines = readFileSync(loaded, 'utf8').split('\n');
    const compiled = lines.find((l) => l.startsWith('new Function: '));
    const cache = lines.find((l) => l.startsWith('cache: '))?.slice(7);
    const files = lines
      .filter((u) => u.startsWith(pathToFileURL(dist).href + '/'))
      .map((u) => u.slice(pathToFileURL(dist).href.length + 1));
    return {
      status: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      files: new Set(files),
      compiled,
      cache,
    };
  };
  const run = (...args: string[]) => runWith({}, [], ...args);

  beforeAll(async () => {
    await (buildBundle as (b: string, r: string) => Promise<unknown>)(bundle, ROOT as string);
    list = JSON.parse(readFileSync(join(dist, 'inputs.json'), 'utf8'));
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\n` +
        `export async function load(url, context, next) { appendFileSync(process.env.WM_LOADED, url + '\\n'); return next(url, context); }\n`,
    );
    // Counts the functions compiled from strings (zod's JIT makes one per object schema).
    writeFileSync(
      join(dir, 'functions.mjs'),
      `import { appendFileSync } from 'node:fs';\n` +
        `let n = 0;\n` +
        `globalThis.Function = new Proxy(Function, { construct: (t, a) => (n++, Reflect.construct(t, a)), apply: (t, s, a) => (n++, Reflect.apply(t, s, a)) });\n` +
        `process.on('exit', () => appendFileSync(process.env.WM_LOADED, 'new Function: ' + n + '\\n'));\n`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
    );
    // What bin/waymark.mjs runs for a fresh bundle (loadMain: validate from its CommonJS bundle
    // and code cache), or with WM_ESM=1 the ES module entry and chunks. Notes the cache's fate.
    writeFileSync(
      join(dir, 'run.mjs'),
      `import { appendFileSync } from 'node:fs';\n` +
        `const { loadMain } = await import(${JSON.stringify(pathToFileURL(join(ROOT as string, 'bin', 'cli-bundle.mjs')).href)});\n` +
        `const bundle = process.env.WM_BUNDLE ?? ${JSON.stringify(bundle)};\n` +
        `const { main, cache } = process.env.WM_ESM === '1' ? { ...(await import('file://' + bundle)), cache: 'none' } : await loadMain(bundle, process.argv[2] ?? '');\n` +
        `appendFileSync(process.env.WM_LOADED, 'cache: ' + cache + '\\n');\n` +
        `process.exitCode = await main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), stdoutStream: process.stdout, cwd: process.cwd() });\n`,
    );
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help loads the entry and its messages only: no engine, model, importer or zod', () => {
    const r = run('--help');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.files).toEqual(new Set(['waymark.mjs', ...list.runs[''].outputs]));
    const bytes = [...r.files].reduce((n, f) => n + statSync(join(dist, f)).size, 0);
    expect(bytes).toBeLessThan(100_000); // ~70 KB, most of it the en and ja messages
    expect(
      inputsOf(list.runs['']).filter((f) =>
        /^(node_modules|src\/(engine|model|data|expr|table))\//.test(f),
      ),
    ).toEqual([]);
  });
  it('validate loads neither the account importers nor the scoring and output code', () => {
    // The ES module chunks (what validate runs without its CommonJS bundle).
    const r = runWith({ WM_ESM: '1' }, [], 'validate', 'templates/demo.json');
    expect([r.status, r.stderr, r.cache]).toEqual([0, '', 'none']);
    // Every file it loaded is one bin/waymark.mjs checks for this command.
    const checked = new Set(['waymark.mjs', ...list.runs.validate.outputs]);
    expect([...r.files].filter((f) => !checked.has(f))).toEqual([]);
    const inputs = inputsOf(list.runs.validate);
    expect(inputs).toContain('src/engine/compile.ts');
    // zod's JIT is off (src/cli/zodConfig.ts runs before any schema is built): 31 before.
    expect(r.compiled).toBe('new Function: 0');
    for (const f of ['src/data/importFile.ts', 'src/engine/score.ts', 'src/cli/parallelWriter.ts'])
      expect(inputs).not.toContain(f);
    expect(inputs.filter((f) => f.includes('hyparquet'))).toEqual([]);
  });
  it('validate runs from its CommonJS bundle with the code cache, checked with its chunks', () => {
    const r = run('validate', 'templates/demo.json');
    expect([r.status, r.stderr, r.cache]).toEqual([0, '', 'used']);
    expect(r.stdout).toMatch(/^templates\/demo\.json: valid playbook "/);
    // No ES module of the bundle (the entry and its chunks are for the other commands).
    expect(r.files).toEqual(new Set());
    expect(r.compiled).toBe('new Function: 0');
    expect(list.runs.validate.outputs).toContain('validate.cjs');
    expect(list.outputs).toContain('validate.cjs');
    const inputs = inputsOf(list.runs.validate);
    for (const f of ['src/cli/commands/validate.ts', 'src/cli/main.ts', 'src/cli/zodConfig.ts'])
      expect(inputs).toContain(f);
    for (const f of ['src/data/importFile.ts', 'src/engine/score.ts', 'src/cli/commands/score.ts'])
      expect(inputs).not.toContain(f);
    // Any other command, --help included, stays on the ES modules.
    expect(run('--help').cache).toBe('none');
  });
  it('a stale, mismatched or corrupt code cache is ignored, and the output stays right', () => {
    const cjs = join(dist, 'validate.cjs');
    const cache = `${cjs}.v8cache`;
    const good = { cjs: readFileSync(cjs), cache: readFileSync(cache), mtime: statSync(cjs).mtime };
    const restore = () => {
      writeFileSync(cjs, good.cjs);
      utimesSync(cjs, good.mtime, good.mtime);
      writeFileSync(cache, good.cache);
    };
    const expected = run('validate', 'templates/demo.json');
    expect([expected.status, expected.cache]).toEqual([0, 'used']);
    const check = (why: string, cacheIs: string, flags: string[] = []) => {
      const r = runWith({}, flags, 'validate', 'templates/demo.json');
      expect([why, r.status, r.stderr, r.stdout, r.cache]).toEqual([
        why,
        0,
        '',
        expected.stdout,
        cacheIs,
      ]);
    };
    try {
      rmSync(cache);
      check('no cache', 'ignored');
      writeFileSync(cache, good.cache.subarray(0, good.cache.length >> 1));
      check('truncated', 'ignored');
      writeFileSync(cache, Buffer.alloc(good.cache.length, 0x7b));
      check('garbage', 'ignored');
      writeFileSync(
        cache,
        Buffer.from(good.cache.toString('latin1').replace(/"key":"\w/, '"key":"_'), 'latin1'),
      );
      check('made from another build', 'ignored');
      restore();
      check('V8 flags of its own', 'rejected', ['--max-lazy']);
      // The bundle changed, same length: V8 alone would take the cache (it checks the length)
      // and run the old code — the old message. The cache names the file's mtime: ignored.
      const edited = good.cjs
        .toString('utf8')
        .replace(`{{file}}: valid playbook`, `{{file}}: VALID playbook`);
      expect(edited.length).toBe(good.cjs.toString('utf8').length);
      writeFileSync(cjs, edited);
      utimesSync(cjs, new Date(good.mtime.getTime() + 1000), new Date(good.mtime.getTime() + 1000));
      const r = run('validate', 'templates/demo.json');
      expect([r.status, r.stdout, r.cache]).toEqual([
        0,
        expected.stdout.replace('valid playbook', 'VALID playbook'),
        'ignored',
      ]);
    } finally {
      restore();
    }
    expect(run('validate', 'templates/demo.json').cache).toBe('used');
  }, 30_000);
  it('score checks the worker bundle and every file it loads', () => {
    const data = join(dir, 'a.csv');
    writeFileSync(data, 'account_id,company_name,mrr\nA1,Co 1,1000\nA2,Co 2,2000\n');
    const r = run('score', 'templates/demo.json', data, '--as-of', '2026-11-23', '--threads', '2');
    expect(r.status).toBe(0);
    const checked = new Set(['waymark.mjs', ...list.runs.score.outputs]);
    expect(r.files.has('scoreWorker.mjs')).toBe(true);
    expect([...r.files].filter((f) => !checked.has(f))).toEqual([]);
    expect(list.runs.score.outputs).toContain('scoreWorker.mjs');
  }, 30_000);
  it('every command has its set, and together they cover every input', () => {
    const names = [
      'validate',
      'score',
      'explain',
      'backtest',
      'sql',
      'schema',
      'lint',
      'history',
      'fields',
    ];
    expect(Object.keys(list.runs).sort()).toEqual(['', ...names].sort());
    const covered = new Set(Object.values(list.runs).flatMap((r) => r.inputs));
    expect(covered.size).toBe(list.inputs.length);
  });
});
