// The CLI as built JavaScript (dist-cli/), so `waymark` starts without loading TypeScript
// through tsx (~0.4 s a call). Built by the `prepare` script, which `npm install` and `npm ci`
// run; bin/waymark.mjs uses it only while every file of it is there and newer than every file it
// was built from (both listed in dist-cli/inputs.json), and otherwise runs the sources through
// tsx, so an edited source is never shadowed by an old bundle.
//
// The bundle is split (esbuild `splitting`): dist-cli/waymark.mjs holds main(), the messages and
// each command's name and help text; a command's run() and the engine it needs are chunks
// beside it, imported on first use (src/cli/commands/index.ts). `waymark --help` so loads ~70 KB
// instead of 1 MB, and `waymark validate` skips the import, scoring and output code.
//
// `validate` runs from a CommonJS bundle of its own instead (dist-cli/validate.cjs: the entry and
// validate, nothing else) with a V8 code cache beside it (validate.cjs.v8cache), made at build
// time after a run of `validate templates/demo.json`, so it holds the bytecode of every function
// that run compiled: the first-run compile cost is gone too (see loadMain). ES modules cannot
// take a code cache on Node 20 (vm.SourceTextModule needs a flag).
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist-cli', 'waymark.mjs');
/** The worker thread of `waymark score --threads N`, loaded by the bundle from beside it. */
export const WORKER_BUNDLE = join(ROOT, 'dist-cli', 'scoreWorker.mjs');

/** Path of the list of inputs (and output files) beside a bundle. */
const inputsOf = (bundle) => join(dirname(bundle), 'inputs.json');

/**
 * The commands run from a CommonJS bundle with a V8 code cache, and the run that fills the
 * cache at build time (arguments, from the project's root).
 */
export const CACHED = { validate: ['validate', 'templates/demo.json'] };
/** The CommonJS bundle of a CACHED command, beside the entry, and its code cache. */
export const cjsOf = (bundle, command) => join(dirname(bundle), `${command}.cjs`);
export const cacheOf = (file) => `${file}.v8cache`;
/** Last line of a CommonJS bundle: its content's hash, which its cache must name. */
const KEY = '\n// waymark-cache-key ';

/**
 * True when the bundle's files exist and no input they were built from changed (or vanished)
 * since. With a `command` (what bin/waymark.mjs runs), only the files that command loads: the
 * entry's and that command's chunks and their inputs (inputs.json `runs`; any other first
 * argument — `--help`, a typo — loads the entry only). A stat costs 20–50 µs here and all ~330
 * inputs took 10–25 ms of a 0.15 s start; --help needs 9. Without one, every file.
 */
export function bundleIsFresh(bundle = BUNDLE, root = ROOT, command = undefined) {
  const dir = dirname(bundle);
  let built = Infinity;
  let inputs;
  try {
    const list = JSON.parse(readFileSync(inputsOf(bundle), 'utf8'));
    let outputs = ['scoreWorker.mjs', ...list.outputs];
    inputs = list.inputs;
    if (command !== undefined) {
      const run = Object.hasOwn(list.runs, command) ? list.runs[command] : list.runs[''];
      outputs = run.outputs;
      inputs = run.inputs.map((i) => list.inputs[i]);
    }
    const at = dir.endsWith(sep) ? dir : dir + sep;
    for (const f of [basename(bundle), ...outputs])
      built = Math.min(built, statSync(at + f).mtimeMs);
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  // Paths by concatenation: the inputs are relative and normalized (buildBundle), and
  // path.join, cold, took 5–10 ms of the 8–13 ms that validate's 161 stats took (2026-12-05).
  const prefix = root.endsWith(sep) ? root : root + sep;
  try {
    for (const f of inputs) {
      const st = statSync(prefix + f, { throwIfNoEntry: false });
      if (st === undefined || st.mtimeMs > built) return false;
    }
  } catch {
    return false; // unreadable (permissions…): the sources, as for a missing file
  }
  return true;
}

/**
 * main() of the fresh bundle for `command` (bin/waymark.mjs): a CACHED command's CommonJS bundle
 * when it is there, compiled with its code cache; any other command, the ES module entry.
 * `cache` says what happened to the code cache: 'used', 'rejected' (V8 refused it: another node
 * version or V8 flags), 'ignored' (missing, unreadable, or not made from this very file), or
 * 'none' (an ES module run).
 */
export async function loadMain(bundle, command) {
  const file = cjsOf(bundle, command);
  let source;
  if (Object.hasOwn(CACHED, command)) {
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      // No CommonJS bundle (a build of before it): the ES modules.
    }
  }
  if (source === undefined) return { ...(await import(pathToFileURL(bundle).href)), cache: 'none' };
  const { Script } = await import('node:vm');
  const cachedData = readCache(file, source);
  const script = new Script(source, { filename: file, cachedData });
  const cache = !cachedData ? 'ignored' : script.cachedDataRejected ? 'rejected' : 'used';
  return { ...(await runCommonJs(script, file)), cache };
}

