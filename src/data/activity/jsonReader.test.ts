/**
 * The JSON byte reader against the row reader (JSON.parse, one row of values per object) on
 * random NDJSON and JSON-array activity files: Japanese strings, \u and \" escapes (in values
 * and in keys), numbers, booleans and null where strings are expected and the reverse, missing,
 * extra, nested and repeated keys, CRLF, blank lines, spaces, a BOM, lines only the row reader's
 * trim() makes valid; whole and streamed in random blocks. Table and report must be the same,
 * and the byte reader must have read the file itself (no fallback) wherever the file is valid.
 * Streamed files are read a block at a time (JsonActivityStream, objects cut by a block's end
 * carried into the next); where the stream hands the file back (ReadWhole: a key seen late that
 * moves the mapping, invalid JSON past the head) it is read whole, as the CLI and the worker do.
 */
import { describe, expect, it } from 'vitest';
import { importActivityFile, importActivityStream } from './importActivity';
import {
  JsonActivityStream,
  JsonFallback,
  ReadWhole,
  importActivityJson,
  jsonFormatOf,
} from './jsonReader';
import { ImportError } from '../issues';
import {
  CONTACTS,
  LOGINS,
  accountTable,
  activityPlaybook,
} from '../../engine/testing/activityMini';
import type { ActivitySource } from '../../model';
import { rng } from '../../util/random';
import { expectSameActivity } from '../testing/activityTables';

const pb = activityPlaybook();
const ACC = Array.from({ length: 40 }, (_, i) => ({
  id: i % 7 === 3 ? `ｋ${i}` : `k${i}`,
  name: i % 5 === 0 ? `株式会社テスト${i % 10}` : `テスト${i}(株)`,
  mrr: i,
  usage: i,
}));
const accounts = { table: accountTable(pb, ACC), contract: pb.fields };
const OPTS = { asOf: '2026-11-23', timeZone: 'Asia/Tokyo', maxIssues: 10_000 };

const TIMES = [
  '2026-11-20',
  '2026-11-20 09:30',
  '2026-11-20T23:59:59',
  '2026/11/2 9:05',
  '2026-11-22T15:30:00+09:00',
  '2026年11月3日 9:30',
  '令和8年11月3日',
  ' 2026-11-03 ',
  '2026-02-30',
  '2026-11-24',
  'yesterday',
  '',
];
/** JSON values (as JSON text) for number cells: numbers of every form, strings, others. */
const NUMS = [
  '12',
  '-3.25',
  '0',
  '-0',
  '-0.0',
  '12.50',
  '1e3',
  '1E-7',
  '0.000001',
  '0.0000001',
  '123456789012345678',
  '"12"',
  '"-0"',
  '"1,200"',
  '"abc"',
  'true',
  'null',
  '[1,2]',
  '{"v":1.0}',
];
const CHANNELS = ['mail', 'CALL', 'ｖｉｓｉｔ', 'fax', '', ' mail ', 'N/A'];
const BOOLS = ['true', 'FALSE', 'はい', 'いいえ', 'yes', 'maybe', '', '1'];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)];
}

/** A JSON string literal for s, some characters written as \u escapes. */
function jsonString(r: () => number, s: string): string {
  let out = JSON.stringify(s);
  if (r() < 0.2)
    out =
      '"' +
      [...out.slice(1, -1)]
        .map((ch) =>
          r() < 0.3 && ch !== '\\' && ch.length === 1
            ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
            : ch,
        )
        .join('') +
      '"';
  return out;
}

/** A cell as JSON text: mostly a string, sometimes a number, boolean, null or nested value. */
function jsonValue(r: () => number, s: string): string {
  const x = r();
  if (x < 0.05) return 'null';
  if (x < 0.08) return pick(r, ['true', 'false']);
  if (x < 0.1) return pick(r, ['[1,"a"]', '{"a":{"b":[true,null]}}', '{}', '[]']);
  if (x < 0.15 && /^-?\d+(\.\d+)?$/.test(s.trim())) return String(Number(s));
  return jsonString(r, s);
}

function key(r: () => number, k: string): string {
  // The same key with its first character as a \u escape: JSON.parse reads the same key.
  const hex = k.charCodeAt(0).toString(16).padStart(4, '0');
  return r() < 0.05 ? `"\\u${hex}${JSON.stringify(k).slice(2)}` : JSON.stringify(k);
}

