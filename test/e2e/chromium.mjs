// Finds a Chromium for the browser tests: $CHROMIUM_PATH, Debian's /usr/bin/chromium, then
// Playwright's own download. Returns null when there is none.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    candidates.push(chromium.executablePath());
  } catch {
    /* playwright-core without a browser of its own */
  }
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export const INSTALL_HINT = `No Chromium found for the browser tests.
Looked at $CHROMIUM_PATH, /usr/bin/chromium and Playwright's own browsers.
Install one of:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  any OS:         npx playwright install chromium
or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again.`;
