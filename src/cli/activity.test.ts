import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng } from '../util/random';
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
    // Repeatable for one source, in the order given.
    expect(extractActivityArgs(['--activity', 'x=b', '--activity', 'x=a']).activity).toEqual([
      { source: 'x', file: 'b' },
      { source: 'x', file: 'a' },
    ]);
  });
});

describe('several files for one source = the files concatenated', () => {
  // Random logs with many events at the same account and time (ties across files decide last()
  // and nothing else does), split into three files at random rows: the score output, every
  // format, byte for byte the same as from the whole file; also as a directory and a pattern.
  const pbPath = join(ROOT, FX, 'playbook.json');
  const pb = JSON.parse(readFileSync(pbPath, 'utf8')) as {
    health: { measures: Record<string, unknown>[] };
  };
  const extra = [
    ['users60', 'count_distinct(logins.user, 60d)'],
    ['lastMinutes', 'last(contacts.minutes)'],
    ['minutes90', 'sum(contacts.minutes, 90d)'],
    ['lastKindApi', "count(logins, 90d, where: kind == 'api')"],
  ];
  for (const [id, expr] of extra)
    pb.health.measures.push({
      id,
      label: id,
      dimension: 'engagement',
      expr,
      normalise: { kind: 'linear', min: 0, max: 50 },
      invert: false,
      weight: 1,
    });
  const NAMES = ['アルファ', 'ベータ株式会社', 'Gamma Inc.'];
  const logins = (r: () => number, n: number) =>
    Array.from(
      { length: n },
      (_, k) =>
        `${'ABC'[Math.floor(r() * 3)]},2026-01-${String(1 + Math.floor(r() * 30)).padStart(2, '0')}${r() < 0.5 ? ' 09:00' : ''},u${Math.floor(r() * 9)},${k % 3 ? 'web' : 'api'}`,
    );
  const contacts = (r: () => number, n: number) =>
    Array.from(
      { length: n },
      () =>
        `${NAMES[Math.floor(r() * 3)]},2026-01-${String(1 + Math.floor(r() * 4)).padStart(2, '0')},${Math.floor(r() * 90)},call,はい`,
    );
  for (const seed of [1, 2, 3, 4, 5])
    it(`seed ${seed}: one file and three give the same output`, async () => {
      const r = rng(seed);
      const dir = mkdtempSync(join(tmpdir(), 'wm-act-split-'));
      try {
        writeFileSync(join(dir, 'playbook.json'), JSON.stringify(pb));
        const files = {
          logins: ['account_id,logged_in_at,user,kind', logins(r, 200)] as const,
          contacts: ['会社名,日時,分,チャネル,完了', contacts(r, 120)] as const,
        };
        const whole: string[] = [];
        const parts: string[] = [];
        for (const [src, [head, rows]] of Object.entries(files)) {
          writeFileSync(join(dir, `${src}.csv`), [head, ...rows].join('\n') + '\n');
          whole.push('--activity', `${src}=${join(dir, `${src}.csv`)}`);
          const a = 1 + Math.floor(r() * (rows.length - 2));
          const b = a + Math.floor(r() * (rows.length - a));
          mkdirSync(join(dir, src));
          [rows.slice(0, a), rows.slice(a, b), rows.slice(b)].forEach((p, k) => {
            const f = join(dir, src, `${k}.csv`);
            writeFileSync(f, [head, ...p].join('\n') + '\n');
            parts.push('--activity', `${src}=${f}`);
          });
        }
        const base = ['score', join(dir, 'playbook.json'), join(ROOT, FX, 'accounts.csv')];
        for (const format of ['json', 'csv']) {
          const one = await cli([...base, ...whole, '--format', format]);
          expect(one.code, one.err).toBe(0);
          const three = await cli([...base, ...parts, '--format', format]);
          expect(three.code, three.err).toBe(0);
          expect(three.out).toBe(one.out);
          // A directory (its files in name order) and a pattern: the same.
          const dirs = await cli([
            ...base,
            '--activity',
            `logins=${join(dir, 'logins')}`,
            '--activity',
            `contacts=${join(dir, 'contacts', '*.csv')}`,
            '--format',
            format,
          ]);
          expect(dirs.code, dirs.err).toBe(0);
          expect(dirs.out).toBe(one.out);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

  it('explain names the file of each event; overlapping dates are warned about', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-act-split-'));
    try {
      const lines = readFileSync(join(ROOT, FX, 'logins.csv'), 'utf8')
        .trim()
        .split('\n');
      writeFileSync(join(dir, 'a.csv'), [lines[0], ...lines.slice(1, 5)].join('\n'));
      writeFileSync(join(dir, 'b.csv'), [lines[0], ...lines.slice(5)].join('\n'));
      setCliLanguage('en');
      const r = await cli([
        'explain',
        `${FX}/playbook.json`,
        `${FX}/accounts.csv`,
        '--account',
        'B',
        '--activity',
        `logins=${join(dir, 'a.csv')}`,
        '--activity',
        `logins=${join(dir, 'b.csv')}`,
        '--activity',
        `contacts=${FX}/contacts.csv`,
      ]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/b\.csv has events from 2025-12-11 to 2026-01-01, overlapping a\.csv/);
      const e = JSON.parse(r.out) as {
        activity: { aggregate: string; events: { line: number; file?: string }[] }[];
      };
      const change = e.activity.find((x) => x.aggregate === 'change(count(logins, 30d))')!;
      // The one-file test's lines 5–8 and 4: a.csv's 5, b.csv's 2–4, then a.csv's 4.
      expect(change.events.map((x) => `${x.file}:${x.line}`)).toEqual([
        'a.csv:5',
        'b.csv:2',
        'b.csv:3',
        'b.csv:4',
        'a.csv:4',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