function randomFile(
  seed: number,
  source: ActivitySource,
  shape: { objects?: number; ndjson?: boolean } = {},
): { bytes: Uint8Array; name: string } {
  const r = rng(seed);
  const nd = r() < 0.6;
  const ndjson = shape.ndjson ?? nd;
  const eol = r() < 0.5 ? '\r\n' : '\n';
  const byName = source.account.match === 'name';
  const heads = [
    source.account.column,
    source.time.column,
    ...source.attributes.map((a) => a.column ?? a.label.ja),
  ];
  const objects: string[] = [];
  const n0 = 30 + Math.floor(r() * 300);
  const n = shape.objects ?? n0;
  for (let k = 0; k < n; k++) {
    const a = ACC[Math.floor(r() * ACC.length)];
    const acc = byName
      ? pick(r, [a.name, ` ${a.name}`, a.name.replace('株式会社', '(株)'), '不明商事', 'a"b'])
      : pick(r, [a.id, a.id, ` ${a.id} `, 'nobody', '', 'k"1', 'k\\1']);
    const cells: [string, string][] = [
      [heads[0], r() < 0.1 && !byName ? String(Math.floor(r() * 50)) : jsonValue(r, acc)],
      [heads[1], jsonValue(r, pick(r, TIMES))],
    ];
    source.attributes.forEach((at, i) => {
      const h = heads[2 + i];
      if (at.type === 'number') cells.push([h, pick(r, NUMS)]);
      else if (at.type === 'boolean')
        cells.push([
          h,
          r() < 0.5 ? pick(r, ['true', 'false', 'null', '1']) : jsonValue(r, pick(r, BOOLS)),
        ]);
      else if (at.type === 'category')
        cells.push([
          h,
          jsonValue(r, pick(r, at.id === 'kind' ? ['web', 'api', 'API', 'ftp', ''] : CHANNELS)),
        ]);
      else
        cells.push([
          h,
          jsonValue(r, pick(r, ['u1', 'ユーザー二', 'tab\there', 'ä"q', '', '𠮷野', 'あ\\い'])),
        ]);
    });
    if (r() < 0.1) cells.splice(Math.floor(r() * cells.length), 1); // a missing key
    if (r() < 0.1)
      cells.push([
        pick(r, ['note', 'メモ', 'extra"q', 'constructor', '__proto__']),
        jsonValue(r, 'x'),
      ]);
    if (r() < 0.05) cells.push([cells[0][0], jsonValue(r, pick(r, [a.id, 'nobody']))]); // a repeated key
    if (r() < 0.2) cells.sort(() => r() - 0.5); // another key order
    const sp = () => (r() < 0.1 ? pick(r, [' ', '\t', '  ']) : '');
    objects.push(
      '{' +
        sp() +
        cells.map(([h, v]) => `${key(r, h)}${sp()}:${sp()}${v}`).join(`,${sp()}`) +
        sp() +
        '}',
    );
  }
  let body: string;
  if (ndjson) {
    const lines: string[] = [];
    for (const o of objects) {
      if (r() < 0.05) lines.push(pick(r, ['', '  ', '\t', '\u3000']));
      // Spaces the row reader trims (JSON.parse would refuse the \u3000 untrimmed).
      lines.push(r() < 0.03 ? `\u3000${o}` : r() < 0.05 ? ` ${o} ` : o);
    }
    body = lines.join(eol) + (r() < 0.5 ? eol : '');
  } else {
    const sep = r() < 0.5 ? ',' : `,${eol}  `;
    body =
      (r() < 0.5 ? '[' : `[${eol}  `) + objects.join(sep) + (r() < 0.5 ? ']' : `${eol}]${eol}`);
  }
  const name = ndjson ? pick(r, ['f.ndjson', 'f.jsonl', 'f.txt']) : pick(r, ['f.json', 'f.txt']);
  return { bytes: new TextEncoder().encode((r() < 0.2 ? '\ufeff' : '') + body), name };
}

async function* blocksOf(bytes: Uint8Array, r: () => number, max = 300) {
  for (let i = 0; i < bytes.length;) {
    const len = 1 + Math.floor(r() * r() * max);
    yield bytes.subarray(i, i + len);
    i += len;
  }
}

/**
 * As the CLI and the worker read a file that arrives in blocks: the stream, or the file whole
 * when the stream hands it back (ReadWhole). `whole`: it was handed back.
 */
async function streamOrWhole(
  bytes: Uint8Array,
  name: string,
  source: ActivitySource,
  r: () => number,
  headObjects?: number,
  max?: number,
) {
  try {
    const got = await importActivityStream(
      blocksOf(bytes, r, max),
      bytes.length,
      name,
      source,
      accounts,
      OPTS,
      headObjects,
    );
    return { got, whole: false };
  } catch (e) {
    if (!(e instanceof ReadWhole)) throw e;
  }
  return { got: importActivityFile(bytes, name, source, accounts, OPTS), whole: true };
}

function byteReader(bytes: Uint8Array, name: string, source: ActivitySource) {
  const fmt = jsonFormatOf(bytes, name);
  if (!fmt) throw new Error(`${name} not taken as JSON`);
  return importActivityJson(bytes, fmt, name, source, accounts, OPTS);
}

