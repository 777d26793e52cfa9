import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The demo export of `npm run demo-data -- --rows N --seed 42` under .bench/ (written once,
 * then reused), shared by the browser-import and import-cpu benches so both read the same file.
 */
export function benchDemoCsv(rows: number): string {
  mkdirSync('.bench', { recursive: true });
  const csv = resolve('.bench', `demo-${rows}-seed42.csv`);
  if (!existsSync(csv)) {
    const r = spawnSync(
      'npm',
      ['run', 'demo-data', '--', '--rows', String(rows), '--seed', '42', '--out', csv],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('demo-data failed');
  }
  return csv;
}

/** The median of a non-empty list (the benches report medians of interleaved runs). */
export function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
