import { describe, expect, it } from 'vitest';
import { StringColumnBuilder, type AccountTable } from '../../table/columns';
import { accountNames, cellCsv, cellCsvParts } from './accountNames';
import {
  lazyDictList,
  lazyListColumn,
  packedDecodeCount,
  packedPartsColumn,
} from '../../table/packedDict';
import { packStrings } from '../../store/datasets';
import { slicePacked } from '../../workers/datasetLoad';

const ids = ['a1', 'a2', 'a3', 'a4', '=cmd'];
const table = (names: (string | null)[]): AccountTable => {
  const b = new StringColumnBuilder(names.length);
  names.forEach((n, i) => n !== null && b.set(i, n));
  return { rowCount: names.length, columns: { name: b.build() } };
};

describe('accountNames', () => {
  const n = accountNames(
    { accountIds: ids },
    table(['Acme', 'Beta, Inc.', null, '株式会社ガンマ', 'Evil']),
    'name',
  );

  it('finds each asked id in the loaded data, -1 where it is gone, in the order asked', () => {
    expect([...n.rowsOf(['a4', 'zz', 'a1', '=cmd'])]).toEqual([3, -1, 0, 4]);
    expect([...n.rowsOf([])]).toEqual([]);
    // All found, the last at the run's end (the scan stops when nothing is left to find).
    expect([...n.rowsOf(['=cmd', 'a2'])]).toEqual([4, 1]);
    // Against a plain search, over ids in another order.
    const asked = ['a3', 'a2', 'x', 'a1'];
    expect([...n.rowsOf(asked)]).toEqual(asked.map((id) => ids.indexOf(id)));
  });

  it('names a row, with no name as empty text', () => {
    expect([0, 1, 2, 3, -1].map((r) => n.nameAt(r))).toEqual([
      'Acme',
      'Beta, Inc.',
      '',
      '株式会社ガンマ',
      '',
    ]);
    expect(accountNames({ accountIds: ids }, table(['Acme']), undefined).nameAt(0)).toBe('');
  });

  it('writes a cell as CSV: every account, its name, the colours; cells made safe', () => {
    expect(cellCsv(['a2', 'gone', '=cmd'], n, 'green', '')).toBe(
      '\ufeffaccount_id,company_name,from_color,to_color\r\n' +
        'a2,"Beta, Inc.",green,\r\n' +
        'gone,,green,\r\n' +
        "'=cmd,Evil,green,\r\n",
    );
    expect(cellCsv(['a1'], undefined, 'red', 'lime')).toBe(
      '\ufeffaccount_id,company_name,from_color,to_color\r\na1,,red,lime\r\n',
    );
  });
});

describe('cellCsvParts', () => {
  it('writes the same CSV as cellCsv, in steps with pauses between them', async () => {
    // A run of 300k accounts, a cell of 120k of them in shuffled order plus 500 gone.
    const n = 300_000;
    const all = Array.from({ length: n }, (_, i) => `A${i}`);
    const b = new StringColumnBuilder(n);
    for (let i = 0; i < n; i += 1) if (i % 7) b.set(i, `Co ${i}, K.K.`);
    const names = accountNames(
      { accountIds: all },
      { rowCount: n, columns: { name: b.build() } },
      'name',
    );
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const cell = all
      .filter(() => rnd() < 0.4)
      .concat(Array.from({ length: 500 }, (_, i) => `G${i}`));
    for (let i = cell.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [cell[i], cell[j]] = [cell[j], cell[i]];
    }
    let pauses = 0;
    const pause = () => (pauses++, Promise.resolve());
    const parts = await cellCsvParts(cell, names, 'lime', 'red', pause);
    expect(parts.join('')).toBe(cellCsv(cell, names, 'lime', 'red'));
    expect(pauses).toBeGreaterThan(3);
    // Every row against a plain map of the run.
    const pos = new Map(all.map((id, i) => [id, i]));
    const rows = names.rowsOf(cell);
    expect([...rows]).toEqual(cell.map((id) => pos.get(id) ?? -1));
    // A reloaded run's ids (the packed key column): the same rows, no id list made.
    const run = { accountIds: [] as string[] };
    const key = packedPartsColumn(
      Int32Array.from(all, (_, i) => i),
      slicePacked(packStrings(all), 8_192),
    );
    lazyDictList(run, 'accountIds', key);
    const before = packedDecodeCount();
    const lazy = accountNames(run, { rowCount: n, columns: { name: b.build() } }, 'name');
    expect([...lazy.rowsOf(cell)]).toEqual([...rows]);
    expect([...(await lazy.rowsOfAsync(cell.slice(0, 999), pause))]).toEqual([
      ...rows.slice(0, 999),
    ]);
    expect(packedDecodeCount()).toBe(before);
    expect(lazyListColumn(run, 'accountIds')).toBe(key);
  });
});
