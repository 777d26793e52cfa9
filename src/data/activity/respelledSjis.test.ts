/**
 * CP932 spells a few hundred characters two or three ways (≒ 81 E0 / 87 90, Ⅱ 87 55 / FA 4B,
 * ∵ 81 E6 / 87 9A / FA 5B, ￢ 81 CA / EE F9 / FA 54, 纊 FA 5C / ED 40, …). An activity file
 * (Shift_JIS) holding both spellings of one text must give what the same file written one way
 * gives: the same events per account (account keys and company names found by their text), the
 * same values of string and category attributes (one dictionary entry per text), so the same
 * windows, filters and distinct counts — by every reader: the one-pass fastRow, the parser's
 * row(), the row reader, whole or streamed. An account key written one way in the accounts file
 * and the other way in the activity file is the same account.
 *
 * Session 37 (actcp932) found the activity import right already: every reader keys its memos by
 * bytes but stores what the row reader's functions answer for the decoded text (Collector.resolve,
 * AttrBuilder.set), and decodeSjis reads every spelling as its character. These tests guard it.
 */
import { describe, expect, it } from 'vitest';
import { ActivityByteReader, importActivityFile, importActivityStream } from './importActivity';
import type { ActivityResult } from './collector';
import { importAccountFile } from '../importFile';
import { compilePlaybook } from '../../engine/compile';
import { scoreTable } from '../../engine/score';
import { withActivity } from '../../engine/activity/run';
import { explainActivity } from '../../engine/activity/explain';
import { accountTable, activityPlaybook } from '../../engine/testing/activityMini';
import type { ActivitySource } from '../../model';
import type { ActivityTable } from '../../table/activity';
import type { AccountTable } from '../../table/columns';
import { spellings } from '../testing/sjisSpellings';
import { linearMeasure } from '../../engine/testing/mini';
import { expectSameActivity } from '../testing/activityTables';

/**
 * Lines of text as CP932 bytes. `way` 0: every character spelled as Windows writes it;
 * `way` w > 0: character k of line l spelled its ((l + k) * w)-th way, so the spellings mix
 * within a file, a line and a cell.
 */
function cp932(lines: string[], way: number): Uint8Array {
  const out: number[] = [];
  lines.forEach((line, l) => {
    let k = 0;
    for (const ch of line + '\n') {
      const s = spellings(ch);
      out.push(...s[way === 0 ? 0 : ((l + k) * way) % s.length]);
      k++;
    }
  });
  return new Uint8Array(out);
}

// The characters with two or three spellings the tests write, Windows's first (asserted below,
// so a table change cannot make the "mixed" files single-spelled unnoticed).
const DOUBLES: Record<string, number[][]> = {
  '≒': [
    [0x81, 0xe0],
    [0x87, 0x90],
  ],
  Ⅱ: [
    [0x87, 0x55],
    [0xfa, 0x4b],
  ],
  '∵': [
    [0x81, 0xe6],
    [0x87, 0x9a],
    [0xfa, 0x5b],
  ],
  '㈱': [
    [0x87, 0x8a],
    [0xfa, 0x58],
  ],
  '№': [
    [0x87, 0x82],
    [0xfa, 0x59],
  ],
  ⅰ: [
    [0xfa, 0x40],
    [0xee, 0xef],
  ],
  '￢': [
    [0x81, 0xca],
    [0xfa, 0x54],
    [0xee, 0xf9],
  ],
  纊: [
    [0xfa, 0x5c],
    [0xed, 0x40],
  ],
  髙: [
    [0xfb, 0xfc],
    [0xee, 0xe0],
  ],
};

const KEYS = ['Ⅱ-01', '≒02', '㈱03', '№∵04', 'x05'];
const NAMES = ['㈱アルファ', '髙橋纊商事', 'ベータ￢', 'ⅰガンマ', 'Plain'];
const USERS = ['≒山田', '髙橋', 'ⅰ佐藤', 'u1', '纊'];
const KINDS = ['Ⅱ期', '∵訪問', 'web', '￢電話'];

