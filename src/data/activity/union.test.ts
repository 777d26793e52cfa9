/**
 * Several files of one source = the one file they make concatenated: random files (many events
 * at the same account and time, so the order of ties across files matters, and rows that do not
 * count) split at random rows into 1–6 files, each imported on its own and merged, against the
 * whole file imported once. Every event (account, time, day, values) in the same place, and
 * each merged line mapped back to the file and row it came from.
 */
import { describe, expect, it } from 'vitest';
import { importActivityFile } from './importActivity';
import { fileOfLine, unionActivity } from './union';
import {
  CONTACTS,
  LOGINS,
  accountTable,
  activityPlaybook,
} from '../../engine/testing/activityMini';
import type { ActivitySource } from '../../model';
import type { ActivityTable } from '../../table/activity';
import { cellValue } from '../../table/columns';
import { rng } from '../../util/random';

const pb = activityPlaybook();
const ACC = Array.from({ length: 25 }, (_, i) => ({
  id: `k${i}`,
  name: `テスト${i}(株)`,
  mrr: i,
  usage: i,
}));
const accounts = { table: accountTable(pb, ACC), contract: pb.fields };
const opts = { asOf: '2026-11-23', timeZone: 'Asia/Tokyo', maxIssues: 10_000 };

function randomRows(r: () => number, source: ActivitySource): { header: string; rows: string[] } {
  const heads = [
    source.account.column,
    source.time.column,
    ...source.attributes.map((a) => a.column ?? a.label.ja),
  ];
  const n = Math.floor(r() * 300);
  const rows: string[] = [];
  // Few accounts and few times: many events tie on (account, time), within and across files.
  const times = ['2026-11-20', '2026-11-20 09:30', '2026-11-01', '2026-10-15', 'bad', '2027-01-01'];
  for (let k = 0; k < n; k++) {
    const a = ACC[Math.floor(r() * (r() < 0.5 ? 4 : ACC.length))];
    const acc =
      source.account.match === 'name'
        ? r() < 0.05
          ? '不明商事'
          : a.name
        : r() < 0.05
          ? 'x'
          : a.id;
    const cells = [acc, times[Math.floor(r() * times.length)]];
    for (const at of source.attributes) {
      if (at.type === 'number') cells.push(String(Math.floor(r() * 100)));
      else if (at.type === 'boolean') cells.push(r() < 0.5 ? 'true' : 'false');
      else if (at.type === 'category')
        cells.push(
          at.id === 'kind' ? (r() < 0.5 ? 'web' : 'api') : ['mail', 'call', 'visit'][k % 3],
        );
      else cells.push(`u${Math.floor(r() * 1000)}`);
    }
    rows.push(cells.join(','));
  }
  return { header: heads.join(','), rows };
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Every event as (account, time, day, values), in table order. */
function events(t: ActivityTable) {
  const out: unknown[][] = [];
  for (let i = 0; i < t.rowCount; i++)
    out.push([
      t.account[i],
      t.time[i],
      t.day[i],
      ...Object.values(t.columns).map((c) => cellValue(c, i)),
    ]);
  return out;
}

describe('unionActivity = the files concatenated', () => {
  for (const source of [LOGINS, CONTACTS])
    it(`random ${source.id} files split at random rows`, () => {
      let splits = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const r = rng(seed * 7 + source.id.length);
        const { header, rows } = randomRows(r, source);
        const whole = importActivityFile(
          enc([header, ...rows].join('\n')),
          'all.csv',
          source,
          accounts,
          opts,
        );
        const parts = 1 + Math.floor(r() * 6);
        const cuts = Array.from({ length: parts - 1 }, () => Math.floor(r() * (rows.length + 1)));
        cuts.sort((a, b) => a - b);
        const bounds = [0, ...cuts, rows.length];
        const tables: ActivityTable[] = [];
        const names: string[] = [];
        for (let k = 0; k < parts; k++) {
          const name = `part${k}.csv`;
          const part = rows.slice(bounds[k], bounds[k + 1]);
          names.push(name);
          tables.push(
            importActivityFile(enc([header, ...part].join('\n')), name, source, accounts, opts)
              .table,
          );
        }
        splits += parts;
        const u = unionActivity(tables, ACC.length, names);
        expect(events(u), `seed ${seed}`).toEqual(events(whole.table));
        expect(Array.from(u.offsets), `seed ${seed} offsets`).toEqual(
          Array.from(whole.table.offsets),
        );
        // Each merged line is the right file's line: the whole file's line l (the header is
        // line 1) is data row l − 1 of all, in the part whose bounds hold it.
        for (let i = 0; i < u.rowCount; i++) {
          const l = whole.table.line[i];
          const k = bounds.findIndex((b, j) => j > 0 && l - 1 <= b) - 1;
          expect(fileOfLine(u, u.line[i]), `seed ${seed} event ${i}`).toEqual({
            file: names[k],
            line: l - bounds[k],
          });
        }
        // Lines ascend in file order, so (account, time, line) is the table's order.
        for (let i = 1; i < u.rowCount; i++)
          if (u.account[i] === u.account[i - 1] && u.time[i] === u.time[i - 1])
            expect(u.line[i]).toBeGreaterThan(u.line[i - 1]);
      }
      expect(splits).toBeGreaterThan(100);
    });

  it('one file: the table itself, named', () => {
    const t = importActivityFile(
      enc('account_id,logged_in_at,user,kind\nk1,2026-11-20,u,web\n'),
      'a.csv',
      LOGINS,
      accounts,
      opts,
    ).table;
    const u = unionActivity([t], ACC.length, ['a.csv']);
    expect(u.account).toBe(t.account);
    expect(u.files).toEqual([{ name: 'a.csv', lineBase: 0 }]);
    expect(fileOfLine(u, 1)).toEqual({ file: 'a.csv', line: 1 });
  });
});
