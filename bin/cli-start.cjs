'use strict';
// What bin/waymark.mjs needs at every start, as CommonJS: which bundle is fresh (bundleIsFresh),
// loading it (loadMain, with the V8 code cache of `validate`), the note about running the
// sources, and the heavy commands' environment. The build (buildBundle, writeCodeCache) stays in
// bin/cli-bundle.mjs, which re-exports all of this.
//
// Why CommonJS, loaded with require: an ES module costs the loader's resolve, load and link
// steps and a facade per built-in it imports (node:fs, node:path, node:url, node:vm,
// node:module), and it is compiled whole; this file costs one require, and the built-ins it
// needs are already loaded by node itself. `waymark validate` spent 5–8 ms importing
// cli-bundle.mjs and the built-ins loadMain imported (issue 17 point 4, docs/cli.md Start-up).
/* eslint-disable @typescript-eslint/no-require-imports */
const { readFileSync, statSync, writeSync } = require('node:fs');
const { basename, dirname, join, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'dist-cli', 'waymark.mjs');
/** The worker thread of `waymark score --threads N`, loaded by the bundle from beside it. */
const WORKER_BUNDLE = join(ROOT, 'dist-cli', 'scoreWorker.mjs');

/** Path of the list of inputs (and output files) beside a bundle. */
const inputsOf = (bundle) => join(dirname(bundle), 'inputs.json');

/**
 * The commands run from a CommonJS bundle with a V8 code cache, and the run that fills the
 * cache at build time (arguments, from the project's root).
 */
const CACHED = { validate: ['validate', 'templates/demo.json'] };
/** The CommonJS bundle of a CACHED command, beside the entry, and its code cache. */
const cjsOf = (bundle, command) => join(dirname(bundle), `${command}.cjs`);
const cacheOf = (file) => `${file}.v8cache`;
/** Last line of a CommonJS bundle: its content's hash, which its cache must name. */
const KEY = '\n// waymark-cache-key ';

/**
 * True when the bundle's files exist and no input they were built from changed (or vanished)
 * since. With a `command` (what bin/waymark.mjs runs), only the files that command loads: the
 * entry's and that command's chunks and their inputs (inputs.json `runs`; any other first
 * argument — `--help`, a typo — loads the entry only). A stat costs 20–50 µs here and all ~330
 * inputs took 10–25 ms of a 0.15 s start; --help needs 9. Without one, every file.
 */
function bundleIsFresh(bundle = BUNDLE, root = ROOT, command = undefined) {
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
async function loadMain(bundle, command) {
  const file = cjsOf(bundle, command);
  let source;
  if (Object.hasOwn(CACHED, command)) {
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      // No CommonJS bundle (a build of before it): the ES modules.
    }
  }
  if (source === undefined) {
    const { pathToFileURL } = require('node:url');
    return { ...(await import(pathToFileURL(bundle).href)), cache: 'none' };
  }
  const { Script } = require('node:vm');
  const cachedData = readCache(file, source);
  const script = new Script(source, { filename: file, cachedData });
  const cache = !cachedData ? 'ignored' : script.cachedDataRejected ? 'rejected' : 'used';
  return { ...runCommonJs(script, file), cache };
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
function runCommonJs(script, file) {
  const { createRequire } = require('node:module');
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/**
 * Whether bin/waymark.mjs says, in one line on stderr, that it runs the sources through tsx
 * (slower to start: ~0.5 s of CPU against ~0.15 s): only when that was not asked for
 * (WAYMARK_CLI_SOURCES=1) and a person reads stderr (a terminal). Scripts and tests that pipe
 * stderr see the same output as from the bundle.
 */
function sourcesNote({ fresh, forced, tty }) {
  return !fresh && !forced && tty;
}

/**
 * `io.stdout` / `io.stderr` of bin/waymark.mjs: writes straight to file descriptor 1 or 2 with
 * fs.writeSync. Touching `process.stdout` builds a stream — for a pipe a net.Socket, loading the
 * net and stream modules — which took 7–25 ms of a 0.2 s `validate` (2026-12-05, load 3–6),
 * more than all its stats and reads. The bytes and their order are the same: node writes
 * stdout and stderr synchronously on Linux for files, pipes and terminals too. When the
 * descriptor will not take the text at once — EAGAIN (a non-blocking pipe that is full), EPIPE
 * (the reader went away), anything else — the rest of it and every later write go through
 * `stream()` (process.stdout or process.stderr) as before, with its buffering and error handling.
 */
function directWriter(fd, stream, write = writeSync) {
  let to;
  const writer = (s) => {
    if (to === undefined) {
      const buf = Buffer.from(s, 'utf8');
      let at = 0;
      try {
        while (at < buf.length) {
          const n = write(fd, buf, at, buf.length - at);
          if (!(n > 0)) throw new Error('nothing written');
          at += n;
        }
        return;
      } catch {
        to = stream();
        if (at > 0) s = buf.subarray(at);
      }
    }
    to.write(s);
  };
  /** True once a write has gone through the stream (it may still hold some of it). */
  writer.streamed = () => to !== undefined;
  return writer;
}

/**
 * Whether bin/waymark.mjs may end the process as soon as main() returns (process.exit, skipping
 * node's teardown of the heap and the garbage collection V8 may have scheduled: ~3–5 ms): runs
 * that start nothing that outlives main() — `validate`, and the help texts. Not the commands
 * that score or write files, which may leave streams or worker threads to finish.
 */
function endsAtReturn(args) {
  const [name, ...rest] = args;
  return (
    name === undefined ||
    name === 'validate' ||
    name === '--help' ||
    name === '-h' ||
    name === 'help' ||
    rest.includes('--help') ||
    rest.includes('-h')
  );
}

module.exports = {
  directWriter,
  endsAtReturn,
  ROOT,
  BUNDLE,
  WORKER_BUNDLE,
  CACHED,
  KEY,
  cjsOf,
  cacheOf,
  inputsOf,
  bundleIsFresh,
  loadMain,
  runCommonJs,
  sourcesNote,
};
