#!/usr/bin/env node
// `npm run bench -- <name>`: runs test/bench/<name>.bench.ts (engine, prep, data, io), or all of
// them. Each prints JSON lines {"name","value","unit"} (and ratios against its baseline).
//
// The engine benchmark runs as one esbuild bundle under plain node, the way the engine ships in
// the app's Web Worker (a Vite bundle). Under tsx's module hooks the same bundle scored ~20%
// slower on every kernel (measured 2026-11-24: 0.97–1.10 s against 0.77–0.83 s of main-thread
// CPU for a million rows; the slowdown goes with tsx's register() and away with its unregister,
// cause not found). The other benchmarks run through tsx as before.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test', 'bench');
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const BUNDLED = new Set(['engine', 'activity']);
const [name, ...rest] = process.argv.slice(2);
const which = name ? [name] : all;
for (const b of which) {
  if (!all.includes(b)) {
    console.error(`unknown benchmark "${b}"; available: ${all.join(', ')}`);
    process.exit(2);
  }
  const node = [process.execPath, '--expose-gc', '--max-old-space-size=8192'];
  let entry = ['--import', 'tsx', join(dir, `${b}.bench.ts`)];
  if (BUNDLED.has(b)) {
    const { build } = await import('esbuild');
    const outfile = join(root, 'node_modules', '.cache', 'waymark-bench', `${b}.bench.mjs`);
    await build({
      entryPoints: [join(dir, `${b}.bench.ts`)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['@duckdb/node-api', 'nodejs-polars'],
      outfile,
      logLevel: 'warning',
    });
    entry = [outfile];
  }
  const r = spawnSync(node[0], [...node.slice(1), ...entry, ...rest], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
