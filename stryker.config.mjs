// Mutation testing (`npm run mutate -- <area>`, see bin/mutate.mjs and test/mutation/areas.mjs).
import { AREAS } from './test/mutation/areas.mjs';

const area = AREAS[process.env.WAYMARK_MUTATE_AREA ?? 'store'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  mutate: area.mutate,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${process.env.WAYMARK_MUTATE_AREA ?? 'store'}.html` },
  jsonReporter: { fileName: `reports/mutation/${process.env.WAYMARK_MUTATE_AREA ?? 'store'}.json` },
  thresholds: { high: 90, low: 80, break: 90 },
  ignoreStatic: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
