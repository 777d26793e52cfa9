import { describe, expect, it } from 'vitest';
import { compareDigests, digestTable } from './datasetChange';
import { importAccountFile } from './importFile';
import type { FieldContract } from '../model';

const contract: FieldContract = {
  accountKey: 'id',
  fields: [
    { id: 'id', label: { ja: '', en: 'id' }, type: 'string', required: true },
    { id: 'mrr', label: { ja: '', en: 'MRR' }, type: 'number', required: false },
    { id: 'nps', label: { ja: '', en: 'NPS' }, type: 'integer', required: false },
    { id: 'ok', label: { ja: '', en: 'OK' }, type: 'boolean', required: false },
  ],
};
const table = (csv: string) =>
  importAccountFile(new TextEncoder().encode(csv), 'x.csv', contract).table;

describe('the dataset replace comparison', () => {
  const old = table(
    'id,mrr,nps,ok\n' +
      Array.from({ length: 100 }, (_, i) => `A${i},${i},${i % 10},yes`).join('\n') +
      '\n',
  );

  it('a half-length file: the drop is highlighted, the lost accounts counted and named, emptied fields listed', () => {
    const next = table(
      'id,mrr,nps\n' + Array.from({ length: 50 }, (_, i) => `A${i},${i},`).join('\n') + '\nB1,1,\n',
    );
    const c = compareDigests(digestTable(old, 'id'), digestTable(next, 'id'), contract, 3);
    expect(c).toMatchObject({ before: 100, after: 51, bigDrop: true, disappeared: 50, added: 1 });
    expect(c.disappearedSample).toEqual(['A50', 'A51', 'A52']);
    // nps: column present but empty; ok: column absent — both had values before.
    expect(c.emptied).toEqual(['nps', 'ok']);
  });

  it('a drop of 3% exactly is not highlighted; 4% is', () => {
    const rows = (n: number) =>
      table(
        'id,mrr,nps,ok\n' + Array.from({ length: n }, (_, i) => `A${i},1,1,no`).join('\n') + '\n',
      );
    const d = digestTable(old, 'id');
    expect(compareDigests(d, digestTable(rows(97), 'id'), contract).bigDrop).toBe(false);
    expect(compareDigests(d, digestTable(rows(96), 'id'), contract).bigDrop).toBe(true);
    expect(compareDigests(d, digestTable(rows(100), 'id'), contract)).toMatchObject({
      disappeared: 0,
      emptied: [],
    });
  });
});
