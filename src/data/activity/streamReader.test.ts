/**
 * The byte reader (whole file, and streamed in random blocks) against the row reader on random
 * activity files: multibyte names and values split across blocks, quoted cells with escaped
 * quotes and line breaks, CRLF, a BOM, timestamps of every form (with offsets, 和暦, kanji,
 * unreadable), unknown / ambiguous / renamed accounts, bad numbers, booleans and categories.
 * The table (every column, byte for byte) and the report must be the same.
 */
import { describe, expect, it } from 'vitest';
import { ActivityByteReader, importActivityFile, importActivityStream } from './importActivity';
import { ABSENT, DenseKeys } from './byteMap';
import { parseTimestamp, timestampFromBytes } from './timestamp';
import { Utf8Error } from '../csvBytes';
import {
  CONTACTS,
  LOGINS,
  accountTable,
  activityPlaybook,
} from '../../engine/testing/activityMini';
import type { ActivitySource } from '../../model';
import { rng } from '../../util/random';
import { sjis } from '../testing/sjisEncode';
import { expectSameActivity } from '../testing/activityTables';

const pb = activityPlaybook();
/** A source linked by key with attributes of every type: the one-pass reader reads them all. */
const USAGE: ActivitySource = {
  id: 'usage',
  label: { ja: '利用', en: 'Usage' },
  account: { column: 'account_id', match: 'key' },
  time: { column: '日時' },
  attributes: [
    { id: 'user', label: { ja: 'ユーザー', en: 'User' }, type: 'string' },
    { id: 'kind', label: { ja: '種別', en: 'Kind' }, type: 'category', values: ['web', 'api'] },
    { id: 'minutes', label: { ja: '分', en: 'Minutes' }, type: 'number' },
    { id: 'done', label: { ja: '完了', en: 'Done' }, type: 'boolean' },
  ],
};
const ACC = Array.from({ length: 40 }, (_, i) => ({
  // A key with a trailing space: no cell finds it (cells are trimmed), prepared memo or not.
  id: i % 7 === 3 ? `ｋ${i}` : i % 13 === 6 ? `k${i} ` : `k${i}`,
  name: i % 5 === 0 ? `株式会社テスト${i % 10}` : `テスト${i}(株)`,
  mrr: i,
  usage: i,
}));
const accounts = { table: accountTable(pb, ACC), contract: pb.fields };
const NUMS = [
  '12',
  '-3.25',
  '0',
  '007',
  '1,200',
  '１２',
  '3.',
  '.5',
  '1e3',
  'abc',
  '',
  '12.345678901234567',
  '-0',
];
const TIMES = [
  '2026-11-20',
  '2026-11-20 09:30',
  '2026-11-20T23:59:59',
  '2026/11/2 9:05',
  '2026/11/20 16:46',
  '2026/11/20',
  '2026-11-20T09:30+09:00',
  '2026.11.02 09:05:01',
  '2026-11-22T15:30:00Z',
  '2026-11-22T15:30:00+09:00',
  '2026-11-22T15:30:00-0530',
  '2026-11-22 15:30:00.25',
  '2026年11月3日',
  '2026年11月3日 9:30',
  '2026年11月3日 9時30分15秒',
  '2026年11月3日 午後3時5分',
  '令和8年11月3日',
  '20261103',
  ' 2026-11-03 ',
  '２０２６-11-03',
  '2026-02-30',
  '2026-11-24',
  '2027-01-01T00:00:00Z',
  'yesterday',
  '2026-11-23T24:00',
  '',
];
const CHANNELS = ['mail', 'CALL', 'ｖｉｓｉｔ', 'fax', '', ' mail ', 'N/A'];
const BOOLS = ['true', 'FALSE', 'はい', 'いいえ', 'yes', 'maybe', '', '1'];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)];
}

function cell(r: () => number, v: string, d: string, all = false): string {
  if (all || r() < 0.15 || v.includes(d) || v.includes('"') || v.includes('\n'))
    return `"${v.replace(/"/g, '""')}"`;
  return v;
}

