import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { lintCommand } from './lint';
import { main } from '../main';
import { setCliLanguage } from '../messages';
import type { CliIO } from '../types';

const root = resolve(__dirname, '../../..');
function io() {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = {
    stdout: (s) => void (out.stdout += s),
    stderr: (s) => void (out.stderr += s),
    cwd: root,
  };
  return { cli, out };
}

describe('waymark lint', () => {
  setCliLanguage('en');

  it('prints the findings of every diagram as JSON and exits 1 when one is an error', async () => {
    const { cli, out } = io();
    expect(await lintCommand.run(['templates/prep-feature.json'], cli)).toBe(1);
    const r = JSON.parse(out.stdout);
    expect(r.diagrams.map((d: { id: string }) => d.id)).toEqual(['feature_naive', 'feature_real']);
    const naive = r.diagrams[0];
    expect(naive.errors).toBe(2);
    const svc = naive.findings.find((f: { rule: string }) => f.rule === 'insufficient-inputs');
    // The template's {ja, en} texts are read in the report's language (en here).
    expect(svc).toMatchObject({ nodeId: 'svc', severity: 'error', label: 'Additional service' });
    expect(svc.message.en).toContain('Additional service');
    expect(svc.question.en).toMatch(/\?$/);
  });

  it('--diagram picks one diagram by id or name', async () => {
    const { cli, out } = io();
    await lintCommand.run(['templates/prep-feature.json', '--diagram', 'feature_real'], cli);
    expect(JSON.parse(out.stdout).diagrams).toHaveLength(1);
    const b = io();
    await lintCommand.run(
      ['templates/prep-feature.json', '--diagram', 'Adding a feature (real)'],
      b.cli,
    );
    expect(JSON.parse(b.out.stdout).diagrams[0].id).toBe('feature_real');
  });

  it('exits 0 on a diagram without error findings', async () => {
    const { cli, out } = io();
    expect(await lintCommand.run(['test/fixtures/prep/clean-project.json'], cli)).toBe(0);
    expect(JSON.parse(out.stdout).diagrams[0].errors).toBe(0);
  });

  it('the relaxed preset turns errors into warnings', async () => {
    const { cli, out } = io();
    expect(await lintCommand.run(['templates/prep-feature.json', '--preset', 'relaxed'], cli)).toBe(
      0,
    );
    expect(JSON.parse(out.stdout).diagrams[0].warnings).toBeGreaterThan(0);
  });

  it('names the unknown diagram and lists the ones there are', async () => {
    const { cli, out } = io();
    expect(await lintCommand.run(['templates/prep-feature.json', '--diagram', 'nope'], cli)).toBe(
      1,
    );
    expect(out.stderr).toContain('"nope"');
    expect(out.stderr).toContain('feature_naive, feature_real');
  });

  it('reports invalid JSON with the parser position', async () => {
    const { cli, out } = io();
    expect(await lintCommand.run(['test/fixtures/prep/truncated.json'], cli)).toBe(1);
    expect(out.stderr).toMatch(/truncated\.json: not valid JSON/);
  });

  it('reports schema problems by JSON path', async () => {
    const { cli, out } = io();
    expect(await lintCommand.run(['test/fixtures/prep/invalid-node.json'], cli)).toBe(1);
    expect(out.stderr).toContain('$.diagrams[0].nodes[1].kind');
    expect(out.stderr).toContain('$.diagrams[0].nodes[2].leadTimeDays');
    const b = io();
    expect(await lintCommand.run(['test/fixtures/prep/not-project.json'], b.cli)).toBe(1);
    expect(b.out.stderr).toContain('$.schemaVersion');
  });

  it('usage errors: missing file argument, bad preset, unreadable file', async () => {
    await expect(lintCommand.run([], io().cli)).rejects.toThrow(/missing <project.json>/);
    await expect(lintCommand.run(['x.json', '--preset', 'loud'], io().cli)).rejects.toThrow(
      /"loud" is not one of recommended, strict, relaxed/,
    );
    const { cli, out } = io();
    expect(await lintCommand.run(['test/fixtures/prep/missing.json'], cli)).toBe(1);
    expect(out.stderr).toContain('ENOENT');
  });
});

