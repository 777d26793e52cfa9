import { describe, expect, it } from 'vitest';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { activityPlaybook } from '../engine/testing/activityMini';
import { completionsAt } from './complete';
import { referencedFields, renameFieldInExpression } from './rename';

const pb = activityPlaybook();
const env = envFromContract(pb.fields, 'cta', { activity: pb.activity });

function ok(src: string) {
  const r = checkExpression(src, env);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}
function err(src: string) {
  const r = checkExpression(src, env);
  if (r.ok) throw new Error(`expected an error for ${src}`);
  return r.errors[0];
}

describe('activity aggregates in expressions', () => {
  it('reads an aggregate as a column named by its canonical text', () => {
    const r = ok(
      "change(count(logins,30d)) <= -0.5 and sum(contacts.minutes, 90d, where: channel   == 'visit') < 60",
    );
    expect(r.aggregates.map((a) => a.id)).toEqual([
      'change(count(logins, 30d))',
      "sum(contacts.minutes, 90d, where: channel == 'visit')",
    ]);
    expect(r.aggregates[0]).toMatchObject({ fn: 'count', days: 30, before: 0, change: true });
    expect(r.fields).toEqual([]);
  });

  it('keeps min/max/days_since as scalar functions over fields', () => {
    expect(ok('min(mrr, 10) > 1 and days_since(entered) > 3').aggregates).toEqual([]);
    expect(ok('min(contacts.minutes, 30d) > 1').aggregates[0].fn).toBe('min');
    expect(ok('days_since(contacts) > 30').aggregates[0]).toMatchObject({ fn: 'days_since' });
  });

  it('types last() by its attribute and checks category values in where:', () => {
    expect(ok("last(contacts.channel) == 'visit'").aggregates[0].type).toBe('string');
    expect(err("count(contacts, 30d, where: channel == 'vist')")).toMatchObject({
      code: 'unknown_category_value',
      suggestion: "'visit'",
    });
  });

  it.each([
    ['count(login, 30d) > 1', 'unknown_source', 6, 11, 'logins'],
    ['sum(contacts.minute, 30d) > 1', 'unknown_attribute', 13, 19, 'minutes'],
    ['count(logins, 30) > 1', 'window', 14, 16, '30d'],
    ['count(logins, 0d) > 1', 'window', 14, 16, undefined],
    ['sum(logins.user, 30d) > 1', 'attribute_type', 11, 15, undefined],
    ['count(logins, 30d, befor: 30d) > 1', 'named_argument', 19, 24, 'before'],
    ['change(count(logins)) > 1', 'change_argument', 0, 21, undefined],
    ['change(nps) > 1', 'change_argument', 0, 11, undefined],
    ['nps > 30d', 'duration_out_of_place', 6, 9, undefined],
    ['sum(contacts, 30d) > 1', 'aggregate_usage', 4, 12, undefined],
    ['count(logins, 30d, where: mrr > 1) > 1', 'unknown_field', 26, 29, undefined],
  ])('%s → %s at %d–%d', (src, code, start, end, suggestion) => {
    const e = err(src);
    expect(e).toMatchObject({ code, start, end });
    expect(e.suggestion).toBe(suggestion);
    expect(e.message).not.toMatch(/\{\{/);
  });

  it('says there are no sources when the playbook declares none', () => {
    const bare = envFromContract(pb.fields, 'cta', {});
    const r = checkExpression('count(logins, 30d) > 1', bare);
    expect(r.ok || r.errors[0].code).toBe('unknown_source');
  });
});

describe('activity aggregates in autocomplete and renames', () => {
  const at = (src: string) => completionsAt(src.replace('|', ''), src.indexOf('|'), env);
  it('offers sources, the aggregate functions and, after a dot, attributes', () => {
    expect(at('coun|').items[0]).toMatchObject({ label: 'count', insert: 'count(' });
    expect(at('count(log|').items[0]).toMatchObject({ label: 'logins', kind: 'source' });
    expect(at('sum(contacts.|').items.map((i) => i.label)).toEqual(['minutes', 'channel', 'done']);
    expect(at('sum(contacts.ch|').items[0]).toMatchObject({ label: 'channel', kind: 'attribute' });
  });
  it('offers the attributes and their values inside where:', () => {
    expect(at('count(contacts, 30d, where: cha|').items[0]).toMatchObject({ label: 'channel' });
    expect(at("count(contacts, 30d, where: channel == '|").items.map((i) => i.label)).toEqual([
      'mail',
      'call',
      'visit',
    ]);
  });
  it('keeps 30d one token: a field named d is not renamed inside it', () => {
    expect(renameFieldInExpression('count(logins, 30d) + d', 'd', 'e')).toBe(
      'count(logins, 30d) + e',
    );
    expect(referencedFields("count(logins, 30d, where: kind == 'web') > nps")).toEqual([
      'logins',
      'kind',
      'nps',
    ]);
  });
});