/**
 * The code cache of a CommonJS bundle, or undefined unless it was made from this very file.
 * V8 checks only the source's length (a cache of another build of the same length would run
 * that build's code) and the node version and flags; so the cache file starts with a line
 * naming the bundle's content hash (the bundle's last line), size and mtime, and the length of
 * the V8 data after it (a truncated file is refused).
 */
function readCache(file, source) {
  try {
    const buf = readFileSync(cacheOf(file));
    const nl = buf.indexOf(10);
    const head = JSON.parse(buf.toString('latin1', 0, nl));
    const st = statSync(file);
    const at = source.lastIndexOf(KEY);
    const ok =
      at >= 0 &&
      head.key === source.slice(at + KEY.length).trim() &&
      head.size === st.size &&
      head.mtimeMs === st.mtimeMs &&
      head.length === buf.length - nl - 1;
    return ok ? buf.subarray(nl + 1) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a CommonJS bundle compiled as `(function (exports, require, module, …) {…})`. */
async function runCommonJs(script, file) {
  const { createRequire } = await import('node:module');
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/**
 * Makes the code cache of a CommonJS bundle (buildBundle runs it in a fresh node process):
 * runs `args` from `cwd` with the output dropped, then saves what V8 compiled — the top level
 * and every function that run called — with the header readCache checks. Written to a
 * temporary name and renamed: a CLI starting meanwhile reads the old cache or the new one.
 */
export async function writeCodeCache(file, args, cwd) {
  const source = readFileSync(file, 'utf8');
  const { Script } = await import('node:vm');
  const script = new Script(source, { filename: file });
  const { main } = await runCommonJs(script, file);
  const drop = () => undefined;
  await main(args, { stdout: drop, stderr: drop, stdoutStream: undefined, cwd });
  process.exitCode = 0;
  const data = script.createCachedData();
  const st = statSync(file);
  const key = source.slice(source.lastIndexOf(KEY) + KEY.length).trim();
  const head = JSON.stringify({ key, size: st.size, mtimeMs: st.mtimeMs, length: data.length });
  const tmp = `${cacheOf(file)}.${process.pid}`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(head + '\n', 'latin1'), data]));
  renameSync(tmp, cacheOf(file));
}

/**
 * Whether bin/waymark.mjs says, in one line on stderr, that it runs the sources through tsx
 * (slower to start: ~0.5 s of CPU against ~0.15 s): only when that was not asked for
 * (WAYMARK_CLI_SOURCES=1) and a person reads stderr (a terminal). Scripts and tests that pipe
 * stderr see the same output as from the bundle.
 */
export function sourcesNote({ fresh, forced, tty }) {
  return !fresh && !forced && tty;
}

/**
 * The environment of the heavy commands' node process (bin/waymark.mjs re-runs node for them):
 * glibc's malloc asks the kernel for transparent huge pages on its large blocks
 * (`glibc.malloc.hugetlb=1`, glibc 2.35+; other C libraries ignore the variable). The typed
 * columns of a big import are such blocks: a million accounts' 16 number and date columns are
 * 128 MB, and at 4 KB a page each page's first write was a page fault — faults were a quarter of
 * the import's CPU time (docs/data-import.md, issue 17 round 7). Tunables the user set are kept;
 * one that already names `glibc.malloc.hugetlb` is left as it is.
 */
export function heavyEnv(env = process.env) {
  const set = env.GLIBC_TUNABLES ?? '';
  if (/(^|:)glibc\.malloc\.hugetlb=/.test(set)) return env;
  return {
    ...env,
    GLIBC_TUNABLES: set ? `${set}:glibc.malloc.hugetlb=1` : 'glibc.malloc.hugetlb=1',
  };
}

