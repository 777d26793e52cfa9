import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ImportIssue, ImportIssueCode } from '../data';
import en from '../i18n/en/data';
import ja from '../i18n/ja/data';
import { fillTemplate } from '../i18n/template';
import { issueText } from '../ui/data/issueText';
import { formatImportIssue } from './importIssue';

/** i18next's t over the English `data` strings, enough for issueText. */
const tEn = ((key: string, p: Record<string, unknown> = {}) => {
  let o: unknown = en;
  for (const k of key.replace(/^data:/, '').split('.'))
    o = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
  return typeof o === 'string' ? fillTemplate(o, p) : (p.defaultValue as string);
}) as unknown as TFunction;

const FILE = 'accounts-2024.csv';
const count = (s: string, sub: string) => s.split(sub).length - 1;

/** Every issue code, at a place (row, column): as the importer reports a bad cell or line. */
const issues: ImportIssue[] = (Object.keys(en.issue) as ImportIssueCode[]).map((code) => ({
  code,
  severity: 'error',
  file: FILE,
  row: 3,
  column: 2,
  header: 'MRR',
  raw: 'x',
  params: { detail: 'Unexpected token', line: 3, offset: 17, row: 3, lines: '3' },
  message: `${FILE}, line 3: ${code}`,
}));

describe('import issue text names the file once', () => {
  it.each(issues.map((i) => [i.code, i] as const))('%s in Japanese (CLI)', (_, i) => {
    const s = formatImportIssue(i, 'ja');
    expect(count(s, FILE), s).toBe(1);
  });
  it.each(issues.map((i) => [i.code, i] as const))('%s in the app (en)', (_, i) => {
    const s = issueText(tEn, i);
    expect(count(s, FILE), s).toBe(1);
  });
  it('bad_json at a line: the file, then the line, then the problem', () => {
    const i = issues.find((x) => x.code === 'bad_json')!;
    expect(formatImportIssue(i, 'ja')).toBe(
      `${FILE}, 行 3, 列 2 (MRR): JSON として読めません (Unexpected token)。ファイルを直すか、もう一度書き出してください。`,
    );
    expect(issueText(tEn, i)).toBe(
      `${FILE}, Row 3, Column 2 (MRR): not valid JSON (Unexpected token). Fix the file or export it again.`,
    );
  });
  it('a template names the file in Japanese exactly when it does in English', () => {
    for (const code of Object.keys(en.issue) as (keyof typeof en.issue)[])
      expect(ja.issue[code].includes('{{file}}'), code).toBe(en.issue[code].includes('{{file}}'));
  });
});