function randomFile(
  seed: number,
  source: ActivitySource,
  encoding = 'utf-8',
  accountCell?: (r: () => number) => string,
): Uint8Array {
  const r = rng(seed);
  const d = r() < 0.3 ? '\t' : ',';
  const eol = r() < 0.5 ? '\r\n' : '\n';
  const byName = source.account.match === 'name';
  const heads = [
    source.account.column,
    source.time.column,
    ...source.attributes.map((a) => a.column ?? a.label.ja),
  ];
  // Columns in another order in some files (the account or the time last, after a number…):
  // the readers find them by header; the one-pass reader reads the cells in file order.
  const order = heads.map((_, k) => k);
  if (r() < 0.4)
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(r() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
  // Some files quote every cell (as many SaaS exporters do), the header too.
  const all = r() < 0.3;
  const lines = [order.map((k) => (all ? `"${heads[k]}"` : heads[k])).join(d)];
  const n = 50 + Math.floor(r() * 400);
  for (let k = 0; k < n; k++) {
    const a = ACC[Math.floor(r() * ACC.length)];
    let acc = byName
      ? pick(r, [a.name, ` ${a.name}`, a.name.replace('株式会社', '(株)'), '不明商事'])
      : accountCell
        ? accountCell(r)
        : pick(r, [a.id, a.id, ` ${a.id} `, 'nobody', '']);
    if (r() < 0.05) acc = `${acc}"x"`;
    const cells = [acc, pick(r, TIMES)];
    for (const at of source.attributes) {
      if (at.type === 'number')
        cells.push(
          r() < 0.5
            ? pick(r, NUMS)
            : `${r() < 0.3 ? '-' : ''}${Math.floor(r() * 10 ** Math.floor(r() * 8))}.${String(Math.floor(r() * 1e9)).slice(0, 1 + Math.floor(r() * 8))}`,
        );
      else if (at.type === 'boolean') cells.push(pick(r, BOOLS));
      else if (at.type === 'category')
        cells.push(pick(r, at.id === 'kind' ? ['web', 'api', 'API', 'ftp', ''] : CHANNELS));
      else
        cells.push(pick(r, ['u1', 'ユーザー二', 'line\nbreak', 'ä"q', '', '𠮷野', '佐藤, 一郎']));
    }
    const row = order.map((k) => cells[k]);
    if (r() < 0.03) row.pop(); // a short row
    lines.push(row.map((c) => cell(r, c, d, all)).join(d));
    if (r() < 0.03) lines.push(''); // a blank line
  }
  const body = lines.join(eol) + (r() < 0.5 ? eol : '');
  // Shift_JIS: characters it lacks (𠮷, ä) become '?'.
  if (encoding === 'shift_jis') return sjis(body);
  return new TextEncoder().encode((r() < 0.2 ? '\ufeff' : '') + body);
}

async function* blocksOf(bytes: Uint8Array, r: () => number) {
  for (let i = 0; i < bytes.length;) {
    const len = 1 + Math.floor(r() * r() * 300);
    yield bytes.subarray(i, i + len);
    i += len;
  }
}

describe('activity byte reader = row reader', () => {
  for (const source of [LOGINS, CONTACTS, USAGE])
    for (const encoding of ['utf-8', 'shift_jis'])
      it(`random ${source.id} files in ${encoding}, whole and in random blocks`, async () => {
        let bytePath = 0;
        for (let seed = 1; seed <= 40; seed++) {
          const bytes = randomFile(seed * 31 + source.id.length, source, encoding);
          const opts = { asOf: '2026-11-23', timeZone: 'Asia/Tokyo', maxIssues: 10_000 };
          const ref = importActivityFile(bytes, 'f.csv', source, accounts, {
            ...opts,
            reader: 'rows',
          });
          const whole = importActivityFile(bytes, 'f.csv', source, accounts, opts);
          const streamed = await importActivityStream(
            blocksOf(bytes, rng(seed)),
            bytes.length,
            'f.csv',
            source,
            accounts,
            opts,
          );
          for (const [what, got] of [
            ['whole', whole],
            ['streamed', streamed],
          ] as const) {
            expectSameActivity(ref.table, got.table, `seed ${seed} ${what}`);
            expect(got.report, `seed ${seed} ${what}`).toEqual(ref.report);
          }
          expect(ref.report.kept).toBeGreaterThan(0);
          const r = ActivityByteReader.open(bytes, 'f.csv', source, accounts, opts, bytes.length);
          if (r?.sjis === (encoding === 'shift_jis')) bytePath++;
        }
        expect(bytePath).toBe(40); // every file took the byte reader, in its encoding
      });

  it('invalid UTF-8 past the first megabyte: the whole-file import falls back to the row reader, the stream says so', async () => {
    const row = 'k1,2026-11-20,ユーザー,web\n';
    const text = 'account_id,logged_in_at,user,kind\n' + row.repeat(60_000);
    const ok = new TextEncoder().encode(text);
    const bytes = new Uint8Array(ok.length + 2);
    bytes.set(ok);
    bytes.set([0xff, 0x0a], ok.length); // a broken byte on the last line, past the head
    const opts = { asOf: '2026-11-23' };
    // The row reader names the line with the broken byte; the byte reader gives the same error.
    const rows = () =>
      importActivityFile(bytes, 'f.csv', LOGINS, accounts, { ...opts, reader: 'rows' });
    expect(rows).toThrow(/line 60002/);
    expect(() => importActivityFile(bytes, 'f.csv', LOGINS, accounts, opts)).toThrow(/line 60002/);
    await expect(
      importActivityStream(blocksOf(bytes, rng(1)), bytes.length, 'f.csv', LOGINS, accounts, opts),
    ).rejects.toThrow(Utf8Error);
  });

  it('a Shift_JIS file with a UTF-8 line: the whole-file import reports it as the row reader does, the stream says so', async () => {
    const row = 'k1,2026-11-20,ユーザー,web\n';
    const text = 'account_id,logged_in_at,user,kind\n' + row.repeat(80_000);
    // Past both heads, and valid Shift_JIS too (mojibake): only the encoding check finds it.
    const utf8Line = new TextEncoder().encode('k2,2026-11-21,ユーザー,web\n');
    const head = sjis(text);
    const bytes = new Uint8Array(head.length + utf8Line.length);
    bytes.set(head);
    bytes.set(utf8Line, head.length);
    const opts = { asOf: '2026-11-23' };
    const rows = () =>
      importActivityFile(bytes, 'f.csv', LOGINS, accounts, { ...opts, reader: 'rows' });
    expect(rows).toThrow(/line 80002/);
    expect(() => importActivityFile(bytes, 'f.csv', LOGINS, accounts, opts)).toThrow(/line 80002/);
    await expect(
      importActivityStream(blocksOf(bytes, rng(3)), bytes.length, 'f.csv', LOGINS, accounts, opts),
    ).rejects.toThrow(Utf8Error);
  });

  it('JSON files: the same report streamed or not', async () => {
    const json = new TextEncoder().encode(
      JSON.stringify([{ account_id: 'k1', logged_in_at: '2026-11-20', user: 'u', kind: 'web' }]),
    );
    const a = importActivityFile(json, 'f.json', LOGINS, accounts, { asOf: '2026-11-23' });
    const b = await importActivityStream(
      blocksOf(json, rng(2)),
      json.length,
      'f.json',
      LOGINS,
      accounts,
      { asOf: '2026-11-23' },
    );
    expect(a.report.kept).toBe(1);
    expect(b.report).toEqual(a.report);
  });
});

describe('account keys of a prefix and a number (DenseKeys) = row reader', () => {
  // Keys `c7`, `c0012` (zero-padded), a few of another form; cells that are keys, keys with
  // another width, prefix or case, numbers past the last key or of 10+ digits, spaces, a sign.
  // 'mixed': both widths (looked up by get()); 'plain' (no leading zero) and 'padded' (all four
  // digits, the rows in another order than the numbers): found by number (num(), then values()).
  const keysOf = (kind: 'mixed' | 'plain' | 'padded') =>
    Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7
        ? `x${i}`
        : i % 61 === 5
          ? `c${i}x`
          : kind === 'padded'
            ? `c${String((i * 7) % 300).padStart(4, '0')}`
            : kind === 'mixed' && i % 3 === 0
              ? `c${String(i).padStart(4, '0')}`
              : `c${i}`,
    );
  let KEYS = keysOf('mixed');
  const accountsOf = (keys: string[]) => ({
    table: accountTable(
      pb,
      keys.map((id, i) => ({ id, name: `n${i}`, mrr: i, usage: i })),
    ),
    contract: pb.fields,
  });
  let acc = accountsOf(KEYS);
  const cellOf = (r: () => number): string => {
    const i = Math.floor(r() * 340);
    const k = KEYS[i % KEYS.length];
    return pick(r, [
      k,
      k,
      k,
      `c${i}`,
      `c${String(i).padStart(4, '0')}`,
      `c0${i}`,
      `C${i}`,
      `cc${i}`,
      `c${i}0000000000`,
      `c-${i}`,
      `c+${i}`,
      ` ${k}`,
      `${k} `,
      'c',
      '',
      `${i}`,
      `c${i}.0`,
      `ｃ${i}`,
    ]);
  };
  it.each(['mixed', 'plain', 'padded'] as const)(
    'finds what the row reader finds, on random files (%s keys)',
    async (kind) => {
      KEYS = keysOf(kind);
      acc = accountsOf(KEYS);
      const d = DenseKeys.build(
        KEYS.map((k, i) => [k, i * 2]),
        KEYS.length,
      );
      expect(d).not.toBeNull();
      expect(d!.numbered).toBe(kind !== 'mixed');
      for (let seed = 1; seed <= 30; seed++) {
        // Shift_JIS files find keys by number too; every other file has attributes of each type.
        const source = seed % 2 === 0 ? USAGE : LOGINS;
        const bytes = randomFile(seed, source, seed % 3 === 0 ? 'shift_jis' : 'utf-8', cellOf);
        const opts = { asOf: '2026-11-23', timeZone: 'Asia/Tokyo', maxIssues: 10_000 };
        const ref = importActivityFile(bytes, 'f.csv', source, acc, { ...opts, reader: 'rows' });
        const got = importActivityFile(bytes, 'f.csv', source, acc, opts);
        expectSameActivity(ref.table, got.table, `seed ${seed}`);
        expect(got.report, `seed ${seed}`).toEqual(ref.report);
        // Streamed in random blocks as well.
        const r = rng(seed);
        const blocks: Uint8Array[] = [];
        for (let at = 0; at < bytes.length;) {
          const len = 1 + Math.floor(r() * 300);
          blocks.push(bytes.subarray(at, at + len));
          at += len;
        }
        const st = await importActivityStream(
          (async function* () {
            yield* blocks;
          })(),
          bytes.length,
          'f.csv',
          source,
          acc,
          opts,
        );
        expectSameActivity(ref.table, st.table, `seed ${seed} (stream)`);
        expect(st.report, `seed ${seed} (stream)`).toEqual(ref.report);
        expect(ref.report.byKey).toBeGreaterThan(0);
        expect(ref.report.unknownAccount).toBeGreaterThan(0);
      }
      KEYS = keysOf('mixed');
      acc = accountsOf(KEYS);
    },
  );
  it('num() answers as get() for keys whose width follows from the number', () => {
    for (const kind of ['plain', 'padded'] as const) {
      const keys = keysOf(kind);
      const d = DenseKeys.build(
        keys.map((k, i) => [k, i * 2]),
        keys.length,
      )!;
      expect(d.numbered).toBe(true);
      const r = rng(3);
      const enc = new TextEncoder();
      let found = 0;
      for (let k = 0; k < 5000; k++) {
        KEYS = keys;
        const b = enc.encode(`.${cellOf(r)}.`);
        const g = d.get(b, 1, b.length - 1);
        const m = d.num(b, 1, b.length - 1);
        if (m >= 0) {
          found++;
          expect(d.valueOf(m)).toBe(g);
          const a = Int32Array.of(5, ~m);
          d.values(a, 2, 1);
          expect(Array.from(a)).toEqual([5, g >> 1]);
        } else expect(m).toBe(g);
      }
      expect(found).toBeGreaterThan(1000);
    }
    KEYS = keysOf('mixed');
  });
  it('answers by width, prefix and digits; no array when keys do not fit', () => {
    const d = DenseKeys.build(
      [
        ['c7', 14],
        ['c0012', 24],
        ['c3', 6],
      ],
      3,
    )!;
    const at = (t: string) => {
      const b = new TextEncoder().encode(`..${t}..`);
      return d.get(b, 2, b.length - 2);
    };
    expect([at('c7'), at('c0012'), at('c3')]).toEqual([14, 24, 6]);
    expect([at('c07'), at('c12'), at('c4'), at('c99999'), at('c123456789')]).toEqual([
      -1, -1, -1, -1, -1,
    ]);
    for (const t of ['c', 'd7', 'C7', 'c7 ', 'c-7', 'c1234567890', '7', 'cc7'])
      expect(at(t), t).toBe(ABSENT);
    // Two keys with the same number, numbers far past the keys, a non-ASCII prefix, few keys.
    expect(
      DenseKeys.build(
        [
          ['c7', 0],
          ['c07', 2],
        ],
        2,
      ),
    ).toBeNull();
    expect(
      DenseKeys.build(
        [
          ['c7', 0],
          ['c9999', 2],
        ],
        2,
      ),
    ).toBeNull();
    expect(DenseKeys.build([['ｃ7', 0]], 1)).toBeNull();
    expect(
      DenseKeys.build(
        [
          ['c7', 0],
          ['x', 2],
          ['y', 4],
        ],
        3,
      ),
    ).toBeNull();
  });
});

