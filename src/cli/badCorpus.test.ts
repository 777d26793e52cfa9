/**
 * The bad-input corpus, as one table: every file in test/fixtures/bad/ (see its README) runs
 * through the code the app uses (import, playbook or project reading) and through the CLI, in
 * English and Japanese, and must be refused with the expected message key at the expected place.
 * New fixtures join by being there: a file without its X.expected.json fails this test.
 */
import { describe, expect, it } from 'vitest';
import { areaOf, listFixtures, runCli, runCode, type Fixture } from './testing/badCorpus';

const fixtures = listFixtures();
const RUNS = new Set(['import', 'playbook', 'project']);

describe('bad-input corpus (test/fixtures/bad)', () => {
  it('every fixture has its expectation', () => {
    const missing = fixtures.filter((f) => !f.expected).map((f) => f.name);
    expect(missing).toEqual([]);
    for (const f of fixtures.filter((x) => x.expected?.run !== 'other')) {
      expect(f.expected?.what, f.name).toBeTruthy();
      expect(f.expected?.code, f.name).toBeTruthy();
    }
    // The areas this suite runs hold the inputs of the earlier issues and of issue 13.
    expect(fixtures.filter((f) => RUNS.has(areaOf(f))).length).toBeGreaterThanOrEqual(48);
  });

  const runnable = fixtures.filter((f) => f.expected && RUNS.has(f.expected.run));
  describe.each(runnable.map((f) => [f.name, f] as [string, Fixture]))('%s', (_name, f) => {
    const exp = f.expected!;

    it(`the ${exp.run} code refuses it: ${exp.code} at ${JSON.stringify(exp.where ?? {})}`, () => {
      const got = runCode(f);
      expect(got.code, got.all.join('\n')).toBe(exp.code);
      if (exp.severity) expect(got.severity).toBe(exp.severity);
      expect(got.where, got.all.join('\n')).toMatchObject(exp.where ?? {});
      if (exp.run === 'import' && /\.(csv|tsv)$/.test(f.name)) {
        // The string reader (Shift_JIS, forced options) says the same as the byte reader.
        const str = runCode(f, 'string');
        expect([str.code, str.where]).toEqual([got.code, got.where]);
      }
    });

    it('the CLI refuses it with the place and what to do (en)', async () => {
      const r = await runCli(f, 'en');
      expect(r.exit, r.stderr).toBe(exp.exit ?? 1);
      expect(r.stderr).not.toMatch(/\{\{|undefined|NaN|\[object /);
      for (const s of exp.stderr ?? []) expect(r.stderr).toContain(s);
      const w = exp.where ?? {};
      if (exp.run !== 'project') {
        if (w.row !== undefined) expect(r.stderr).toMatch(new RegExp(`\\b(row|line) ${w.row}\\b`));
        if (w.line !== undefined && w.row === undefined)
          expect(r.stderr).toMatch(new RegExp(`\\bline ${w.line}\\b`));
        if (w.column !== undefined) expect(r.stderr).toContain(`column ${w.column}`);
        if (w.field !== undefined) expect(r.stderr).toContain(w.field);
        if (w.path !== undefined) expect(r.stderr).toContain(w.path);
      }
    });

    it('the CLI says it in Japanese too', async () => {
      const en = await runCli(f, 'en');
      const ja = await runCli(f, 'ja');
      expect(ja.exit).toBe(en.exit);
      expect(ja.stderr).not.toMatch(/\{\{|undefined|NaN|\[object /);
      expect(ja.stderr).not.toBe(en.stderr);
      expect(ja.stderr).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      const w = exp.where ?? {};
      if (exp.run === 'import' && w.row !== undefined) expect(ja.stderr).toContain(String(w.row));
    });
  });
});
