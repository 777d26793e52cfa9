// Finds a Chromium for the browser tests: $CHROMIUM_PATH, Debian's /usr/bin/chromium, then
// Playwright's own download. Returns null when there is none. The options exist for the unit
// test (test/unit/chromium.test.ts); callers use the defaults.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined; // playwright-core without a browser of its own
  }
}

/** The places looked at, in order. */
export function chromiumCandidates({
  env = process.env,
  playwrightPath = playwrightChromium(),
} = {}) {
  return [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    playwrightPath,
  ].filter(Boolean);
}

export function findChromium({ env = process.env, exists = existsSync, playwrightPath } = {}) {
  // Lets a test see what a machine without any Chromium gets (the hint, exit 1).
  if (env.WAYMARK_CHROMIUM_NONE === '1') return null;
  const list = chromiumCandidates({
    env,
    playwrightPath: playwrightPath === undefined ? playwrightChromium() : playwrightPath,
  });
  return list.find((p) => exists(p)) ?? null;
}

export const INSTALL_HINT = `No Chromium found for the browser tests.
Looked at $CHROMIUM_PATH, /usr/bin/chromium and Playwright's own browsers.
Install one of:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  any OS:         npx playwright install chromium
or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again.`;
