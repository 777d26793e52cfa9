/**
 * The file and the contract never disagree silently (issue 19): the CLI names the sheet it read,
 * every field without a column with what that does to the score, and the columns no field uses
 * — in English and Japanese — and reads .xlsx with --sheet like CSV.
 */
import { describe, expect, it } from 'vitest';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';
import { runCli } from './testing/runCli';

const PB = 'test/fixtures/playbooks/demo.playbook.json';
const MIXED = 'test/fixtures/bad/import/percent-mixed.csv';
const XLSX = 'test/fixtures/xlsx/crm_export.xlsx';

async function cli(lang: 'en' | 'ja', ...argv: string[]) {
  setCliLanguage(lang);
  const r = await runCli(...argv);
  setCliLanguage('en');
  return r;
}

describe('score: contract gaps on stderr', () => {
  it('a field read by a measure and missing from the file: "missing for every account: its weight is rescaled away"', async () => {
    const r = await cli('en', 'score', PB, MIXED, '--as-of', '2026-01-01');
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'field "Relationship" (relationship) has no column in this file: Relationship missing for every account: its weight is rescaled away (measures: Relationship).',
    );
    // Fields no measure reads are named once, together.
    expect(r.err).toMatch(
      /\d+ field\(s\) have no column in this file; no measure reads them.*Industry \(industry\)/,
    );
    expect(r.err.match(/no measure reads/g)).toHaveLength(1);
    const ja = await cli('ja', 'score', PB, MIXED, '--as-of', '2026-01-01');
    expect(ja.err).toContain('関係性 がすべてのアカウントで欠損: その重みは他の指標に按分されます');
    expect(ja.err).toContain('% 付きのセル 2 件');
  });

  it('missing: zero says the measure scores 0 points', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const pb = JSON.parse(readFileSync(join(ROOT, PB), 'utf8'));
    pb.health.missing = 'zero';
    const dir = mkdtempSync(join(tmpdir(), 'wm-gaps-'));
    writeFileSync(join(dir, 'pb.json'), JSON.stringify(pb));
    const r = await cli('en', 'score', join(dir, 'pb.json'), MIXED, '--as-of', '2026-01-01');
    expect(r.err).toContain('Relationship missing for every account: it scores 0 points');
  });

  it('the sheet read and the unused columns are said, with the command that proposes fields', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = await cli('en', 'fields', XLSX, '--format', 'json');
    const pb = JSON.parse(f.out);
    pb.fields.fields = pb.fields.fields.filter(
      (x: { id: string }) => x.id !== '備考' && x.id !== '担当者',
    );
    const dir = mkdtempSync(join(tmpdir(), 'wm-gaps-'));
    writeFileSync(join(dir, 'pb.json'), JSON.stringify(pb));
    const r = await cli('en', 'score', join(dir, 'pb.json'), XLSX, '--as-of', '2026-01-01');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('crm_export.xlsx: read sheet "顧客一覧" (sheets: 表紙, 顧客一覧');
    expect(r.err).toContain(
      'crm_export.xlsx: 2 column(s) not used by any field: 担当者, 備考. `waymark fields crm_export.xlsx`',
    );
  });
});

describe('xlsx in the CLI', () => {
  it('fields reads the workbook; --sheet picks a sheet; an unknown sheet is refused with the list (en, ja)', async () => {
    const r = await cli('en', 'fields', XLSX, '--format', 'json');
    expect(r.code).toBe(0);
    const pb = JSON.parse(r.out);
    const login = pb.fields.fields.find((f: { id: string }) => f.id === 'ログイン率');
    expect(login).toMatchObject({ type: 'number', unit: '%' });
    const bad = await cli('en', 'fields', XLSX, '--sheet', 'Accounts');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('no sheet "Accounts" (its sheets: 表紙, 顧客一覧)');
    const ja = await cli('ja', 'fields', XLSX, '--sheet', 'Accounts');
    expect(ja.err).toContain('シート「Accounts」がありません');
    const empty = await cli('en', 'fields', XLSX, '--sheet', '表紙');
    expect(empty.err).toContain('sheet "表紙" is empty');
  });

  it('the workbook and the Shift_JIS CSV of the same export score the same with the inferred contract', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wm-xlsx-'));
    const f = await cli(
      'en',
      'fields',
      'test/fixtures/infer/crm_export.sjis.csv',
      '--format',
      'json',
    );
    writeFileSync(join(dir, 'pb.json'), f.out);
    const a = await cli(
      'en',
      'score',
      join(dir, 'pb.json'),
      XLSX,
      '--as-of',
      '2026-01-01',
      '--format',
      'json',
    );
    const b = await cli(
      'en',
      'score',
      join(dir, 'pb.json'),
      'test/fixtures/infer/crm_export.sjis.csv',
      '--as-of',
      '2026-01-01',
      '--format',
      'json',
    );
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(JSON.parse(a.out)).toEqual(JSON.parse(b.out));
  });
});
