#!/usr/bin/env node
// The `waymark` CLI. Runs the bundle built at install time (dist-cli/waymark.mjs and its chunks:
// `--help` in node's start-up + ~15 ms) while the files the command loads are up to date with
// the sources (bundleIsFresh per command); otherwise — sources edited since, or no bundle — the
// TypeScript sources through tsx, so it always runs the current code with no build step, and
// says so in one line on stderr when that is a terminal (slower start; `npm run build:cli`).
// WAYMARK_CLI_SOURCES=1 forces the sources, without the note.
// What every start needs is CommonJS (bin/cli-start.cjs), loaded with require: importing it as
// an ES module, with the built-ins it uses, cost the loader's steps and a facade per built-in.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  bundleIsFresh,
  BUNDLE,
  directWriter,
  endsAtReturn,
  loadMain,
  ROOT,
  sourcesNote,
} = require('./cli-start.cjs');

// Commands that score a whole file run with a larger young generation: the output text is
// millions of short-lived strings, and V8's default 16 MB semi-space made garbage collection a
// third of `score`'s CPU time at a million accounts (15.0 s → 10.4 s measured with 64 MB). The
// flag only works on the command line, so these commands re-run node once with it (~50 ms). No
// malloc huge pages (GLIBC_TUNABLES): they cost more than they saved on the build machine since
// 2026-12-06 (docs/cli.md); a user's own GLIBC_TUNABLES reaches the child unchanged.
const HEAVY = new Set(['score', 'explain', 'backtest']);
const SEMI_SPACE = '--max-semi-space-size=64';
const args = process.argv.slice(2);
if (
  HEAVY.has(args[0]) &&
  !process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) &&
  !/--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '')
) {
  // Imported here only: node:child_process and the stream modules it loads cost ~15 ms.
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = require('node:url');
  const child = spawn(
    process.execPath,
    [...process.execArgv, SEMI_SPACE, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches both processes (same process group): the parent only waits for the child.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => undefined);
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  let main;
  const forced = process.env.WAYMARK_CLI_SOURCES === '1';
  const fresh = !forced && bundleIsFresh(BUNDLE, ROOT, args[0] ?? '');
  if (fresh) {
    // `validate`: its CommonJS bundle with its V8 code cache (loadMain); the rest: ES modules.
    ({ main } = await loadMain(BUNDLE, args[0] ?? ''));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('../src/cli/main.ts'));
    if (sourcesNote({ fresh, forced, tty: process.stderr.isTTY === true })) {
      const { t } = await import('../src/cli/messages.ts');
      process.stderr.write(t('note.sources') + '\n');
    }
  }
  // Written with fs.writeSync, not through process.stdout (directWriter: building that stream
  // cost more than the rest of --help); the stream only for a command that streams its output.
  const stdout = directWriter(1, () => process.stdout);
  const stderr = directWriter(2, () => process.stderr);
  const code = await main(args, {
    stdout,
    stderr,
    get stdoutStream() {
      return process.stdout;
    },
    cwd: process.cwd(),
  });
  process.exitCode = code;
  // validate and the help texts leave nothing running: end now, without node's teardown.
  if (fresh && endsAtReturn(args) && !stdout.streamed() && !stderr.streamed()) process.exit(code);
}