/** A source found by key, and one found by company name, with string and category attributes. */
const BY_KEY: ActivitySource = {
  id: 'visits',
  label: { ja: '訪問', en: 'Visits' },
  account: { column: 'account_id', match: 'key' },
  time: { column: 'date' },
  attributes: [
    { id: 'user', label: { ja: '担当', en: 'User' }, type: 'string' },
    { id: 'kind', label: { ja: '種別', en: 'Kind' }, type: 'category', values: KINDS },
    { id: 'minutes', label: { ja: '分', en: 'Minutes' }, type: 'number' },
  ],
};
const BY_NAME: ActivitySource = {
  ...BY_KEY,
  id: 'contacts',
  account: { column: '会社名', match: 'name' },
};

const pb = activityPlaybook({ activity: [BY_KEY, BY_NAME] });
const OPTS = { asOf: '2026-01-31', timeZone: 'Asia/Tokyo', maxIssues: 10_000 };

/** The events as text: account i's event j on 2026-01-(j + 2), with a user and a kind. */
function events(accountCell: (i: number) => string, header: string): string[] {
  const lines = [`${header},date,user,kind,minutes`];
  for (let j = 0; j < 24; j++)
    for (let i = 0; i < KEYS.length; i++) {
      const user = USERS[(i + j) % USERS.length];
      const kind = KINDS[(i * 3 + j) % KINDS.length];
      // Some cells quoted (the parser's path), some with a delimiter-free plain form (fastRow).
      const q = (i + j) % 4 === 0 ? `"${user}"` : user;
      lines.push(
        `${accountCell(i)},2026-01-${String(j + 2).padStart(2, '0')},${q},${kind},${i + j}`,
      );
    }
  return lines;
}
const BY_KEY_LINES = events((i) => KEYS[i], 'account_id');
const BY_NAME_LINES = events((i) => NAMES[i], '会社名');
const ACCOUNT_LINES = ['id,name,mrr,usage', ...KEYS.map((k, i) => `${k},${NAMES[i]},${i},${i}`)];

/** What a user of the events can count, computed from the text (not from any import). */
function expected(from: number) {
  const day = (j: number) => j + 2;
  const per = KEYS.map((_, i) => {
    const ev = Array.from({ length: 24 }, (_, j) => j).filter((j) => day(j) >= from);
    return {
      n: ev.length,
      ii: ev.filter((j) => KINDS[(i * 3 + j) % KINDS.length] === 'Ⅱ期').length,
      nearly: ev.filter((j) => USERS[(i + j) % USERS.length] === '≒山田').length,
      users: new Set(ev.map((j) => USERS[(i + j) % USERS.length])).size,
    };
  });
  return per;
}

