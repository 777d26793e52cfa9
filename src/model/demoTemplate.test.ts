import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../engine/testing/demo';
import { localiseTemplate } from './templateText';
import { Project } from './project';
import { instantiateTemplate } from './templates';

/**
 * templates/demo.json is the plain, English-only demo project the CLI, benches and tests read
 * (`waymark score templates/demo.json …`); templates/i18n/demo.json is its two-language source,
 * which the app instantiates in the UI language. The plain file is the source in English:
 * regenerate it with `WAYMARK_WRITE_DEMO=1 npx vitest run src/model/demoTemplate.test.ts`.
 */
describe('the plain demo project', () => {
  const source = JSON.parse(readFileSync(join(ROOT, 'templates/i18n/demo.json'), 'utf8'));
  const plainPath = join(ROOT, 'templates/demo.json');
  const english = localiseTemplate(source, 'en');
  if (process.env.WAYMARK_WRITE_DEMO)
    writeFileSync(plainPath, JSON.stringify(english, null, 2) + '\n');

  it('is templates/i18n/demo.json in English, and a valid project as written', () => {
    const plain = JSON.parse(readFileSync(plainPath, 'utf8'));
    expect(plain, 'templates/demo.json is stale: see the comment above').toEqual(english);
    expect(Project.safeParse(plain).success).toBe(true);
    // Field labels are {ja, en} in every project; every other text is English.
    expect(JSON.stringify({ ...plain, fields: null })).not.toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
  });
});

/**
 * Owner roles are user data once a project exists (matched by filters, exports and routing, and
 * never translated afterwards); a new demo takes them in the UI language, like its other texts.
 */
describe('the demo’s owner roles', () => {
  const owners = (lang: 'ja' | 'en') => {
    const p = instantiateTemplate('demo', { lang });
    return [
      ...p.ctas.map((c) => c.ownerRole),
      ...p.routing.rules.map((r) => r.owner),
      p.routing.defaultOwner,
    ];
  };
  it('are in the UI language the demo is made in', () => {
    expect(new Set(owners('en'))).toEqual(
      new Set(['CS Ops', 'CS high-touch', 'Inside sales', 'Sales', 'CS']),
    );
    expect(new Set(owners('ja'))).toEqual(
      new Set(['CS Ops', 'CS ハイタッチ', 'インサイドセールス', '営業', 'CS']),
    );
  });
});
