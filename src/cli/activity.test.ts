import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';
import { extractActivityArgs } from './activity';
import { runCli } from './testing/runCli';

const cli = (argv: string[]) => runCli(...argv);

const BAD = 'test/fixtures/bad/activity';
const FX = 'test/fixtures/activity';
const GOOD = [
  'score',
  `${FX}/playbook.json`,
  `${FX}/accounts.csv`,
  '--activity',
  `logins=${FX}/logins.csv`,
  `--activity=contacts=${FX}/contacts.csv`,
];

afterEach(() => setCliLanguage('en'));

describe('waymark score --activity: bad input fixtures', () => {
  const cases = readdirSync(join(ROOT, BAD)).filter((f) => f.endsWith('.expected.json'));
  it('has a fixture for each bad input', () => expect(cases.length).toBeGreaterThanOrEqual(7));
  for (const f of cases) {
    it(f.replace('.expected.json', ''), async () => {
      const x = JSON.parse(readFileSync(join(ROOT, BAD, f), 'utf8')) as {
        command: string[];
        exitCode: number;
        stderrIncludes: string[];
      };
      setCliLanguage('en');
      const r = await cli(x.command);
      expect(r.code, r.err).toBe(x.exitCode);
      for (const s of x.stderrIncludes) expect(r.err).toContain(s);
      // The same problem in Japanese: no English template text left, no unfilled {{…}}.
      setCliLanguage('ja');
      const ja = await cli(x.command);
      expect(ja.code).toBe(x.exitCode);
      expect(ja.err).not.toMatch(
        /\{\{|is not a date|matches no account|no file was given|not valid JSON/,
      );
    });
  }
});

describe('waymark score / explain with activity files', () => {
  it('scores with the aggregates and fires "logins fell by half"', async () => {
    setCliLanguage('en');
    const r = await cli([...GOOD, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('logins.csv (logins): 8 of 8 events counted');
    const rows = (
      JSON.parse(r.out) as {
        accounts: {
          account_id: string;
          measures: Record<string, { raw: unknown }>;
          ctas: { id: string }[];
        }[];
      }
    ).accounts;
    // B: 1 login in the last 30 days (2026-01-20) against 4 in the 30 before → −75 %.
    const b = rows.find((x) => x.account_id === 'B')!;
    expect(b.measures.logins30.raw).toBe(1);
    expect(b.ctas.map((c) => c.id)).toContain('logins_halved');
    const a = rows.find((x) => x.account_id === 'A')!;
    expect(a.measures.logins30.raw).toBe(2);
    expect(a.ctas.map((c) => c.id)).not.toContain('logins_halved');
  });

  it('explain lists which events counted, by file line', async () => {
    const r = await cli([
      'explain',
      `${FX}/playbook.json`,
      `${FX}/accounts.csv`,
      '--account',
      'B',
      '--activity',
      `logins=${FX}/logins.csv`,
      '--activity',
      `contacts=${FX}/contacts.csv`,
    ]);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as {
      activity: { aggregate: string; eventCount: number; events: { line: number }[] }[];
    };
    const change = e.activity.find((x) => x.aggregate === 'change(count(logins, 30d))')!;
    // Line 4 is in the last 30 days; lines 5–8 in the 30 days before.
    expect(change.eventCount).toBe(5);
    expect(change.events.map((x) => x.line)).toEqual([5, 6, 7, 8, 4]);
  });

  it('parses --activity forms and refuses malformed ones', () => {
    expect(extractActivityArgs(['a', '--activity', 'x=f.csv', '--activity=y=g=h.csv'])).toEqual({
      rest: ['a'],
      activity: [
        { source: 'x', file: 'f.csv' },
        { source: 'y', file: 'g=h.csv' },
      ],
    });
    expect(() => extractActivityArgs(['--activity', 'x'])).toThrow(/SOURCE=FILE/);
    expect(() => extractActivityArgs(['--activity', 'x=a', '--activity', 'x=b'])).toThrow(/twice/);
  });
});
