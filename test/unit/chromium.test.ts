import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium, INSTALL_HINT } from '../e2e/chromium.mjs';

describe('findChromium (npm test needs a Chromium)', () => {
  it('prefers $CHROMIUM_PATH when it exists', () => {
    const found = findChromium({
      env: { CHROMIUM_PATH: '/opt/c/chrome' },
      exists: () => true,
      playwrightPath: '',
    });
    expect(found).toBe('/opt/c/chrome');
  });

  it('falls back to Debian, then to Playwright’s own browser', () => {
    const has = (set: string[]) => (p: string) => set.includes(p);
    expect(
      findChromium({
        env: { CHROMIUM_PATH: '/nonexistent' },
        exists: has(['/usr/bin/chromium']),
        playwrightPath: '/pw/chrome',
      }),
    ).toBe('/usr/bin/chromium');
    expect(
      findChromium({ env: {}, exists: has(['/pw/chrome']), playwrightPath: '/pw/chrome' }),
    ).toBe('/pw/chrome');
  });

  it('returns null when there is none, and the hint says how to install one', () => {
    expect(
      findChromium({
        env: { CHROMIUM_PATH: '/nonexistent' },
        exists: () => false,
        playwrightPath: '/pw/chrome',
      }),
    ).toBeNull();
    expect(INSTALL_HINT).toMatch(/apt-get install -y chromium/);
    expect(INSTALL_HINT).toMatch(/npx playwright install chromium/);
    expect(INSTALL_HINT).toMatch(/CHROMIUM_PATH/);
  });

  it('looks in the documented order', () => {
    expect(chromiumCandidates({ env: { CHROMIUM_PATH: '/x' }, playwrightPath: '/pw' })).toEqual([
      '/x',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/pw',
    ]);
  });

  it('the e2e runner fails with the hint when no Chromium is found', () => {
    const r = spawnSync(process.execPath, ['test/e2e/run.mjs'], {
      env: { ...process.env, WAYMARK_CHROMIUM_NONE: '1' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No Chromium found');
  });
});
