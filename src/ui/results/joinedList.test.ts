import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable } from '../../engine';
import { demoPlaybook } from '../../engine/testing/demo';
import { generateDemoTable } from '../../data/demo/generate';
import { place, detach } from '../../workers/pieces';
import { rowSource, textRanks, type RowSource } from './accountRows';
import { slices } from './collationClient';
import {
  joinedList,
  joinedParts,
  joinValues,
  listValues,
  partOf,
  type JoinedPart,
} from './joinedList';
import { SORT_KEYS } from './place';
import {
  joinedPath,
  joinPiece,
  queryRows,
  RowQueryServer,
  splitRun,
  withLabels,
  type Ranker,
  type RowQueryArgs,
  type RowQueryResponse,
} from './rowQuery';
import { addSearchPart, hasSearchIndex, searchHits } from './searchIndex';
import { collationRanks } from './collationRanks';
import { textCollator } from './accountRows';

/**
 * The row-query worker holds the account ids and the names joined (joinedList.ts): its answers
 * must be the ones the plain arrays give (the page's own path for small runs, and the worker's
 * before). Random lists with the awkward cases: empty values, U+0000 inside a value (the array
 * fallback), U+0130 (its lowercase is longer), Greek sigma (final form by position), kana
 * (two-byte text, the ASCII copy), duplicates; one slice and many.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) as number;
}

const TOKENS = [
  '',
  'İ',
  'i̇',
  'Σ',
  'σ',
  'ς',
  'ΟΔΟΣ',
  'カ',
  'ガ',
  'ｶ',
  'a',
  'A',
  '1',
  '10',
  '2',
  ' ',
  'ß',
  'é',
  'e\u0301',
  'Acme',
  'x',
];

function randomList(rand: () => number, n: number, nul: boolean): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // Duplicates: a value seen before, now and then.
    if (i > 0 && rand() < 0.2) {
      out.push(out[Math.floor(rand() * i)]);
      continue;
    }
    let v = '';
    const k = Math.floor(rand() * 4);
    for (let j = 0; j < k; j++) v += pick(TOKENS);
    if (nul && rand() < 0.05) v += '\u0000' + pick(TOKENS);
    out.push(v);
  }
  return out;
}

function randomNeedle(rand: () => number, values: readonly string[]): string {
  if (values.length && rand() < 0.5) {
    const v = values[Math.floor(rand() * values.length)];
    const a = Math.floor(rand() * (v.length + 1));
    const b = a + Math.floor(rand() * 3);
    return v.slice(a, b).toLowerCase();
  }
  return (
    TOKENS[Math.floor(rand() * TOKENS.length)] + TOKENS[Math.floor(rand() * TOKENS.length)]
  ).toLowerCase();
}

/** `values` as the worker holds them: slices of `size`, sent joined (joinValues) and indexed. */
function asJoined(values: readonly string[], size: number): string[] {
  const parts: JoinedPart[] = [];
  const list = joinedList(values.length, parts);
  for (let from = 0; from < values.length; from += size) {
    const p = partOf(from, structuredClone(joinValues(values.slice(from, from + size))));
    parts.push(p);
    addSearchPart(list, p);
  }
  return list;
}

