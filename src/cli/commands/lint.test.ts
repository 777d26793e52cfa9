import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { lintCommand } from './lint';
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
    expect(svc).toMatchObject({ nodeId: 'svc', severity: 'error', label: '追加サービス' });
    expect(svc.message.ja).toContain('追加サービス');
    expect(svc.question.en).toMatch(/\?$/);
  });

  it('--diagram picks one diagram by id or name', async () => {
    const { cli, out } = io();
    await lintCommand.run(['templates/prep-feature.json', '--diagram', 'feature_real'], cli);
    expect(JSON.parse(out.stdout).diagrams).toHaveLength(1);
    const b = io();
    await lintCommand.run(
      ['templates/prep-feature.json', '--diagram', '機能追加 (実際) / Adding a feature (real)'],
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
