import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './main';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';

/**
 * docs/cli.md shows the JSON that `score --format json` and `explain` print. These tests run the
 * commands and check that each example has exactly the keys and nesting of the real output
 * (values may be rounded; lists may be shortened), so the documentation cannot drift.
 */
const FX = 'test/fixtures/playbooks';

async function run(...argv: string[]): Promise<unknown> {
  let out = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: () => {}, cwd: ROOT });
  expect(code).toBe(0);
  return JSON.parse(out);
}

/** The JSON example that follows `<!-- json-shape: NAME -->` in docs/cli.md. */
function docExample(name: string): unknown {
  const md = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
  const m = new RegExp(`<!-- json-shape: ${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(
    md,
  );
  if (!m) throw new Error(`docs/cli.md has no json-shape block "${name}"`);
  return JSON.parse(m[1]);
}

/**
 * Where `doc` differs in shape from `real`: keys (both ways), nesting, and the JSON type of each
 * value. A list in the doc may be shorter; its elements are compared with the real ones in order.
 */
function shapeDiff(doc: unknown, real: unknown, path = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(doc) !== kind(real)) return [`${path}: ${kind(doc)} in the doc, ${kind(real)} in fact`];
  if (Array.isArray(doc) && Array.isArray(real)) {
    if (doc.length === 0 && real.length) return [`${path}: an empty list in the doc`];
    if (doc.length > real.length)
      return [`${path}: ${doc.length} elements, ${real.length} in fact`];
    return doc.flatMap((d, i) => shapeDiff(d, real[i], `${path}[${i}]`));
  }
  if (kind(doc) !== 'object') return [];
  const d = doc as Record<string, unknown>;
  const r = real as Record<string, unknown>;
  const out: string[] = [];
  for (const k of Object.keys(r)) if (!(k in d)) out.push(`${path}.${k}: missing in the doc`);
  for (const k of Object.keys(d)) {
    if (!(k in r)) out.push(`${path}.${k}: not in the real output`);
    else out.push(...shapeDiff(d[k], r[k], `${path}.${k}`));
  }
  return out;
}

setCliLanguage('en');

describe('docs/cli.md JSON examples have the real output shape', () => {
  it('score --format json', async () => {
    const real = await run(
      'score',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--format',
      'json',
    );
    expect(shapeDiff(docExample('score'), real)).toEqual([]);
  });

  it('explain', async () => {
    const real = await run(
      'explain',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--account',
      'A002',
    );
    expect(shapeDiff(docExample('explain'), real)).toEqual([]);
  });

  it('shapeDiff names a missing key, an extra key and a changed type', () => {
    expect(shapeDiff({ a: 1, b: { c: 'x' } }, { a: 2, b: { c: 'y' } })).toEqual([]);
    expect(shapeDiff({ a: 1 }, { a: 1, z: 2 })).toEqual(['$.z: missing in the doc']);
    expect(shapeDiff({ a: 1, y: 2 }, { a: 1 })).toEqual(['$.y: not in the real output']);
    expect(shapeDiff({ a: [{ b: 1 }] }, { a: [{ b: '1' }, {}] })).toEqual([
      '$.a[0].b: number in the doc, string in fact',
    ]);
  });
});
