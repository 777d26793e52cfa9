import { describe, expect, it } from 'vitest';
import { compilePlaybook } from '../compile';
import { scoreTable } from '../score';
import { explainAccount } from '../explain';
import { withActivity, missingSources, ActivityMissingError } from './run';
import { explainActivity } from './explain';
import { cellValue } from '../../table/columns';
import { accountTable, activityPlaybook, loadActivity } from '../testing/activityMini';
import { linearMeasure } from '../testing/mini';

// As of 2026-01-31 (the mini playbook's date). "last 30d" = days 2026-01-02 … 2026-01-31.
const LOGINS = `account_id,logged_in_at,user,kind
A,2026-01-31 23:59:59,u1,web
A,2026-01-02 00:00:00,u2,web
A,2026-01-01 23:59:59,u1,api
A,2025-12-03,u3,web
A,2025-12-02,u3,web
A,2026-02-01 00:00:00,u1,web
B,2026-01-15T10:00:00Z,u9,api
B,2026-01-01T15:30:00Z,u9,api
ZZ,2026-01-10,u1,web
B,not a date,u1,web
`;

const CONTACTS = `会社名,日時,分,チャネル,完了
アルファ,2026/1/20 10:00,30,visit,yes
株式会社アルファ,2026年1月10日 9時00分,15,call,no
ベータ株式会社,2026-01-05,,mail,
Gamma Inc.,2026-01-06,abc,call,yes
`;

function run(exprs: Record<string, string>, files = { logins: LOGINS, contacts: CONTACTS }) {
  const pb = activityPlaybook();
  pb.health.measures = Object.entries(exprs).map(([id, expr]) => linearMeasure(id, expr));
  pb.health.overrides = [];
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const accounts = accountTable(pb);
  const { data, reports } = loadActivity(pb, accounts, files);
  const table = withActivity(c.compiled, accounts, data, '2026-01-31');
  const r = scoreTable(c.compiled, table);
  const values = (m: string) => {
    const k = c.compiled.measures.findIndex((x) => x.id === m);
    return Array.from(r.measureRaw[k] as Float64Array, (v) => (Number.isNaN(v) ? null : v));
  };
  return { c: c.compiled, r, table, data, reports, values };
}

