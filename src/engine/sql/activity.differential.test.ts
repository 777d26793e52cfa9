/**
 * Differential tests for activity aggregates: random sources, windows, filters, empty accounts
 * and boundary timestamps (the as-of day, exactly N days before, 00:00:00 and 23:59:59, events
 * after as-of) give the same raw values, points and CTAs in the JS engine, DuckDB and
 * PostgreSQL (PGlite). Numbers are multiples of 0.25, so sums are exact in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import type { ActivitySource, Playbook } from '../../model';
import { compilePlaybook, playbookToSql, scoreTable, withActivity } from '..';
import { quoteIdent as q, sqlString } from '../../expr';
import { tableFromRows } from '../../table/columns';
import { importActivityFile } from '../../data/activity/importActivity';
import { createTableSql, insertSql } from './loadTable';
import { compareWithSql, type SqlRow } from './compareRows';
import { linearMeasure, miniPlaybook } from '../testing/mini';
import type { ActivityData } from '../../table/activity';

const RUNS = Number(process.env.WAYMARK_DIFF_RUNS ?? 40);
const AS_OF = '2026-03-15';
const AS_OF_DAYS = Date.UTC(2026, 2, 15) / 86_400_000;
const KINDS = ['web', 'api', "o'k"];

const LOGINS: ActivitySource = {
  id: 'logins',
  label: { ja: 'ログイン', en: 'Logins' },
  account: { column: 'acct', match: 'key' },
  time: { column: 'ts' },
  attributes: [
    { id: 'user', label: { ja: 'ユーザー', en: 'User' }, type: 'string' },
    { id: 'kind', label: { ja: '種別', en: 'Kind' }, type: 'category', values: KINDS },
    { id: 'dur', label: { ja: '時間', en: 'Duration' }, type: 'number' },
    { id: 'ok', label: { ja: '成功', en: 'OK' }, type: 'boolean' },
  ],
};
const CONTACTS: ActivitySource = {
  id: '接点',
  label: { ja: '接点', en: 'Contacts' },
  account: { column: '会社名', match: 'name' },
  time: { column: '日時' },
  attributes: [
    { id: 'minutes', label: { ja: '分', en: 'Minutes' }, type: 'number', column: '分' },
    {
      id: 'ch',
      label: { ja: 'チャネル', en: 'Channel' },
      type: 'category',
      values: ['mail', 'visit'],
    },
  ],
};

const windowArb = fc.constantFrom('', ', 1d', ', 7d', ', 30d', ', 90d');
const whereArb = fc.constantFrom(
  '',
  ", where: kind == 'web'",
  ', where: ok',
  ', where: dur > 1 or not ok',
  `, where: kind in ['api', "o'k"]`,
);
const numAgg = fc.oneof(
  fc
    .tuple(windowArb, fc.constantFrom('', ', before: 30d', ', before: 1d'), whereArb)
    .map(([w, b, f]) => `count(logins${w}${w ? b : ''}${f})`),
  fc
    .tuple(
      fc.constantFrom('sum', 'avg', 'min', 'max'),
      windowArb,
      fc.constantFrom('', ', before: 7d'),
      whereArb,
    )
    .map(([fn, w, b, f]) => `${fn}(logins.dur${w}${w ? b : ''}${f})`),
  fc
    .tuple(fc.constantFrom('user', 'kind', 'ok', 'dur'), windowArb, whereArb)
    .map(([a, w, f]) => `count_distinct(logins.${a}${w}${f})`),
  fc
    .tuple(fc.constantFrom(', 1d', ', 7d', ', 30d'), whereArb)
    .map(([w, f]) => `change(count(logins${w}${f}))`),
  fc.constantFrom(', 7d', ', 30d').map((w) => `change(sum(logins.dur${w}))`),
  whereArb.map((f) => `days_since(logins${f})`),
  fc.constantFrom('', ', 30d').map((w) => `last(logins.dur${w})`),
  fc.constantFrom(
    'count(接点, 30d)',
    "sum(接点.minutes, 90d, where: ch == 'visit')",
    'days_since(接点)',
  ),
);
const trigArb = fc.oneof(
  fc.constantFrom(
    "last(logins.kind) == 'web'",
    `last(logins.kind, 30d) == "o'k"`,
    'last(logins.ok)',
    'not last(logins.ok, 7d)',
    "last(接点.ch) == 'visit'",
  ),
  numAgg.map((e) => `${e} >= 1`),
);

const playbookArb = fc
  .record({
    measures: fc.array(numAgg, { minLength: 1, maxLength: 6 }),
    triggers: fc.array(trigArb, { minLength: 1, maxLength: 3 }),
  })
  .map(({ measures, triggers }) => {
    const pb = miniPlaybook();
    pb.asOf = AS_OF;
    pb.fields.nameField = 'name';
    pb.fields.fields.push({
      id: 'name',
      label: { ja: '会社名', en: 'Name' },
      type: 'string',
      required: false,
    });
    // A field named like the activity subquery's old internal column: it must never shadow an
    // aggregate (the aggregates are named "wm-agg-<k>", which no field id can be).
    pb.fields.fields.push({
      id: 'wm_agg_0',
      label: { ja: '内部名と同じ', en: 'Internal-looking' },
      type: 'number',
      required: false,
    });
    const out: Playbook = {
      ...pb,
      activity: [LOGINS, CONTACTS],
      health: {
        ...pb.health,
        overrides: [],
        measures: measures.map((expr, i) => ({
          id: `m${i}`,
          label: expr,
          dimension: 'adoption',
          expr,
          normalise: { kind: 'linear', min: 0, max: 10 },
          invert: false,
          weight: 1 + i,
        })),
      },
      ctas: triggers.map((trigger, i) => ({
        id: `t${i}`,
        label: trigger,
        type: 'risk',
        trigger,
        priority: 'high',
        ownerRole: '',
        dueInDays: 1,
        segments: [],
        stages: [],
        steps: [],
      })),
    };
    return out;
  });

const pad = (n: number) => String(n).padStart(2, '0');
/** Days near the window edges, at the first and last second of the day or in between. */
const tsArb = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(0, 1, 6, 7, 29, 30, 31, 37, 59, 60, 61, 89, 90, 91, -1),
      fc.integer({ min: -3, max: 200 }),
    ),
    fc.oneof(fc.constantFrom(0, 86_399), fc.integer({ min: 0, max: 86_399 })),
  )
  .map(([back, sec]) => {
    const d = new Date((AS_OF_DAYS - back) * 86_400_000 + sec * 1000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  });
const quarter = fc.option(
  fc.integer({ min: -8, max: 40 }).map((k) => k / 4),
  { nil: null, freq: 5 },
);
const loginArb = fc.record({
  acct: fc.integer({ min: 0, max: 14 }), // accounts 12–14 do not exist: rows that match nothing
  ts: tsArb,
  user: fc.option(fc.constantFrom('u1', 'u2', 'ユーザー3'), { nil: null, freq: 6 }),
  kind: fc.option(fc.constantFrom(...KINDS), { nil: null, freq: 6 }),
  dur: quarter,
  ok: fc.option(fc.boolean(), { nil: null, freq: 6 }),
});
const contactArb = fc.record({
  acct: fc.integer({ min: 0, max: 11 }),
  ts: tsArb,
  minutes: quarter,
  ch: fc.option(fc.constantFrom('mail', 'visit'), { nil: null, freq: 6 }),
});
const dataArb = fc.record({
  logins: fc.array(loginArb, { maxLength: 80 }),
  contacts: fc.array(contactArb, { maxLength: 30 }),
});

const ACCOUNTS = Array.from({ length: 12 }, (_, i) => ({
  id: `a${i}`,
  name: `会社${i}`,
  mrr: i * 20,
  usage: i,
  wm_agg_0: 999 - i,
}));

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const lit = (v: unknown, type: string) =>
  v === null || v === undefined
    ? 'NULL'
    : type === 'number'
      ? `CAST('${v}' AS DOUBLE PRECISION)`
      : type === 'boolean'
        ? v
          ? 'TRUE'
          : 'FALSE'
        : type === 'timestamp'
          ? `TIMESTAMP ${sqlString(String(v))}`
          : sqlString(String(v));

interface SourceRows {
  src: ActivitySource;
  cols: { name: string; type: string; get: (r: Record<string, unknown>) => unknown }[];
  rows: Record<string, unknown>[];
}

function sourcesOf(d: {
  logins: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
}): SourceRows[] {
  return [
    {
      src: LOGINS,
      rows: d.logins,
      cols: [
        { name: 'acct', type: 'string', get: (r) => `a${r.acct as number}` },
        { name: 'ts', type: 'timestamp', get: (r) => r.ts },
        { name: 'user', type: 'string', get: (r) => r.user },
        { name: 'kind', type: 'string', get: (r) => r.kind },
        { name: 'dur', type: 'number', get: (r) => r.dur },
        { name: 'ok', type: 'boolean', get: (r) => r.ok },
      ],
    },
    {
      src: CONTACTS,
      rows: d.contacts,
      cols: [
        { name: '会社名', type: 'string', get: (r) => `会社${r.acct as number}` },
        { name: '日時', type: 'timestamp', get: (r) => r.ts },
        { name: '分', type: 'number', get: (r) => r.minutes },
        { name: 'ch', type: 'string', get: (r) => r.ch },
      ],
    },
  ];
}

const sqlType = (t: string, pg: boolean) =>
  t === 'number'
    ? pg
      ? 'DOUBLE PRECISION'
      : 'DOUBLE'
    : t === 'boolean'
      ? 'BOOLEAN'
      : t === 'timestamp'
        ? 'TIMESTAMP'
        : 'VARCHAR';

describe('activity aggregates: JS engine = DuckDB = PostgreSQL', () => {
  let duck: DuckDBConnection;
  let pg: PGlite;
  beforeAll(async () => {
    duck = await (await DuckDBInstance.create(':memory:')).connect();
    pg = new PGlite();
    await pg.waitReady;
  }, 120_000);
  afterAll(async () => {
    duck?.closeSync();
    await pg?.close();
  });

  it(`zero mismatches over ${RUNS} random playbooks and activity logs`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(playbookArb, dataArb, async (pb, d) => {
        const c = compilePlaybook(pb);
        if (!c.ok) throw new Error('invalid playbook: ' + JSON.stringify(c.issues.slice(0, 3)));
        const types = Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));
        const accounts = tableFromRows(ACCOUNTS, types);
        const data: ActivityData = {};
        const k = n++;
        const tables: Record<string, string> = {};
        const stmts: { duck: string[]; pg: string[] } = { duck: [], pg: [] };
        for (const s of sourcesOf(d)) {
          // JS: through the importer, from CSV text.
          const csv = [
            s.cols.map((x) => x.name).join(','),
            ...s.rows.map((r) => s.cols.map((x) => csvCell(x.get(r))).join(',')),
          ].join('\n');
          data[s.src.id] = importActivityFile(
            new TextEncoder().encode(csv + '\n'),
            `${s.src.id}.csv`,
            s.src,
            { table: accounts, contract: pb.fields },
            { asOf: AS_OF },
          ).table;
          // SQL: the same rows as a table with a TIMESTAMP column (local time).
          const name = `ev_${k}_${s.src === LOGINS ? 'l' : 'c'}`;
          tables[s.src.id] = name;
          for (const [dialect, pgd] of [
            ['duck', false],
            ['pg', true],
          ] as const) {
            stmts[dialect].push(
              `CREATE TABLE ${q(name)} (${s.cols.map((x) => `${q(x.name)} ${sqlType(x.type, pgd)}`).join(', ')})`,
            );
            if (s.rows.length)
              stmts[dialect].push(
                `INSERT INTO ${q(name)} VALUES ${s.rows
                  .map((r) => `(${s.cols.map((x) => lit(x.get(r), x.type)).join(', ')})`)
                  .join(', ')}`,
              );
          }
        }
        const result = scoreTable(c.compiled, withActivity(c.compiled, accounts, data, AS_OF));
        const acc = `acc_${k}`;
        for (const s of [
          createTableSql(acc, pb.fields, 'duckdb'),
          ...insertSql(acc, accounts, pb.fields),
          ...stmts.duck,
        ])
          await duck.run(s);
        const duckRows = (
          await duck.runAndReadAll(
            playbookToSql(c.compiled, { dialect: 'duckdb', table: acc, activityTables: tables }),
          )
        ).getRowObjects() as SqlRow[];
        expect(compareWithSql(result, duckRows), 'DuckDB').toEqual([]);
        for (const s of [
          createTableSql(acc, pb.fields, 'postgres'),
          ...insertSql(acc, accounts, pb.fields),
          ...stmts.pg,
        ])
          await pg.exec(s);
        const pgRows = (
          await pg.query<SqlRow>(
            playbookToSql(c.compiled, { dialect: 'postgres', table: acc, activityTables: tables }),
          )
        ).rows;
        expect(compareWithSql(result, pgRows), 'PostgreSQL').toEqual([]);
      }),
      {
        numRuns: RUNS,
        seed: process.env.WAYMARK_DIFF_SEED ? Number(process.env.WAYMARK_DIFF_SEED) : 20261203,
      },
    );
  }, 600_000);

  it("time zones: instants (Z, +09:00, -05:00) count on their day in the playbook's zone, as TIMESTAMPTZ does with the session in that zone", async () => {
    // As-of 2026-03-15 in Asia/Tokyo: the as-of day is 2026-03-14T15:00Z … 2026-03-15T14:59:59Z;
    // the 30-day window starts 2026-02-14 00:00 Tokyo = 2026-02-13T15:00Z.
    const zone = 'Asia/Tokyo';
    const events: [number, string][] = [
      [0, '2026-03-14T14:59:59Z'], // 03-14 23:59:59 Tokyo: the day before as-of
      [0, '2026-03-14T15:00:00Z'], // 03-15 00:00 Tokyo: the as-of day
      [1, '2026-03-15T14:59:59Z'], // 03-15 23:59:59 Tokyo: the as-of day, last second
      [1, '2026-03-15T15:00:00Z'], // 03-16 Tokyo: after as-of (left out, reported)
      [2, '2026-02-13T15:00:00Z'], // 02-14 00:00 Tokyo: first day of the 30-day window
      [2, '2026-02-13T14:59:59Z'], // 02-13 Tokyo: just outside it
      [3, '2026-03-15T08:59:59+09:00'],
      [3, '2026-03-14T09:59:59-05:00'], // 03-14 14:59:59Z = 03-14 23:59:59 Tokyo
      [4, '2026-03-14T10:00:00-05:00'], // 03-14 15:00Z = 03-15 00:00 Tokyo
      [5, '2026-01-01T00:00:00+14:00'],
    ];
    const measures = [
      'count(logins, 1d)',
      'count(logins, 1d, before: 1d)',
      'count(logins, 30d)',
      'days_since(logins)',
      'count(logins)',
    ];
    const pb: Playbook = {
      ...miniPlaybook(),
      asOf: AS_OF,
      timeZone: zone,
      activity: [LOGINS],
    };
    pb.health = {
      ...pb.health,
      overrides: [],
      measures: measures.map((expr, i) => linearMeasure(`m${i}`, expr, expr)),
    };
    const c = compilePlaybook(pb);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const types = Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));
    const accounts = tableFromRows(
      ACCOUNTS.map(({ id, mrr, usage }) => ({ id, mrr, usage })),
      types,
    );
    const csv = ['acct,ts,user,kind,dur,ok', ...events.map(([a, ts]) => `a${a},${ts},,,,`)];
    const imp = importActivityFile(
      new TextEncoder().encode(csv.join('\n') + '\n'),
      'logins.csv',
      LOGINS,
      { table: accounts, contract: pb.fields },
      { asOf: AS_OF, timeZone: zone },
    );
    expect(imp.report.future).toBe(1);
    const withAgg = withActivity(c.compiled, accounts, { logins: imp.table }, AS_OF);
    // The boundary events land where the rule says (not only where SQL agrees).
    const col = (expr: string) => {
      const v = withAgg.columns[expr]; // an aggregate's column is named by its canonical text
      return v.type === 'number' ? Array.from(v.values.subarray(0, 6)) : [];
    };
    expect(col('count(logins, 1d)')).toEqual([1, 1, 0, 1, 1, 0]);
    expect(col('count(logins, 30d)')).toEqual([2, 1, 1, 2, 1, 0]);
    const result = scoreTable(c.compiled, withAgg);
    const cols = LOGINS.attributes.map(
      (a) =>
        `${q(a.id)} ${a.type === 'number' ? 'DOUBLE' : a.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'}`,
    );
    const values = events.map(([a, ts]) => `('a${a}', ${sqlString(ts)}, NULL, NULL, NULL, NULL)`);
    const create = (pgd: boolean) =>
      `CREATE TABLE ev_tz (acct VARCHAR, ts TIMESTAMPTZ, ${cols.join(', ').replace(/DOUBLE/g, pgd ? 'DOUBLE PRECISION' : 'DOUBLE')})`;
    const insert = `INSERT INTO ev_tz VALUES ${values.join(', ')}`;
    await duck.run(`SET TimeZone = '${zone}'`);
    for (const s of [
      createTableSql('acc_tz', pb.fields, 'duckdb'),
      ...insertSql('acc_tz', accounts, pb.fields),
      create(false),
      insert,
    ])
      await duck.run(s);
    const sqlOpts = { table: 'acc_tz', activityTables: { logins: 'ev_tz' } };
    const duckRows = (
      await duck.runAndReadAll(playbookToSql(c.compiled, { dialect: 'duckdb', ...sqlOpts }))
    ).getRowObjects() as SqlRow[];
    expect(compareWithSql(result, duckRows), 'DuckDB').toEqual([]);
    await pg.exec(`SET TIME ZONE '${zone}'`);
    for (const s of [
      createTableSql('acc_tz', pb.fields, 'postgres'),
      ...insertSql('acc_tz', accounts, pb.fields),
      create(true),
      insert,
    ])
      await pg.exec(s);
    const pgRows = (
      await pg.query<SqlRow>(playbookToSql(c.compiled, { dialect: 'postgres', ...sqlOpts }))
    ).rows;
    expect(compareWithSql(result, pgRows), 'PostgreSQL').toEqual([]);
  }, 120_000);
});
