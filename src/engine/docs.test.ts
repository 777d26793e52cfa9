import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPlaybook } from '../playbook/validate';
import { ROOT } from './testing/demo';

describe('docs/playbook-format.md', () => {
  it('its complete example is a valid playbook', () => {
    const md = readFileSync(join(ROOT, 'docs', 'playbook-format.md'), 'utf8');
    const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    const r = readPlaybook(JSON.parse(blocks[blocks.length - 1]));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });
});
