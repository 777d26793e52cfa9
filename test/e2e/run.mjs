// `npm run test:e2e`: checks for a Chromium, then runs the Playwright suite against a
// production build served by `vite preview` (so the Content-Security-Policy is the real one).
import { spawnSync } from 'node:child_process';
import { findChromium, INSTALL_HINT } from './chromium.mjs';

const chromium = findChromium();
if (!chromium) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
const args = [
  'playwright',
  'test',
  '-c',
  'test/e2e/playwright.config.ts',
  ...process.argv.slice(2),
];
const r = spawnSync('npx', args, {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(r.status ?? 1);