describe('waymark lint: reports and dismissed findings', () => {
  setCliLanguage('en');
  const file = 'test/fixtures/prep/sales-proposal-reviewed.json';

  it('leaves dismissed findings out of the findings and the exit code, and lists them', async () => {
    const { cli, out } = io();
    const plain = io();
    // The sales proposal has two errors; one is dismissed in the reviewed copy.
    expect(await lintCommand.run(['test/fixtures/prep/sales-proposal.json'], plain.cli)).toBe(1);
    expect(JSON.parse(plain.out.stdout).diagrams[0].errors).toBe(2);
    expect(await lintCommand.run([file], cli)).toBe(1);
    const d = JSON.parse(out.stdout).diagrams[0];
    expect(d.errors).toBe(1);
    expect(d.findings.map((f: { key: string }) => f.key)).not.toContain(
      'single-person-dependency@kh',
    );
    expect(d.dismissed).toEqual([
      expect.objectContaining({
        key: 'single-person-dependency@kh',
        review: { status: 'dismissed', note: '田中さんも業界を担当できる' },
        deliverables: ['業界ノウハウ'],
      }),
    ]);
    expect(d.findings[0].impact).toEqual({ reach: 0, finalPath: true, crossOrg: true, score: 4 });
  });

  it('--include-dismissed counts them again', async () => {
    const { cli, out } = io();
    await lintCommand.run([file, '--include-dismissed'], cli);
    const d = JSON.parse(out.stdout).diagrams[0];
    expect(d.errors).toBe(2);
    expect(d.findings[0].key).toBe('single-person-dependency@kh');
  });

  it('--format md and csv print the report, in --lang', async () => {
    const md = io();
    expect(await lintCommand.run([file, '--format', 'md', '--lang', 'ja'], md.cli)).toBe(1);
    expect(md.out.stdout).toContain('# 指摘一覧: 営業提案 / Sales proposal');
    expect(md.out.stdout).toContain('## 却下した指摘 (1)');
    const csv = io();
    await lintCommand.run([file, '--format', 'csv'], csv.cli);
    // A UTF-8 BOM first, as the editor's CSV download, so Excel reads Japanese text right.
    expect(csv.out.stdout.split('\r\n')[0]).toMatch(
      /^\uFEFFdiagram,no,severity,rule,deliverables,/,
    );
    const plain = io();
    await lintCommand.run([file, '--format', 'csv', '--no-bom'], plain.cli);
    expect(plain.out.stdout).toBe(csv.out.stdout.slice(1));
  });

  it('an unknown --format or --lang is a usage error naming the choices', async () => {
    const { cli } = io();
    await expect(lintCommand.run([file, '--format', 'xml'], cli)).rejects.toThrow(
      '--format "xml" is not one of json, md, csv.',
    );
    await expect(lintCommand.run([file, '--lang', 'fr'], cli)).rejects.toThrow(
      '--lang "fr" is not one of ja, en.',
    );
  });
});

describe('waymark lint in both languages', () => {
  async function run(argv: string[]) {
    const { cli, out } = io();
    const code = await main(argv, cli);
    return { code, ...out };
  }

  it('prints its usage and usage errors in Japanese when LANG is ja', async () => {
    setCliLanguage('ja');
    try {
      const help = await run(['lint', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^使い方: waymark lint <project\.json>/);
      expect(help.stdout).toContain('[--preset recommended|strict|relaxed]');
      expect(help.stdout).toContain('重大度のプリセット: recommended, strict, relaxed');
      expect(help.stdout).toContain('終了コード:');
      expect(help.stdout).not.toMatch(/\{\{|Runs the PReP/);
      const none = await run(['lint']);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('プロジェクトファイル <project.json> を指定してください');
      const two = await run(['lint', 'a.json', 'b.json']);
      expect(two.stderr).toContain('余分な引数 "b.json"');
      const top = await run(['--help']);
      expect(top.stdout).toContain('PReP 図の指摘を JSON・Markdown・CSV で出力');
    } finally {
      setCliLanguage('en');
    }
  });

  it('and in English otherwise', async () => {
    const help = await run(['lint', '--help']);
    expect(help.stdout).toMatch(/^Usage: waymark lint <project\.json>/);
    expect(help.stdout).toContain('severities: recommended, strict, relaxed (default recommended)');
    expect((await run(['lint', 'a.json', 'b.json'])).stderr).toContain(
      'unexpected argument "b.json"',
    );
  });
});