/**
 * Bundle src/cli/main.ts (split: the entry and its chunks) and src/cli/scoreWorker.ts (one file)
 * with esbuild (a dev dependency) into the bundle's folder, and record inputs and outputs.
 */
export async function buildBundle(bundle = BUNDLE, root = ROOT) {
  const { build } = await import('esbuild');
  const started = Date.now();
  const dir = dirname(bundle);
  const options = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    legalComments: 'none',
    // WAYMARK_BUNDLE_NAMES=1: readable names, for profiles (node --cpu-prof).
    minify: process.env.WAYMARK_BUNDLE_NAMES !== '1',
    logLevel: 'warning',
  };
  // Chunks sit beside the entry (not in a subfolder): parallelWriter.ts finds the worker
  // through its own chunk's import.meta.url, as `./scoreWorker.mjs`.
  const r = await build({
    ...options,
    entryPoints: { [basename(bundle, '.mjs')]: join(root, 'src', 'cli', 'main.ts') },
    outdir: dir,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
  });
  const worker = join(dir, 'scoreWorker.mjs');
  const w = await build({
    ...options,
    entryPoints: [join(root, 'src', 'cli', 'scoreWorker.ts')],
    outfile: worker,
  });
  // package.json too: a changed dependency version invalidates the bundle.
  const inputs = [
    ...new Set([...Object.keys(r.metafile.inputs), ...Object.keys(w.metafile.inputs)]),
    'package.json',
  ].map((f) => relative(root, join(root, f)));
  const outputs = Object.keys(r.metafile.outputs)
    .map((f) => relative(dir, join(process.cwd(), f)))
    .filter((f) => f !== basename(bundle));
  const runs = fileSets(r.metafile, w.metafile, root, dir, basename(bundle), inputs);
  mkdirSync(dir, { recursive: true });
  // The CACHED commands' CommonJS bundles: checked with (and as fresh as) the command's chunks.
  const index = new Map(inputs.map((f, i) => [f, i]));
  for (const command of Object.keys(CACHED)) {
    const file = cjsOf(bundle, command);
    const c = await commonJsBundle(options, root, command);
    rmSync(cacheOf(file), { force: true });
    writeFileSync(file, c.text);
    outputs.push(basename(file));
    runs[command].outputs.push(basename(file));
    const all = new Set(runs[command].inputs);
    for (const f of c.inputs) if (index.has(f)) all.add(index.get(f));
    runs[command].inputs = [...all].sort((a, b) => a - b);
  }
  // Chunks of earlier builds (their names hash their content) go.
  const keep = new Set(outputs);
  for (const f of readdirSync(dir))
    if (/^chunk-[A-Z0-9]+\.mjs$/.test(f) && !keep.has(f)) rmSync(join(dir, f), { force: true });
  writeFileSync(inputsOf(bundle), JSON.stringify({ outputs, inputs, runs }));
  // Dated when the build started: a source edited while it ran counts as newer (bundle stale).
  const at = new Date(started);
  for (const f of [basename(bundle), 'scoreWorker.mjs', ...outputs])
    utimesSync(join(dir, f), at, at);
  // Each code cache in a node of its own (a clean heap, the flags `waymark` runs with); a
  // failure leaves that command without a cache, only slower to start.
  const { spawnSync } = await import('node:child_process');
  let caches = 0;
  for (const [command, args] of Object.entries(CACHED)) {
    const file = cjsOf(bundle, command);
    const code =
      `import { writeCodeCache } from ${JSON.stringify(import.meta.url)};\n` +
      `await writeCodeCache(${JSON.stringify(file)}, ${JSON.stringify(args)}, ${JSON.stringify(root)});\n`;
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (p.status === 0) caches++;
  }
  return { bundle, inputs: inputs.length, outputs: outputs.length + 2, caches };
}

/**
 * src/cli/main.ts as one CommonJS script running `command` only: the other commands' modules
 * are left out (a stub that throws: bin/waymark.mjs never runs them from this file). Wrapped as
 * a function of (exports, require, module, __filename, __dirname) for runCommonJs, and ended by
 * a line with its hash (readCache). `inputs`: the source files it is built from.
 */