describe('activity JSON byte reader = row reader', () => {
  for (const source of [LOGINS, CONTACTS])
    it(`random ${source.id} NDJSON and JSON files, whole and in random blocks`, async () => {
      const formats = new Set<string>();
      const handedBack = { stream: 0, whole: 0 };
      for (let seed = 1; seed <= 60; seed++) {
        const { bytes, name } = randomFile(seed * 17 + source.id.length, source);
        const ref = importActivityFile(bytes, name, source, accounts, { ...OPTS, reader: 'rows' });
        const direct = byteReader(bytes, name, source); // no fallback: it reads the file itself
        const whole = importActivityFile(bytes, name, source, accounts, OPTS);
        const streamed = await importActivityStream(
          blocksOf(bytes, rng(seed)),
          bytes.length,
          name,
          source,
          accounts,
          OPTS,
        );
        // The mapping from the first few objects only: keys seen later are added, or move it.
        const small = await streamOrWhole(bytes, name, source, rng(seed + 1), 1 + (seed % 9));
        handedBack[small.whole ? 'whole' : 'stream']++;
        for (const [what, got] of [
          ['direct', direct],
          ['whole', whole],
          ['streamed', streamed],
          ['streamed, small head', small.got],
        ] as const) {
          expectSameActivity(ref.table, got.table, `seed ${seed} ${what}`);
          expect(got.report, `seed ${seed} ${what}`).toEqual(ref.report);
        }
        expect(ref.report.kept).toBeGreaterThan(0);
        expect(ref.report.issueCount).toBeGreaterThan(0);
        formats.add(jsonFormatOf(bytes, name)!);
      }
      expect([...formats].sort()).toEqual(['json', 'ndjson']);
      // (A late key that moves the mapping: the tests below.)
      expect(handedBack.stream).toBeGreaterThan(30);
    }, 180_000); // (a shared machine under load: well past the 30 s default)

  for (const ndjson of [false, true])
    it(`a ${ndjson ? 'NDJSON' : 'JSON array'} file larger than the stream's head, in random blocks`, async () => {
      for (const seed of [3, 4]) {
        const { bytes, name } = randomFile(seed, LOGINS, { objects: 15_000, ndjson });
        expect(bytes.length).toBeGreaterThan(2 ** 20); // past the first megabyte
        const ref = importActivityFile(bytes, name, LOGINS, accounts, { ...OPTS, reader: 'rows' });
        const s = await streamOrWhole(bytes, name, LOGINS, rng(seed), undefined, 1 << 16);
        expect(s.whole).toBe(false);
        expectSameActivity(ref.table, s.got.table, `seed ${seed}`);
        expect(s.got.report).toEqual(ref.report);
        // The stream alone, its mapping from a head cut inside an object (not the whole file).
        const cut = 100_003;
        const js = JsonActivityStream.open(
          bytes.subarray(0, cut),
          ndjson ? 'ndjson' : 'json',
          false,
          name,
          LOGINS,
          accounts,
          OPTS,
          bytes.length,
        )!;
        const r = rng(seed + 7);
        for (let i = 0; i < bytes.length;) {
          const len = 1 + Math.floor(r() * 70_000);
          js.push(bytes.subarray(i, i + len));
          i += len;
        }
        const got = js.end();
        expectSameActivity(ref.table, got.table, `seed ${seed} open`);
        expect(got.report).toEqual(ref.report);
      }
    }, 180_000); // (a shared machine under load: well past the 30 s default)

  it('a key first seen after the first thousand objects that changes the mapping: read again', async () => {
    // Early objects match the attribute `user` by its label; a later exact `user` key wins.
    const early = Array.from({ length: 1500 }, (_, i) =>
      JSON.stringify({
        account_id: `k${i % 40}`,
        logged_in_at: '2026-11-20',
        ユーザー: `a${i}`,
        kind: 'web',
      }),
    );
    const late = JSON.stringify({
      account_id: 'k1',
      logged_in_at: '2026-11-21',
      user: 'b',
      kind: 'api',
    });
    const bytes = new TextEncoder().encode([...early, late].join('\n'));
    const ref = importActivityFile(bytes, 'f.ndjson', LOGINS, accounts, {
      ...OPTS,
      reader: 'rows',
    });
    const got = byteReader(bytes, 'f.ndjson', LOGINS);
    expectSameActivity(ref.table, got.table, 'late key');
    expect(got.report).toEqual(ref.report);
    const user = got.table.columns.user;
    expect(user.type === 'string' && user.dict).toEqual(['b']);
    // Streamed, the first blocks are gone when the key comes: the stream hands the file back.
    await expect(
      importActivityStream(
        blocksOf(bytes, rng(1)),
        bytes.length,
        'f.ndjson',
        LOGINS,
        accounts,
        OPTS,
      ),
    ).rejects.toThrow(ReadWhole);
    const s = await streamOrWhole(bytes, 'f.ndjson', LOGINS, rng(2));
    expect(s.whole).toBe(true);
    expectSameActivity(ref.table, s.got.table, 'late key streamed');
    expect(s.got.report).toEqual(ref.report);
    // The same file as a JSON array.
    const arr = new TextEncoder().encode(`[${[...early, late].join(',\n')}]`);
    const s2 = await streamOrWhole(arr, 'f.json', LOGINS, rng(3));
    expect(s2.whole).toBe(true);
    const ref2 = importActivityFile(arr, 'f.json', LOGINS, accounts, { ...OPTS, reader: 'rows' });
    expectSameActivity(ref2.table, s2.got.table, 'late key streamed array');
    expect(s2.got.report).toEqual(ref2.report);
  });

  it('a column missing from the first thousand objects only', async () => {
    const early = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({ account_id: `k${i % 40}`, logged_in_at: '2026-11-20', user: 'u' }),
    );
    const late = JSON.stringify({ account_id: 'k1', logged_in_at: '2026-11-21', kind: 'api' });
    const bytes = new TextEncoder().encode([...early, late].join('\n'));
    const ref = importActivityFile(bytes, 'f.ndjson', LOGINS, accounts, {
      ...OPTS,
      reader: 'rows',
    });
    const got = byteReader(bytes, 'f.ndjson', LOGINS);
    expectSameActivity(ref.table, got.table, 'late column');
    expect(got.report).toEqual(ref.report);
    // Streamed: no mapping from the head, so the file is gathered and read whole.
    const s = await streamOrWhole(bytes, 'f.ndjson', LOGINS, rng(4));
    expect(s.whole).toBe(false);
    expectSameActivity(ref.table, s.got.table, 'late column streamed');
    expect(s.got.report).toEqual(ref.report);
  });

  it('invalid JSON, invalid UTF-8, other shapes: the row reader reports them, with the line', async () => {
    const good = JSON.stringify({
      account_id: 'k1',
      logged_in_at: '2026-11-20',
      user: 'u',
      kind: 'web',
    });
    const cases: [string, string | Uint8Array][] = [
      ['f.ndjson', [good, good, '{"account_id": "k1", "logged_in_at": }', good].join('\n')],
      ['f.ndjson', [good, '{"account_id": "k1"', good].join('\n')],
      ['f.ndjson', [good, '{"account_id": "k1"}\u3000x', good].join('\r\n')],
      ['f.ndjson', [good, '[1, 2]', good].join('\n')],
      ['f.ndjson', [good, '{"account_id": 01}', good].join('\n')],
      ['f.ndjson', [good, '{"account_id": "a\u0001b"}', good].join('\n')],
      ['f.ndjson', [good, '{"account_id": "\\x"}', good].join('\n')],
      ['f.json', `[${good},${good}`],
      ['f.json', `[${good},]`],
      ['f.json', `[${good}] x`],
      ['f.json', `[${good}, 3]`],
      ['f.json', `{"rows": [${good}]}`],
      ['f.ndjson', '\n  \n'],
      [
        'f.ndjson',
        (() => {
          const t = new TextEncoder().encode(`${good}\n{"account_id": "k\u00e9"}\n`);
          const i = t.indexOf(0xc3);
          t[i + 1] = 0x28; // é's second byte broken
          return t;
        })(),
      ],
    ];
    for (const [name, text] of cases) {
      const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      const run = (reader?: 'rows') => {
        try {
          return importActivityFile(bytes, name, LOGINS, accounts, { ...OPTS, reader });
        } catch (e) {
          return e instanceof ImportError ? e.issue : e;
        }
      };
      const ref = run('rows');
      expect(run(), String(text)).toEqual(ref);
      // Streamed in random blocks, the mapping from the first object: the same answer.
      for (const headObjects of [1, undefined]) {
        let streamed: unknown;
        try {
          streamed = (await streamOrWhole(bytes, name, LOGINS, rng(bytes.length), headObjects)).got;
        } catch (e) {
          streamed = e instanceof ImportError ? e.issue : e;
        }
        expect(streamed, `${String(text)} streamed`).toEqual(ref);
      }
      const fmt = jsonFormatOf(bytes, name);
      if (fmt && !(ref && typeof ref === 'object' && 'table' in ref))
        expect(() => importActivityJson(bytes, fmt, name, LOGINS, accounts, OPTS)).toThrow();
    }
    expect(() =>
      byteReader(new TextEncoder().encode(`${good}\n{"a": 1,}\n`), 'f.ndjson', LOGINS),
    ).toThrow(JsonFallback);
  });
});