describe('timestampFromBytes', () => {
  it('gives parseTimestamp’s answer wherever it answers, on random strings of timestamp parts', () => {
    const r = rng(5);
    const enc = new TextEncoder();
    const num = (max: number) => String(Math.floor(r() * max));
    const two = (max: number) => num(max).padStart(r() < 0.8 ? 2 : 1, '0');
    const junk = ['', ' ', 'T', ':', '0', '5', 'Z', '-', '年', '日', '分', '秒', '.5', '午後'];
    let answered = 0;
    for (let k = 0; k < 100_000; k++) {
      const kanji = r() < 0.3;
      let s = pick(r, ['2026', '1999', '2024', '0099', '20261']);
      s += kanji
        ? '年' + two(14) + '月' + two(33) + '日'
        : pick(r, ['-', '/', '.']) + two(14) + pick(r, ['-', '/', '.']) + two(33);
      if (r() < 0.7) {
        s += kanji ? pick(r, ['', ' ', '  ']) : pick(r, ['T', 't', ' ', '_']);
        s += two(26) + (kanji ? pick(r, [':', '時']) : ':') + two(62);
        if (kanji && r() < 0.5) s += '分';
        if (r() < 0.6)
          s += pick(r, [':', kanji ? '' : ':']) + two(62) + (kanji && r() < 0.5 ? '秒' : '');
        if (!kanji && r() < 0.5)
          s += pick(r, ['Z', 'z', '+09:00', '-0530', '+0900', '-05:3', '+25:00', '+09:61', ' Z']);
      }
      if (r() < 0.2) {
        const at = Math.floor(r() * (s.length + 1));
        s = s.slice(0, at) + pick(r, junk) + s.slice(at + (r() < 0.5 ? 1 : 0));
      }
      const b = enc.encode(s);
      for (const zone of ['Asia/Tokyo', 'America/New_York']) {
        const v = timestampFromBytes(b, 0, b.length, zone);
        if (v === undefined) continue;
        answered++;
        expect(v, `${s} (${zone})`).toBe(parseTimestamp(s, zone));
      }
    }
    for (const s of TIMES) {
      const b = enc.encode(s);
      const v = timestampFromBytes(b, 0, b.length, 'Asia/Tokyo');
      if (v !== undefined) expect(v, s).toBe(parseTimestamp(s, 'Asia/Tokyo'));
    }
    expect(answered).toBeGreaterThan(50_000);
  });
});