async function commonJsBundle(options, root, command) {
  const { build } = await import('esbuild');
  const { createHash } = await import('node:crypto');
  const NS = 'waymark-other-command';
  const c = await build({
    ...options,
    format: 'cjs',
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(root, `${command}.cjs`),
    write: false,
    plugins: [
      {
        name: 'only-' + command,
        setup(b) {
          b.onResolve({ filter: /^\.\/\w+$/ }, (a) =>
            a.kind === 'dynamic-import' &&
            a.importer.endsWith(join('src', 'cli', 'commands', 'index.ts')) &&
            a.path !== `./${command}`
              ? { path: a.path, namespace: NS }
              : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: NS }, (a) => ({
            contents: `throw new Error('${command}.cjs runs ${command} only, not ${a.path}');`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const body = c.outputFiles[0].text;
  const key = createHash('sha256').update(body).digest('hex');
  return {
    text: `(function (exports, require, module, __filename, __dirname) {${body}\n})${KEY}${key}\n`,
    inputs: Object.keys(c.metafile.inputs)
      .filter((f) => !f.startsWith(NS + ':'))
      .map((f) => relative(root, join(root, f))),
  };
}

/**
 * For bundleIsFresh(…, command): per command (`runs.validate`…), the output files it can load —
 * the entry and its static imports, the command's chunk and what that imports, statically or
 * dynamically, and the worker bundle when that can start score workers — and the indices of
 * the source files those are built from: the same walk over esbuild's input graph, so a file
 * tree-shaken to nothing is still checked. `runs['']` is the entry alone (--help, a typo).
 * package.json is in every set.
 */
function fileSets(meta, workerMeta, root, dir, entry, inputs) {
  const out = (f) => relative(dir, join(process.cwd(), f));
  const input = (f) => relative(root, join(root, f));
  const index = new Map(inputs.map((f, i) => [f, i]));
  const walk = (graph, start, dynamic, seen) => {
    if (seen.has(start) || !graph.has(start)) return seen;
    seen.add(start);
    for (const i of graph.get(start))
      if (i.kind !== 'dynamic-import' || dynamic) walk(graph, i.path, dynamic, seen);
    return seen;
  };
  const chunks = new Map(
    Object.entries(meta.outputs).map(([f, o]) => [
      out(f),
      o.imports.filter((i) => !i.external).map((i) => ({ ...i, path: out(i.path) })),
    ]),
  );
  const sources = new Map(
    Object.entries(meta.inputs).map(([f, o]) => [f, o.imports.filter((i) => !i.external)]),
  );
  const workerSources = new Set(Object.keys(workerMeta.inputs));
  const set = (names, files) => {
    const all = new Set([...files].map(input));
    const worker = [...files].some((f) => f.endsWith('src/cli/parallelWriter.ts'));
    if (worker) for (const f of workerSources) all.add(input(f));
    all.add('package.json');
    const outputs = [...names].filter((n) => n !== entry);
    if (worker) outputs.push('scoreWorker.mjs');
    return { outputs, inputs: [...all].map((f) => index.get(f)).sort((a, b) => a - b) };
  };
  const mainSource = Object.keys(meta.inputs).find((f) => f.endsWith('src/cli/main.ts'));
  const baseChunks = walk(chunks, entry, false, new Set());
  const baseFiles = walk(sources, mainSource, false, new Set());
  const runs = { '': set(baseChunks, baseFiles) };
  // What the entry imports on demand besides the commands (src/cli/zodConfig.ts, imported
  // before any command runs) belongs to every command's set.
  const commands = Object.entries(meta.outputs).filter(([, o]) =>
    /^src\/cli\/commands\/\w+\.ts$/.test(o.entryPoint ?? ''),
  );
  const isCommand = new Set(commands.map(([, o]) => o.entryPoint));
  const shared = (graph, from, keep) =>
    [...from].flatMap((n) =>
      graph
        .get(n)
        .filter((i) => i.kind === 'dynamic-import' && keep(i.path))
        .map((i) => i.path),
    );
  const entryOf = new Map(Object.entries(meta.outputs).map(([f, o]) => [out(f), o.entryPoint]));
  const extraChunks = shared(chunks, baseChunks, (p) => !isCommand.has(entryOf.get(p)));
  const extraFiles = shared(sources, baseFiles, (p) => !isCommand.has(p));
  for (const [f, o] of commands) {
    const names = walk(chunks, out(f), true, new Set(baseChunks));
    for (const c of extraChunks) walk(chunks, c, true, names);
    const files = walk(sources, o.entryPoint, true, new Set(baseFiles));
    for (const x of extraFiles) walk(sources, x, true, files);
    runs[/(\w+)\.ts$/.exec(o.entryPoint)[1]] = set(names, files);
  }
  return runs;
}