async function* blocks(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Every reader's result for a file: the byte reader whole, streamed (odd blocks), the row reader. */
async function everyReader(
  bytes: Uint8Array,
  source: ActivitySource,
  accounts: { table: AccountTable; contract: typeof pb.fields },
) {
  const byteReader = ActivityByteReader.open(bytes, 'a.csv', source, accounts, OPTS, bytes.length);
  expect(byteReader?.sjis).toBe(true);
  byteReader!.push(bytes);
  const manual = byteReader!.end();
  const out: Record<string, ActivityResult> = {
    bytes: manual,
    whole: importActivityFile(bytes, 'a.csv', source, accounts, OPTS),
    rows: importActivityFile(bytes, 'a.csv', source, accounts, { ...OPTS, reader: 'rows' }),
  };
  for (const size of [7, 61, 4096])
    out[`stream ${size}`] = await importActivityStream(
      blocks(bytes, size),
      bytes.length,
      'a.csv',
      source,
      accounts,
      OPTS,
    );
  return { out, oneRows: byteReader!.oneRows };
}

function measures(exprs: Record<string, string>) {
  const p = activityPlaybook({ activity: [BY_KEY, BY_NAME] });
  p.health.measures = Object.entries(exprs).map(([id, expr]) => linearMeasure(id, expr));
  p.health.overrides = [];
  const c = compilePlaybook(p);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.compiled;
}

/** What the user sees per account: windows, a filter on a category and on a string, distinct users. */
function seen(accounts: AccountTable, data: Record<string, ActivityTable>) {
  const exprs: Record<string, string> = {};
  for (const s of Object.keys(data)) {
    exprs[`${s}_n`] = `count(${s}, 30d)`;
    exprs[`${s}_n10`] = `count(${s}, 10d)`;
    exprs[`${s}_ii`] = `count(${s}, 90d, where: kind == 'Ⅱ期')`;
    exprs[`${s}_nearly`] = `count(${s}, 90d, where: user == '≒山田')`;
    exprs[`${s}_users`] = `count_distinct(${s}.user, 90d)`;
  }
  const c = measures(exprs);
  const table = withActivity(c, accounts, data, '2026-01-31');
  const r = scoreTable(c, table);
  const out: Record<string, (number | null)[]> = {};
  c.measures.forEach((m, k) => {
    out[m.id] = Array.from(r.measureRaw[k] as Float64Array, (v) => (Number.isNaN(v) ? null : v));
  });
  const explained = Array.from({ length: accounts.rowCount }, (_, a) =>
    explainActivity(c, data, a, '2026-01-31').map((e) => [e.aggregate, e.eventCount]),
  );
  return { out, explained };
}

describe('CP932 double spellings in activity files (session 37, actcp932)', () => {
  it('the test files mix the spellings (their bytes differ, their text does not)', () => {
    for (const [ch, s] of Object.entries(DOUBLES)) expect(spellings(ch), ch).toEqual(s);
    for (const ch of [...KEYS, ...NAMES, ...USERS, ...KINDS].join(''))
      if (spellings(ch).length > 1) expect(DOUBLES[ch], ch).toBeDefined();
    const dec = new TextDecoder('shift_jis', { fatal: true });
    for (const lines of [BY_KEY_LINES, BY_NAME_LINES, ACCOUNT_LINES]) {
      const one = cp932(lines, 0);
      for (const way of [1, 2]) {
        const mixed = cp932(lines, way);
        expect(Buffer.from(mixed).equals(Buffer.from(one))).toBe(false);
        expect(mixed.length).toBe(one.length);
        expect(dec.decode(mixed)).toBe(dec.decode(one));
      }
    }
  });

  for (const source of [BY_KEY, BY_NAME]) {
    const lines = source === BY_KEY ? BY_KEY_LINES : BY_NAME_LINES;
    it(`${source.id} (by ${source.account.match}): a file written two ways = the file written one way, by every reader`, async () => {
      const accounts = { table: accountTable(pb, accountRows()), contract: pb.fields };
      const ref = importActivityFile(cp932(lines, 0), 'a.csv', source, accounts, {
        ...OPTS,
        reader: 'rows',
      });
      // Every event counts: every key and name found, every kind known.
      expect(ref.report).toMatchObject({
        rows: 120,
        kept: 120,
        unknownAccount: 0,
        ambiguousAccount: 0,
        badValues: 0,
      });
      const kind = ref.table.columns.kind;
      const user = ref.table.columns.user;
      expect(kind.type === 'string' && [...kind.dict].sort()).toEqual([...KINDS].sort());
      expect(user.type === 'string' && [...user.dict].sort()).toEqual([...USERS].sort());
      for (const way of [0, 1, 2]) {
        const { out } = await everyReader(cp932(lines, way), source, accounts);
        for (const [what, got] of Object.entries(out)) {
          expectSameActivity(ref.table, got.table, `way ${way} ${what}`);
          expect(got.report, `way ${way} ${what}`).toEqual(ref.report);
        }
      }
    });
  }

  it('a Shift_JIS NDJSON file (decoded whole, read by the row reader) written two ways = written one way', async () => {
    const accounts = { table: accountTable(pb, accountRows()), contract: pb.fields };
    const [head, ...rows] = BY_KEY_LINES;
    const cols = head.split(',');
    const lines = rows.map((l) =>
      JSON.stringify(
        Object.fromEntries(l.split(',').map((v, k) => [cols[k], v.replace(/"/g, '')])),
      ),
    );
    const read = (way: number) =>
      importActivityFile(cp932(lines, way), 'a.ndjson', BY_KEY, accounts, OPTS);
    const ref = read(0);
    expect(ref.report).toMatchObject({ rows: 120, kept: 120, unknownAccount: 0, badValues: 0 });
    for (const way of [1, 2]) {
      const got = read(way);
      expectSameActivity(ref.table, got.table, `ndjson way ${way}`);
      expect(got.report, `ndjson way ${way}`).toEqual(ref.report);
    }
  });

  it('the one-pass reader (keys found by number) reads the mixed spellings itself, to the same table', async () => {
    const rows = KEYS.map((_, i) => ({ id: `k${i + 1}`, name: NAMES[i], mrr: i, usage: i }));
    const accounts = { table: accountTable(pb, rows), contract: pb.fields };
    const lines = events((i) => `k${i + 1}`, 'account_id');
    const ref = importActivityFile(cp932(lines, 0), 'a.csv', BY_KEY, accounts, {
      ...OPTS,
      reader: 'rows',
    });
    expect(ref.report.kept).toBe(120);
    for (const way of [0, 1, 2]) {
      const { out, oneRows } = await everyReader(cp932(lines, way), BY_KEY, accounts);
      for (const [what, got] of Object.entries(out)) {
        expectSameActivity(ref.table, got.table, `way ${way} ${what}`);
        expect(got.report, `way ${way} ${what}`).toEqual(ref.report);
      }
      // fastRow read most rows (the quoted cells go to the parser): the second spellings are
      // read where they are, not handed to the parser.
      expect(oneRows, `way ${way}`).toBeGreaterThan(60);
    }
  });

  it('accounts file and activity files spelled differently: every key and name joins, the windows, filters and distinct counts are the text’s', async () => {
    const want = expected(2);
    const want30 = expected(2); // 30d from 2026-01-31: 01-02 … 01-31, every event
    const want10 = expected(22); // 10d: 01-22 … 01-31
    const results: string[] = [];
    for (const accWay of [0, 1, 2]) {
      const acc = importAccountFile(cp932(ACCOUNT_LINES, accWay), 'accounts.csv', pb.fields);
      expect(acc.report, `accounts way ${accWay}`).toMatchObject({
        encoding: 'shift_jis',
        rowsImported: KEYS.length,
        errorCount: 0,
        duplicateKeys: 0,
      });
      const nameCol = acc.table.columns.name;
      expect(nameCol.type === 'string' && nameCol.dict, `accounts way ${accWay}`).toEqual(NAMES);
      const keyCol = acc.table.columns.id;
      expect(keyCol.type === 'string' && keyCol.dict, `accounts way ${accWay}`).toEqual(KEYS);
      const accounts = { table: acc.table, contract: pb.fields };
      for (const actWay of [0, 1, 2]) {
        const data: Record<string, ActivityTable> = {};
        for (const [source, lines] of [
          [BY_KEY, BY_KEY_LINES],
          [BY_NAME, BY_NAME_LINES],
        ] as const) {
          const { out } = await everyReader(cp932(lines, actWay), source, accounts);
          for (const [what, got] of Object.entries(out)) {
            const at = `accounts ${accWay}, ${source.id} ${actWay} ${what}`;
            expect(got.report.unknownAccount, at).toBe(0);
            expect(got.report.ambiguousAccount, at).toBe(0);
            expect(got.report.kept, at).toBe(120);
            // Events per account: 24 each.
            expect(Array.from(got.table.offsets), at).toEqual([0, 24, 48, 72, 96, 120]);
          }
          data[source.id] = out.whole.table;
        }
        const { out, explained } = seen(acc.table, data);
        for (const s of ['visits', 'contacts']) {
          const at = `accounts ${accWay}, activity ${actWay}, ${s}`;
          expect(out[`${s}_n`], at).toEqual(want30.map((x) => x.n));
          expect(out[`${s}_n10`], at).toEqual(want10.map((x) => x.n));
          expect(out[`${s}_ii`], at).toEqual(want.map((x) => x.ii));
          expect(out[`${s}_nearly`], at).toEqual(want.map((x) => x.nearly));
          expect(out[`${s}_users`], at).toEqual(want.map((x) => x.users));
        }
        results.push(JSON.stringify({ out, explained }));
      }
    }
    // The filters matched rows (a filter that matched none would pass trivially).
    expect(want.some((x) => x.ii > 0) && want.some((x) => x.nearly > 0)).toBe(true);
    // What the user sees is the same for all nine pairs of spellings.
    expect(new Set(results).size).toBe(1);
  });
});

function accountRows() {
  return KEYS.map((id, i) => ({ id, name: NAMES[i], mrr: i, usage: i }));
}
