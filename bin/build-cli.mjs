#!/usr/bin/env node
// `npm run build:cli` (and the `prepare` script, run by `npm install` / `npm ci`): bundles the CLI
// into dist-cli/ (waymark.mjs, its chunks, scoreWorker.mjs, inputs.json). Without esbuild (an install that omitted dev dependencies) it says so
// and leaves the CLI on tsx, which still works, only slower to start.
import { buildBundle, BUNDLE } from './cli-bundle.mjs';
import { relative } from 'node:path';

try {
  const { inputs, caches } = await buildBundle();
  process.stderr.write(
    `waymark: CLI bundled into ${relative(process.cwd(), BUNDLE)} (${inputs} inputs, ${caches} code cache${caches === 1 ? '' : 's'})\n`,
  );
} catch (e) {
  process.stderr.write(
    `waymark: CLI not bundled (${e?.code ?? e?.message ?? e}); bin/waymark.mjs will run the TypeScript sources through tsx\n`,
  );
}
