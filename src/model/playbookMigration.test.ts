import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { V1_FILES, scoreHash } from '../engine/testing/v1Scores';
import { ROOT } from '../engine/testing/demo';
import { readPlaybookDocument } from '../engine/readPlaybook';
import { migratePlaybookDoc } from './migrations/playbook';
import { PLAYBOOK_VERSION } from './playbook';

/** Hashes written by the v1-only code (before this version existed): see v1Scores.ts. */
const before = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/playbooks/v1-score-hashes.json'), 'utf8'),
) as Record<string, string>;

describe('playbook v1 → v2', () => {
  it.each(V1_FILES)('%s opens and scores byte for byte as before the migration', (file) => {
    expect(before[file], `no recorded v1 score for ${file}`).toBeDefined();
    expect(scoreHash(file)).toBe(before[file]);
  });

  it('reads a v1 file as the current version, with no activity sources', () => {
    const r = readPlaybookDocument(
      readFileSync(join(ROOT, 'test/fixtures/playbooks/demo.playbook.json')),
    );
    expect(r.ok && r.playbook.version).toBe(PLAYBOOK_VERSION);
    expect(r.ok && r.playbook.activity).toBeUndefined();
  });

  it('runs the chain on a copy and stops at a missing step', () => {
    const doc = { format: 'waymark-playbook', version: 1, name: 'x' };
    const m = migratePlaybookDoc(doc, 2);
    expect(m).toMatchObject({ ok: true, migratedFrom: 1, doc: { version: 2, name: 'x' } });
    expect(doc.version).toBe(1);
    expect(migratePlaybookDoc(doc, 3, { 1: (d) => d })).toMatchObject({
      ok: false,
      path: '$.version',
    });
  });
});
