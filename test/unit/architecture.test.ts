// The layer rules of .dependency-cruiser.cjs bite, the real tree obeys them, and the committed
// dependency graph (docs/dependency-graph.md) matches the code.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, render } from '../../bin/dependency-graph.mjs';

const ROOT = join(__dirname, '..', '..');

// A throwaway tree outside the repo (so neither tsc nor ESLint ever sees it, even when the test
// is interrupted), with one deliberate violation of each rule and clean controls beside them.
const tree: Record<string, string> = {
  'src/ui/View.tsx': 'export const View = 1;\n',
  'src/model/ok.ts': 'export const ok = 1;\n',
  'src/model/upward.ts': "import { View } from '../ui/View';\nexport const up = View;\n",
  'src/model/react.ts': "import { useState } from 'react';\nexport const r = useState;\n",
  'src/engine/p.ts':
    "import { q } from './q';\nexport const p = () => q;\nexport type P = number;\n",
  'src/engine/q.ts': "import { p } from './p';\nexport const q = () => p;\n",
  'src/engine/usesHelper.ts': "import { h } from './testing/helper';\nexport const u = h;\n",
  'src/engine/testing/helper.ts': 'export const h = 1;\n',
  'src/store/runsScoring.ts': "import { p } from '../engine/p';\nexport const s = p;\n",
  'src/store/namesTypes.ts': "import type { P } from '../engine/p';\nexport const n: P = 1;\n",
  'src/nowhere/n.ts': "import { ok } from '../model/ok';\nexport const n = ok;\n",
  'src/expr/setup.ts': "import { i18n } from '../i18n/index';\nexport const e = i18n;\n",
  'src/i18n/index.ts': 'export const i18n = 1;\n',
  'src/engine/devDep.ts': "import Papa from 'papaparse';\nexport const d = Papa;\n",
  'src/model/typo.ts': "import { x } from './nope';\nexport const y = x;\n",
  // Tests may reach up the stack for fixtures.
  'src/model/ok.test.ts': "import { q } from '../engine/q';\nexport const t = q;\n",
};

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-depcruise-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fail on a deliberate violation of each rule, and only there', () => {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(ROOT, 'tsconfig.json')));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');

    const found = cruise(dir)
      // node_modules is a symlink to the repo's: name packages by their path inside it.
      .summary.violations.map(
        (v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`,
      )
      .sort();
    expect(found).toEqual(
      [
        'i18next-setup-is-ui: src/expr/setup.ts → src/i18n/index.ts',
        'known-layer: src/nowhere/n.ts → src/model/ok.ts',
        'layer-model: src/model/upward.ts → src/ui/View.tsx',
        'no-circular: src/engine/p.ts → src/engine/q.ts',
        'no-react-below-ui: src/model/react.ts → node_modules/react/index.js',
        'no-test-code-in-production: src/engine/usesHelper.ts → src/engine/testing/helper.ts',
        'no-dev-dependency-in-production: src/engine/devDep.ts → node_modules/papaparse/papaparse.js',
        'not-to-unresolvable: src/model/typo.ts → ./nope',
        'store-engine-types-only: src/store/runsScoring.ts → src/engine/p.ts',
      ].sort(),
    );
  });
});

describe('no DOM below src/ui (eslint.config.js)', () => {
  const lint = async (filePath: string) => {
    const [r] = await new ESLint({ cwd: ROOT }).lintText('export const t = document.title;\n', {
      filePath: join(ROOT, filePath),
    });
    return r.messages.map((m) => m.ruleId);
  };

  it('flags a DOM global in the engine, not in the UI', async () => {
    expect(await lint('src/engine/__dom_tmp.ts')).toEqual(['no-restricted-globals']);
    expect(await lint('src/ui/__dom_tmp.ts')).toEqual([]);
  });
});

describe('the real tree', () => {
  const result = cruise();

  it('obeys the rules', () => {
    expect(result.summary.violations).toEqual([]);
  });

  it('matches the committed docs/dependency-graph.md (run `npm run graph` after moving imports)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'dependency-graph.md'), 'utf8')).toBe(render(result));
  });
});

describe('benchmark hooks (VITE_BENCH)', () => {
  it('are not in the production build', () => {
    const out = mkdtempSync(join(tmpdir(), 'waymark-build-'));
    try {
      // vitest itself runs with VITE_BENCH=1 (vite.config.ts): build as `npm run build` does.
      const env = { ...process.env };
      delete env.VITE_BENCH;
      delete env.NODE_ENV; // vitest's 'test' would make a development build
      const r = spawnSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/vite/bin/vite.js'),
          'build',
          '--outDir',
          out,
          '--logLevel',
          'error',
        ],
        { cwd: ROOT, env, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const js = readdirSync(join(out, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(out, 'assets', f), 'utf8'))
        .join('\n');
      // The PReP editor is in there (minified: no development JSX)…
      expect([js.includes('react-flow'), js.includes('jsxDEV')]).toEqual([true, false]);
      // …without its performance marks or the ?bench=prep hook.
      expect(js.includes('waymark:layout-')).toBe(false);
      expect(/get\(\W?bench\W?\)/.test(js)).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
