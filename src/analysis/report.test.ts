import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateProject, type Diagram } from '../model';
import { lintDiagram } from './lint';
import { findingsReport } from './report';

const load = (f: string): Diagram => {
  const m = migrateProject(
    JSON.parse(readFileSync(resolve(__dirname, '../../test/fixtures/prep', f), 'utf8')),
  );
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  return m.project.diagrams[0];
};

describe('findings report (Markdown / CSV, ja / en)', () => {
  const d = load('sales-proposal-reviewed.json');
  const input = [{ diagram: d, lint: lintDiagram(d), preset: 'recommended' }];

  it('Markdown in English: counts, each finding with severity, deliverables and question', () => {
    const md = findingsReport(input, 'md', 'en');
    expect(md).toContain('# Findings: 営業提案 / Sales proposal');
    expect(md).toContain('1 error, 4 warnings, 0 notices; 1 dismissed. Preset: Recommended.');
    const first = md.split('\n## ')[1];
    expect(first).toMatch(/^1\. Error: Insufficient inputs/);
    expect(first).toContain('- **Deliverables**: 顧客承認, 提案書');
    expect(first).toContain(
      '- **Ask the customer**: What else do you look at when you make “顧客承認”',
    );
    expect(md).toContain('- **Status**: accepted');
    expect(md).toContain('## Dismissed findings (1)');
    expect(md).toContain('田中さんも業界を担当できる');
    expect(md).not.toMatch(/\(s\)|\*[^*\s][^*]*\*(?!\*)/);
  });

  it('Markdown in Japanese', () => {
    const md = findingsReport(input, 'md', 'ja');
    expect(md).toContain('# 指摘一覧: 営業提案 / Sales proposal');
    expect(md).toContain('エラー 1件、警告 4件、お知らせ 0件。却下 1件。');
    expect(md).toContain('- **顧客への質問**: 「顧客承認」を作るときに');
  });

  it('CSV: a header, one row per finding (dismissed ones last, with their note), quoted fields', () => {
    const csv = findingsReport(input, 'csv', 'en');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'diagram,no,severity,rule,deliverables,finding,question,downstream,on path to final,across organisations,status,note',
    );
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toMatch(
      /^営業提案 \/ Sales proposal,1,Error,Insufficient inputs,"顧客承認, 提案書",/,
    );
    expect(lines[6]).toContain('dismissed,田中さんも業界を担当できる');
    expect(lines[6]).toContain(',3,yes,yes,');
    const ja = findingsReport(input, 'csv', 'ja').split('\r\n')[0];
    expect(ja.startsWith('図,番号,重要度')).toBe(true);
  });

  it('user text cannot break the CSV or start a spreadsheet formula', () => {
    const evil: Diagram = {
      ...d,
      nodes: d.nodes.map((n) => (n.id === 'approval' ? { ...n, label: '=HYPERLINK("x"),\n2' } : n)),
    };
    const csv = findingsReport(
      [{ diagram: evil, lint: lintDiagram(evil), preset: 'recommended' }],
      'csv',
      'en',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x""),\n2, 提案書"`);
  });
});
