// The CLI as one JavaScript bundle (dist-cli/waymark.mjs), so `waymark` starts without loading
// TypeScript through tsx (~0.4 s a call). Built by the `prepare` script, which `npm install` and
// `npm ci` run; bin/waymark.mjs uses it only while it is newer than every file it was built from
// (listed in dist-cli/inputs.json), and otherwise runs the sources through tsx, so an edited
// source is never shadowed by an old bundle.
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist-cli', 'waymark.mjs');
/** The worker thread of `waymark score --threads N`, loaded by the bundle from beside it. */
export const WORKER_BUNDLE = join(ROOT, 'dist-cli', 'scoreWorker.mjs');

/** Path of the list of inputs beside a bundle. */
const inputsOf = (bundle) => join(dirname(bundle), 'inputs.json');

/** True when the bundle exists and no input it was built from changed (or vanished) since. */
export function bundleIsFresh(bundle = BUNDLE, root = ROOT) {
  let built;
  let inputs;
  try {
    built = Math.min(
      statSync(bundle).mtimeMs,
      statSync(join(dirname(bundle), 'scoreWorker.mjs')).mtimeMs,
    );
    inputs = JSON.parse(readFileSync(inputsOf(bundle), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const f of inputs) {
    try {
      if (statSync(join(root, f)).mtimeMs > built) return false;
    } catch {
      return false;
    }
  }
  return true;
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

/** Bundle src/cli/main.ts with esbuild (a dev dependency) and record its inputs. */
export async function buildBundle(bundle = BUNDLE, root = ROOT) {
  const { build } = await import('esbuild');
  const started = Date.now();
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
  const r = await build({
    ...options,
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: bundle,
  });
  const worker = join(dirname(bundle), 'scoreWorker.mjs');
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
  mkdirSync(dirname(bundle), { recursive: true });
  writeFileSync(inputsOf(bundle), JSON.stringify(inputs));
  // Dated when the build started: a source edited while it ran counts as newer (bundle stale).
  const at = new Date(started);
  utimesSync(bundle, at, at);
  utimesSync(worker, at, at);
  return { bundle, inputs: inputs.length };
}
