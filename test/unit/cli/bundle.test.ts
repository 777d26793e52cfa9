import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script of bin/, without types
import { bundleIsFresh } from '../../../bin/cli-bundle.mjs';

const fresh = bundleIsFresh as (bundle: string, root: string) => boolean;

describe('bin/waymark.mjs runs the bundle only while it is up to date', () => {
  const root = mkdtempSync(join(tmpdir(), 'wm-bundle-'));
  const bundle = join(root, 'dist-cli', 'waymark.mjs');
  const src = join(root, 'src', 'a.ts');
  const at = (f: string, s: number) => utimesSync(f, s, s);
  const setup = () => {
    rmSync(join(root, 'dist-cli'), { recursive: true, force: true });
    mkdirSync(join(root, 'dist-cli'), { recursive: true });
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(src, 'export {}');
    writeFileSync(bundle, '// bundle');
    writeFileSync(join(root, 'dist-cli', 'inputs.json'), JSON.stringify(['src/a.ts']));
    at(src, 1000);
    at(bundle, 2000);
  };

  it('fresh when every input is older than the bundle', () => {
    setup();
    expect(fresh(bundle, root)).toBe(true);
  });
  it('stale when a source was edited after the build', () => {
    setup();
    at(src, 3000);
    expect(fresh(bundle, root)).toBe(false);
  });
  it('stale when an input is gone, or the inputs list or the bundle is missing', () => {
    setup();
    rmSync(src);
    expect(fresh(bundle, root)).toBe(false);
    setup();
    rmSync(join(root, 'dist-cli', 'inputs.json'));
    expect(fresh(bundle, root)).toBe(false);
    setup();
    rmSync(bundle);
    expect(fresh(bundle, root)).toBe(false);
  });
});
