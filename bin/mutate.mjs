#!/usr/bin/env node
// `npm run mutate -- <area>`: Stryker over one area's modules, judged by that area's tests
// (test/mutation/areas.mjs). Fails below a 90 % mutation score. Report: reports/mutation/.
import { spawnSync } from 'node:child_process';
import { AREAS } from '../test/mutation/areas.mjs';

const area = process.argv[2];
if (!area || !AREAS[area]) {
  console.error(`usage: npm run mutate -- <area>   (areas: ${Object.keys(AREAS).join(', ')})`);
  process.exit(2);
}
const r = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: { ...process.env, WAYMARK_MUTATE_AREA: area },
});
process.exit(r.status ?? 1);
