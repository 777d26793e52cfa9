#!/usr/bin/env node
// `npm run bench -- <name>`: runs test/bench/<name>.bench.ts (engine, prep, data), or all of
// them. Each prints JSON lines {"name","value","unit"} (and ratios against its baseline).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test', 'bench');
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
const which = name ? [name] : all;
for (const b of which) {
  if (!all.includes(b)) {
    console.error(`unknown benchmark "${b}"; available: ${all.join(', ')}`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(dir, `${b}.bench.ts`), ...rest], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
