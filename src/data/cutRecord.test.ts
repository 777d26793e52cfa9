import { describe, expect, it } from 'vitest';
import { importAccountFile } from './importFile';
import { ImportError } from './issues';
import { demoContract, utf8 } from './testing/helpers';

const HEAD = 'account_id,company_name,mrr\nU1,株式会社あ,100\n';
const read = (text: string, csvPath?: 'string') =>
  importAccountFile(utf8(text), 'f.csv', demoContract, csvPath ? { csvPath } : {});
const codeOf = (text: string, csvPath?: 'string') => {
  try {
    read(text, csvPath);
    return 'ok';
  } catch (e) {
    if (e instanceof ImportError) return `${e.issue.code}@${e.issue.params.offset ?? ''}`;
    throw e;
  }
};

// Both CSV readers (bytes and decoded text) say the same.
describe.each([undefined, 'string' as const])('a file cut between characters (reader %s)', (p) => {
  it('a short last row with no final line break is a cut, at the byte where the file ends', () => {
    const text = HEAD + 'U2,株式会社い';
    expect(codeOf(text, p)).toBe(`truncated_record@${utf8(text).length}`);
  });

  it('a quote opened on the last line and never closed is a cut', () => {
    const text = HEAD + 'U2,"株式会社';
    expect(codeOf(text, p)).toBe(`truncated_quote@${utf8(text).length}`);
  });

  it('a complete file lacking only its final line break is read as it is', () => {
    const r = read(HEAD + 'U2,株式会社い,200', p);
    expect(r.report.rowsImported).toBe(2);
    expect(r.report.issues).toEqual([]);
  });

  it('a short last row followed by a line break is a short row, not a cut', () => {
    const r = read(HEAD + 'U2,株式会社い\n', p);
    expect(r.report.issues.map((i) => i.code)).toContain('ragged_row');
  });

  it('a short row before the last one is a short row, not a cut', () => {
    const r = read(HEAD + 'U2,い\nU3,う,300', p);
    expect(r.report.issues.map((i) => i.code)).toEqual(['ragged_row', 'missing_required']);
  });

  it('a stray quote that runs from an earlier line to the end is an open quote, not a cut', () => {
    expect(codeOf(HEAD + 'U2,"stray,200\nU3,う,300', p)).not.toMatch(/^truncated/);
  });
});
