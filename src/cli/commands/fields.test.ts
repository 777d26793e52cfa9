import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setCliLanguage } from '../messages';
import { runCli } from '../testing/runCli';

const SJIS = 'test/fixtures/infer/crm_export.sjis.csv';

const cli = runCli;

describe('waymark fields', () => {
  it('prints the proposal as a table with the reason per column (en and ja)', async () => {
    setCliLanguage('en');
    const r = await cli('fields', SJIS);
    expect(r.code).toBe(0);
    expect(r.out).toContain('shift_jis, 12 rows, 15 columns');
    expect(r.out).toContain('account key: 顧客id   company name: 会社名');
    expect(r.out).toMatch(/月額料金\s+月額料金\s+integer \(円\)\s+amounts in yen/);
    expect(r.out).toMatch(/郵便番号\s+郵便番号\s+string\s+postal codes/);
    setCliLanguage('ja');
    const ja = await cli('fields', SJIS);
    expect(ja.out).toContain('アカウントキー: 顧客id');
    expect(ja.out).toMatch(/ログイン率\s+ログイン率\s+number \(%\)\s+割合/);
    setCliLanguage('en');
  });

  it('--format json gives a playbook that `waymark score` accepts with the same file', async () => {
    setCliLanguage('en');
    const dir = mkdtempSync(join(tmpdir(), 'waymark-fields-'));
    const pb = join(dir, 'crm.playbook.json');
    const r = await cli('fields', SJIS, '--format', 'json', '--out', pb, '--name', 'CRM');
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(pb, 'utf8'));
    expect(doc).toMatchObject({ format: 'waymark-playbook', name: 'CRM' });
    expect(doc.fields.fields).toHaveLength(15);
    expect((await cli('validate', pb)).code).toBe(0);
    const s = await cli('score', pb, SJIS, '--as-of', '2026-11-23', '--format', 'json');
    expect(s.err).toBe('');
    expect(s.code).toBe(0);
    const out = JSON.parse(s.out);
    expect(JSON.stringify(out)).toContain('C0012');
  });

  it('usage errors and unreadable files', async () => {
    setCliLanguage('en');
    const help = await cli('fields', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: waymark fields <data.csv');
    expect((await cli('--help')).out).toMatch(/fields\s+propose a field contract/);
    expect((await cli('fields')).code).toBe(2);
    const f = await cli('fields', SJIS, '--format', 'xml');
    expect(f.code).toBe(2);
    expect(f.err).toContain('--format "xml" is not one of table, json.');
    const e = await cli('fields', SJIS, '--encoding', 'latin1');
    expect(e.err).toContain('--encoding "latin1" is not one of utf-8, shift_jis.');
    const z = await cli('fields', 'test/fixtures/data/zero_bytes.csv');
    expect(z.code).toBe(1);
    expect(z.err).toContain('the file is empty (0 bytes)');
    const png = await cli('fields', 'test/fixtures/data/not_csv.png');
    expect(png.code).toBe(1);
    expect(png.err).toContain('PNG file');
  });
});
