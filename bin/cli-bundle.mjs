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
import { basename, dirname, join, relative } from 'node:path';
// The part every start needs (bundleIsFresh, loadMain…) is CommonJS, for bin/waymark.mjs to
// require (bin/cli-start.cjs says why). Re-exported here for the build, tests and benches.
import start from './cli-start.cjs';

export const {
  ROOT,
  BUNDLE,
  WORKER_BUNDLE,
  CACHED,
  cjsOf,
  cacheOf,
  bundleIsFresh,
  directWriter,
  endsAtReturn,
  loadMain,
  sourcesNote,
} = start;
const { KEY, inputsOf, runCommonJs } = start;

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
