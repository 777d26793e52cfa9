import { describe, expect, it } from 'vitest';
import { StringColumnBuilder, type AccountTable } from '../../table/columns';
import { accountNames, cellCsv } from './accountNames';

const ids = ['a1', 'a2', 'a3', 'a4', '=cmd'];
const table = (names: (string | null)[]): AccountTable => {
  const b = new StringColumnBuilder(names.length);
  names.forEach((n, i) => n !== null && b.set(i, n));
  return { rowCount: names.length, columns: { name: b.build() } };
};

describe('accountNames', () => {
  const n = accountNames(
    ids,
    table(['Acme', 'Beta, Inc.', null, '株式会社ガンマ', 'Evil']),
    'name',
  );

  it('finds each asked id in the loaded data, -1 where it is gone, in the order asked', () => {
    expect([...n.rowsOf(['a4', 'zz', 'a1', '=cmd'])]).toEqual([3, -1, 0, 4]);
    expect([...n.rowsOf([])]).toEqual([]);
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
    expect(accountNames(ids, table(['Acme']), undefined).nameAt(0)).toBe('');
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