describe('joined lists (the row-query worker’s ids and names)', () => {
  it('hold no element, and give their values back as they were', () => {
    const rand = rng(1);
    for (let t = 0; t < 40; t++) {
      const values = randomList(rand, Math.floor(rand() * 50), t % 2 === 0);
      const list = asJoined(values, 1 + Math.floor(rand() * 12));
      expect(list.length).toBe(values.length);
      expect(Object.keys(list)).toEqual([]);
      expect(listValues(list)).toEqual(values);
      expect(listValues(values)).toBe(values);
    }
  });

  it('a slice with U+0000 inside a value is sent as its array', () => {
    expect(joinValues(['a', 'b\u0000c'])).toEqual(['a', 'b\u0000c']);
    expect(joinValues(['a', '', 'b'])).toEqual({ joined: 'a\u0000\u0000b', count: 3 });
    expect(joinValues([''])).toEqual({ joined: '', count: 1 });
  });

  it('search: the same hits as the plain array, for random lists and needles', () => {
    const rand = rng(2);
    for (let t = 0; t < 60; t++) {
      const n = 1 + Math.floor(rand() * 60);
      const values = randomList(rand, n, t % 3 === 0);
      const size = t % 4 === 0 ? n : 1 + Math.floor(rand() * 9);
      const list = asJoined(values, size);
      const plain = [...values];
      // Built as its parts arrived, or (a list with U+0000) when first searched.
      expect(hasSearchIndex(list)).toBe(!values.some((v) => v.includes('\u0000')));
      for (let k = 0; k < 12; k++) {
        const needle = randomNeedle(rand, values);
        const want = values.map((v) => (v.toLowerCase().includes(needle) ? 1 : 0));
        expect([...searchHits(list, needle)], JSON.stringify([values, needle])).toEqual(want);
        expect([...searchHits(plain, needle)]).toEqual(want);
      }
    }
  });

  it('collation ranks: the same as the plain array’s (ranked here and by a collation worker)', () => {
    const rand = rng(3);
    for (let t = 0; t < 30; t++) {
      const n = 1 + Math.floor(rand() * 80);
      const values = randomList(rand, n, t % 3 === 0);
      const list = asJoined(values, 1 + Math.floor(rand() * 20));
      const want = textRanks([...values], false);
      expect([...textRanks(list, false)]).toEqual([...want]);
      // What a collation worker receives: the parts as pieces, placed and ranked there.
      const pieces = slices(list, 20_000);
      expect(pieces.count).toBe(joinedParts(list)!.length);
      const there = { values: null as string[] | null };
      for (let k = 0; k < pieces.count; k++) place(there, structuredClone(pieces.piece(k)));
      expect(there.values).toEqual(values);
    }
  });

  const pb = demoPlaybook();
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error('demo playbook does not compile');
  const compiled = c.compiled;

  /** A run of `n` demo rows whose ids and names are random lists. */
  function randomSource(rand: () => number, n: number, nul: boolean): RowSource {
    const table = generateDemoTable({ rows: n, seed: 9 });
    const r = scoreTable(compiled, table, { asOf: '2026-10-01' });
    r.accountIds = randomList(rand, n, nul);
    const names = table.columns[pb.fields.nameField!];
    if (names.type !== 'string') throw new Error('name is not a string column');
    names.dict = randomList(rand, 1 + Math.floor(rand() * n), nul);
    for (let i = 0; i < n; i++)
      names.codes[i] = rand() < 0.1 ? -1 : Math.floor(rand() * names.dict.length);
    return rowSource(
      r,
      null,
      table,
      pb.fields,
      (id) => `S ${id}`,
      (id) => `T ${id}`,
    );
  }

  /** A ranker as the worker's: the list sent as `slices` and ranked on the far side. */
  const slicedRanker =
    (fail: boolean): Ranker =>
    (values) => {
      const pieces = slices(values, 20_000);
      const there = { values: null as string[] | null };
      for (let k = 0; k < pieces.count; k++) place(there, structuredClone(pieces.piece(k)));
      return {
        ranks: fail
          ? Promise.reject(new Error('no worker'))
          : Promise.resolve(collationRanks(there.values ?? [], textCollator())),
        pause: () => {},
        resume: () => {},
        cancel: () => {},
      };
    };

  it.each([
    ['no ranker', undefined],
    ['a collation worker', slicedRanker(false)],
    ['a collation worker that fails', slicedRanker(true)],
  ])(
    'the worker’s answers (search, filters, every sort) equal the plain arrays’: %s',
    async (_, ranker) => {
      const rand = rng(4);
      for (let t = 0; t < 6; t++) {
        const n = 20 + Math.floor(rand() * 60);
        const src = randomSource(rand, n, t % 2 === 1);
        const got: RowQueryResponse[] = [];
        const tasks: (() => void)[] = [];
        const server = new RowQueryServer(
          (m) => got.push(structuredClone(m)),
          (f) => tasks.push(f),
          ranker,
          1,
          () => () => {},
        );
        // Sent as the page does: every list sliced (one slice or many), ids and names joined.
        const size = t % 3 === 0 ? n : 1 + Math.floor(rand() * 9);
        const { skeleton, pieces } = splitRun(src, undefined, size, 0);
        server.handle(structuredClone({ type: 'hold' as const, skeleton, pieces: pieces.length }));
        let joined = 0;
        for (const p of pieces) {
          const { piece, transfer } = detach(joinPiece(p));
          // The ids' and the names' slices go joined (the worker keeps them so).
          if ('packed' in piece && joinedPath(piece.path)) joined++;
          server.handle(structuredClone({ type: 'piece' as const, piece }, { transfer }));
        }
        expect(joined).toBeGreaterThan(1);
        // The worker holds them as joined lists: no string per value.
        const held = (server as unknown as { src: RowSource }).src;
        for (const list of [held.r.accountIds, held.name?.type === 'string' ? held.name.dict : []])
          if (list.length) {
            expect(joinedParts(list)).not.toBeNull();
            expect(Object.keys(list)).toEqual([]);
          }
        const flush = async () => {
          for (let k = 0; k < 100 && tasks.length; k++) {
            while (tasks.length) tasks.splice(0).forEach((f) => f());
            // The ranker's promise settles in a microtask.
            await Promise.resolve();
            await Promise.resolve();
          }
        };
        const labels = {
          segmentLabels: src.r.segmentIds.map((id) => `S ${id}`),
          stageLabels: src.r.stageIds.map((id) => `T ${id}`),
        };
        const names = src.name?.type === 'string' ? src.name.dict : [];
        let id = 0;
        for (let k = 0; k < 24; k++) {
          const key = SORT_KEYS[k % SORT_KEYS.length];
          const q: RowQueryArgs = {
            filter: k % 4 === 3 ? {} : { q: randomNeedle(rand, k % 2 ? names : src.r.accountIds) },
            sort: k % 5 === 4 ? undefined : { key, dir: k % 2 ? 'desc' : 'asc' },
            ...labels,
          };
          server.handle({ type: 'query', id: ++id, ...q });
          await flush();
          const m = got.filter((x) => x.type === 'rows' || x.type === 'failed').pop()!;
          got.length = 0;
          expect(m.type, JSON.stringify(q)).toBe('rows');
          const want = queryRows(withLabels(src, q.segmentLabels, q.stageLabels), q);
          expect([...(m as { rows: Int32Array }).rows], JSON.stringify(q)).toEqual([...want]);
        }
      }
    },
  );
});