describe('activity windows', () => {
  it('counts the as-of day and 29 days before it, not the 30th day before, nor later days', () => {
    const { values, reports } = run({
      n30: 'count(logins, 30d)',
      prev: 'count(logins, 30d, before: 30d)',
      all: 'count(logins)',
    });
    // A: 01-31 and 01-02 in; 01-01 is exactly 30 days before as-of: out. B: both (Tokyo days 01-16, 01-02).
    expect(values('n30')).toEqual([2, 2, 0]);
    // Before: 2025-12-03 … 2026-01-01 → 01-01 and 12-03 for A; B's 2026-01-01T15:30Z is 01-02 in Tokyo.
    expect(values('prev')).toEqual([2, 0, 0]);
    expect(values('all')).toEqual([5, 2, 0]);
    const logins = reports.find((x) => x.source === 'logins')!;
    expect(logins).toMatchObject({ rows: 10, kept: 7, future: 1, unknownAccount: 1, badTime: 1 });
    expect(logins.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['activity_future', 7, 2],
      ['activity_unknown_account', 10, 1],
      ['activity_bad_time', 11, 2],
    ]);
  });

  it('converts instants to the playbook time zone before taking the day', () => {
    // 2026-01-01T15:30Z is 2026-01-02 00:30 in Tokyo (in the window) but 2026-01-01 in UTC (out).
    expect(run({ n: 'count(logins, 30d)' }).values('n')[1]).toBe(2);
    const pb = activityPlaybook({ timeZone: 'UTC' });
    pb.health.measures[0] = { ...pb.health.measures[0], expr: 'count(logins, 30d)' };
    const c = compilePlaybook(pb);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const accounts = accountTable(pb);
    const { data } = loadActivity(pb, accounts, { logins: LOGINS });
    const t = withActivity(c.compiled, accounts, data, '2026-01-31');
    expect(cellValue(t.columns['count(logins, 30d)'], 1)).toBe(1);
  });

  it('gives 0 for counts and sums without events, missing for avg/min/max/last/days_since', () => {
    const { values } = run({
      s: 'sum(contacts.minutes, 90d)',
      a: 'avg(contacts.minutes, 90d)',
      mn: 'min(contacts.minutes, 90d)',
      mx: 'max(contacts.minutes, 90d)',
      d: 'days_since(contacts)',
      c: 'count(contacts, 90d)',
    });
    // A: 30 + 15 (joined by normalised name); B: one contact without minutes; C: minutes "abc".
    expect(values('s')).toEqual([45, 0, 0]);
    expect(values('a')).toEqual([22.5, null, null]);
    expect(values('mn')).toEqual([15, null, null]);
    expect(values('mx')).toEqual([30, null, null]);
    expect(values('d')).toEqual([11, 26, 25]);
    expect(values('c')).toEqual([2, 1, 1]);
  });

  it('filters with where:, counts distinct values and gives the relative change', () => {
    const { values } = run({
      web: "count(logins, 60d, where: kind == 'web')",
      users: 'count_distinct(logins.user, 60d)',
      ch: 'change(count(logins, 30d))',
      visits: "count(contacts, 30d, where: channel == 'visit' and done)",
    });
    // 60d = 2025-12-03 … 2026-01-31: A's web logins on 01-31, 01-02 and 12-03.
    expect(values('web')).toEqual([3, 0, 0]);
    expect(values('users')).toEqual([3, 1, 0]);
    // A: 2 now vs 2 before → 0; B: 2 vs 0 → missing (no change from nothing); C: missing.
    expect(values('ch')).toEqual([0, null, null]);
    expect(values('visits')).toEqual([1, 0, 0]);
  });

  it('takes the latest value with last(), ties to the greater value', () => {
    const pb = activityPlaybook();
    pb.health.measures[0] = { ...pb.health.measures[0], expr: 'last(contacts.minutes)' };
    const cc = compilePlaybook(pb);
    expect(cc.ok).toBe(true);
    if (!cc.ok) return;
    const accounts = accountTable(pb);
    const ties = `会社名,日時,分,チャネル,完了\nアルファ,2026-01-20 10:00,5,visit,yes\nアルファ,2026-01-20 10:00,9,visit,yes\nアルファ,2026-01-10,50,call,yes\n`;
    const { data } = loadActivity(pb, accounts, { contacts: ties });
    const t = withActivity(cc.compiled, accounts, data, '2026-01-31');
    expect(cellValue(t.columns['last(contacts.minutes)'], 0)).toBe(9);
    expect(cellValue(t.columns['last(contacts.minutes)'], 1)).toBeNull();
  });

  it('feeds scoring and explanations: the reads name the aggregate, and the events are listed', () => {
    const { c, r, table, data } = run({ n: 'count(logins, 30d)' });
    const e = explainAccount(c, table, r, 0);
    expect(e.measures[0].inputs).toEqual({ 'count(logins, 30d)': 2 });
    const ev = explainActivity(c, data, 0, '2026-01-31');
    expect(ev[0]).toMatchObject({
      aggregate: 'count(logins, 30d)',
      windows: [{ from: '2026-01-02', to: '2026-01-31' }],
      eventCount: 2,
      windowCounts: [2],
    });
    expect(ev[0].events.map((x) => x.line)).toEqual([3, 2]);
  });

  it('refuses to score when a source the playbook reads is absent', () => {
    const pb = activityPlaybook();
    pb.health.measures[0] = { ...pb.health.measures[0], expr: 'count(logins, 30d)' };
    const c = compilePlaybook(pb);
    if (!c.ok) throw new Error('compile');
    expect(missingSources(c.compiled, {})).toEqual(['logins']);
    expect(() => withActivity(c.compiled, accountTable(pb), {}, '2026-01-31')).toThrow(
      ActivityMissingError,
    );
    expect(() => scoreTable(c.compiled, accountTable(pb))).toThrow(/count\(logins, 30d\)/);
  });
});