describe('the one-pass reader reads the forms exports write', () => {
  // Account keys c0…c199 (found by number); each form once in a file of its own, with a few
  // bad rows (unknown key, impossible time, a number and a category that are not) that go to
  // the parser: the table and report are the row reader's, and every good row is read in one pass.
  const keys = Array.from({ length: 200 }, (_, i) => `c${i}`);
  const acc = {
    table: accountTable(
      pb,
      keys.map((id, i) => ({ id, name: `n${i}`, mrr: i, usage: i })),
    ),
    contract: pb.fields,
  };
  const NAMES = ['佐藤', '鈴木', 'ｻﾄｳ', 'Tanaka', '髙橋', '渡邉'];
  type Form = {
    time: (d: number, h: number, m: number) => string;
    quote: 'none' | 'all' | 'excel';
    sjis?: boolean;
    crlf?: boolean;
    tab?: boolean;
  };
  const p2 = (x: number) => String(x).padStart(2, '0');
  const iso = (d: number, h: number, m: number) => `2026-11-${p2(d)} ${p2(h)}:${p2(m)}:07`;
  const FORMS: Record<string, Form> = {
    plain: { time: iso, quote: 'none' },
    'every cell quoted': { time: iso, quote: 'all' },
    'quoted when a comma is inside (Excel)': { time: iso, quote: 'excel' },
    Shift_JIS: { time: iso, quote: 'none', sjis: true },
    'Shift_JIS, every cell quoted, CRLF': { time: iso, quote: 'all', sjis: true, crlf: true },
    CRLF: { time: iso, quote: 'none', crlf: true },
    'TSV, quoted, CRLF': { time: iso, quote: 'all', crlf: true, tab: true },
    'slash date-times': { time: (d, h, m) => `2026/11/${p2(d)} ${h}:${p2(m)}`, quote: 'none' },
    'slash dates': { time: (d) => `2026/11/${d}`, quote: 'all' },
    'ISO with an offset': {
      time: (d, h, m) => `2026-11-${p2(d)}T${p2(h)}:${p2(m)}:00+09:00`,
      quote: 'none',
    },
    'ISO with Z, Shift_JIS': {
      time: (d, h, m) => `2026-11-${p2(d)}T${p2(h)}:${p2(m)}:00Z`,
      quote: 'excel',
      sjis: true,
    },
    'dates only': { time: (d) => `2026-11-${p2(d)}`, quote: 'none' },
    '年月日 時分': { time: (d, h, m) => `2026年11月${d}日 ${h}:${p2(m)}`, quote: 'all' },
  };
  it.each(Object.keys(FORMS))('%s', async (name) => {
    const f = FORMS[name];
    const r = rng(name.length * 7 + 1);
    const D = f.tab ? '\t' : ',';
    const q = (v: string) =>
      f.quote === 'all' || (f.quote === 'excel' && (v.includes(D) || v.includes('"')))
        ? `"${v.replace(/"/g, '""')}"`
        : v;
    // A last column no attribute reads (skipped to the line's end, quoted or not).
    const lines = [['account_id', '日時', 'ユーザー', '種別', '分', '完了', 'メモ'].map(q).join(D)];
    const n = 3000;
    let bad = 0;
    for (let k = 0; k < n; k++) {
      const cells = [
        `c${Math.floor(r() * 200)}`,
        f.time(1 + Math.floor(r() * 22), Math.floor(r() * 24), Math.floor(r() * 60)),
        `${NAMES[k % NAMES.length]}${f.quote !== 'none' && r() < 0.2 ? ', 一郎' : ''}${k % 50}`,
        r() < 0.5 ? 'web' : 'api',
        // '3.' is a number the plain-decimal scan leaves to setNumberBytes.
        r() < 0.1 ? '3.' : `${Math.floor(r() * 1000) / 4}`,
        r() < 0.5 ? 'true' : 'false',
        f.quote === 'none' ? 'メモ' : pick(r, ['メモ', 'a, b', '']),
      ];
      if (k % 97 === 96) {
        // A bad cell, in turn in each column that can have one (any text is a user).
        const col = [0, 1, 3, 4, 5][bad++ % 5];
        cells[col] = ['c999', '2026/13/01', '', 'ftp', '1.2.3', 'maybe'][col];
      }
      lines.push(cells.map(q).join(D));
    }
    const text = lines.join(f.crlf ? '\r\n' : '\n') + (f.crlf ? '\r\n' : '\n');
    const bytes = f.sjis ? sjis(text) : new TextEncoder().encode(text);
    const opts = { asOf: '2026-11-23', timeZone: 'Asia/Tokyo', maxIssues: 10_000 };
    const ref = importActivityFile(bytes, 'f.csv', USAGE, acc, { ...opts, reader: 'rows' });
    const reader = ActivityByteReader.open(bytes, 'f.csv', USAGE, acc, opts, bytes.length)!;
    expect(reader.sjis).toBe(!!f.sjis);
    reader.push(bytes);
    const got = reader.end();
    expectSameActivity(ref.table, got.table, name);
    expect(got.report).toEqual(ref.report);
    expect(ref.report.rows).toBe(n);
    expect(ref.report.kept).toBeGreaterThan(n - bad - 1);
    expect(reader.oneRows).toBe(n - bad);
    // Streamed in small blocks (characters and quoted cells cut between blocks): the same.
    const st = await importActivityStream(
      blocksOf(bytes, rng(9)),
      bytes.length,
      'f.csv',
      USAGE,
      acc,
      opts,
    );
    expectSameActivity(ref.table, st.table, `${name} (stream)`);
    expect(st.report).toEqual(ref.report);
  });
});
