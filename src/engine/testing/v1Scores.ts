/**
 * Scores every valid v1 playbook fixture and template over seeded synthetic accounts, as a
 * SHA-256 of the JSON result per file. The committed hashes were produced by the code before
 * the v2 format existed, so the test proves v1 files score byte for byte as they did.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../util/random';
import { tableFromRows } from '../../table/columns';
import { readPlaybookDocument } from '../readPlaybook';
import { compilePlaybook } from '../compile';
import { scoreTable } from '../score';
import { resultToJson } from '../resultWriter';
import { ROOT } from './demo';

export const V1_FILES = [
  'test/fixtures/playbooks/demo.playbook.json',
  'test/fixtures/editors/import-good.playbook.json',
  ...readdirSync(join(ROOT, 'templates'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `templates/${f}`),
];

const WORDS = ['strong', 'normal', 'weak', 'onboarding', 'adoption', 'value', 'pro', 'x'];

/** SHA-256 of the JSON scores of `file` over 300 seeded accounts as of 2026-11-23. */
export function scoreHash(file: string): string {
  const r = readPlaybookDocument(readFileSync(join(ROOT, file)));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  const pb = r.playbook;
  const rand = rng(42);
  const stageIds = pb.stages.map((s) => s.id);
  const rows = Array.from({ length: 300 }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const f of pb.fields.fields) {
      if (f.id === pb.fields.accountKey) {
        row[f.id] = `A${i}`;
        continue;
      }
      if (rand() < 0.1) continue; // missing
      const x = rand();
      if (f.type === 'number') row[f.id] = Math.round(x * 2000) / 4 - 50;
      else if (f.type === 'integer') row[f.id] = Math.floor(x * 120);
      else if (f.type === 'boolean') row[f.id] = x < 0.5;
      else if (f.type === 'date')
        row[f.id] = new Date(Date.UTC(2025, 0, 1 + Math.floor(x * 900))).toISOString().slice(0, 10);
      else if (f.type === 'category') {
        const vals = f.id === 'stage' && stageIds.length ? stageIds : (f.values ?? WORDS);
        row[f.id] = vals[Math.floor(x * vals.length)];
      } else row[f.id] = WORDS[Math.floor(x * WORDS.length)];
    }
    return row;
  });
  const types = Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));
  const c = compilePlaybook(pb, { asOf: '2026-11-23' });
  if (!c.ok) throw new Error(`${file}: ${JSON.stringify(c.issues)}`);
  const json = resultToJson(scoreTable(c.compiled, tableFromRows(rows, types)));
  return createHash('sha256').update(json).digest('hex');
}
