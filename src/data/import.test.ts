import { describe, expect, it } from 'vitest';
import { importAccountFile, inspectFile, ImportError, joinTables, normalizeCompanyName } from './';
import { cellValue, daysToIso } from '../table/columns';
import { demoContract, fixture, utf8 } from './testing/helpers';

const fatal = (name: string, bytes = fixture(name)) => {
  try {
    importAccountFile(bytes, name, demoContract);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).issue;
  }
  throw new Error('expected ImportError');
};

describe('importAccountFile', () => {
  it('imports a Shift_JIS CRM export with Japanese headers, mapping every field by label', () => {
    const { table, report } = importAccountFile(
      fixture('crm_ja.sjis.csv'),
      'crm_ja.sjis.csv',
      demoContract,
    );
    expect(report.encoding).toBe('shift_jis');
    expect(report.delimiter).toBe(',');
    expect(report.missingFields).toEqual([]);
    expect(report.errorCount).toBe(0);
    expect(table.rowCount).toBe(5);
    const v = (id: string, r: number) => cellValue(table.columns[id], r);
    expect(v('company_name', 0)).toBe('株式会社アルファ');
    expect(v('mrr', 0)).toBe(1_200_000);
    expect(v('mrr', 1)).toBe(350_000); // full-width digits
    expect(v('mrr', 2)).toBe(80_000); // ¥ decoded as backslash
    expect(v('mrr', 3)).toBe(2_000_000);
    expect(v('setup_progress', 0)).toBe(100); // "100%" with unit %
    expect(v('contract_start', 2)).toBe('2024-03-09'); // R6.3.9
    expect(v('stage_entered_at', 0)).toBe('2025-04-01'); // 2025年4月1日
    expect(v('kickoff_done', 1)).toBe(true);
    expect(v('champion_left', 2)).toBe(true); // ○
    expect(v('training_completed', 2)).toBe(false); // ×
    expect(v('csat', 0)).toBe(4.5);
    expect(v('outcome', 2)).toBe('churned');
  });

  it('imports UTF-8 with BOM, TSV, JSON and NDJSON', () => {
    const bom = importAccountFile(fixture('bom.csv'), 'bom.csv', demoContract);
    expect(bom.report.encoding).toBe('utf-8-bom');
    expect(cellValue(bom.table.columns.company_name, 0)).toBe('Acme, Inc.');
    expect(cellValue(bom.table.columns.company_name, 1)).toBe('Quote "Co"');
    const tsv = importAccountFile(fixture('accounts.tsv'), 'accounts.tsv', demoContract);
    expect(tsv.report.format).toBe('tsv');
    expect(cellValue(tsv.table.columns.mrr, 0)).toBe(1500);
    const json = importAccountFile(fixture('accounts.json'), 'accounts.json', demoContract);
    expect(json.table.rowCount).toBe(2);
    expect(cellValue(json.table.columns.mrr, 1)).toBe(2000);
    expect(cellValue(json.table.columns.kickoff_done, 1)).toBe(true);
    expect(daysToIso((json.table.columns.renewal_date as { values: Float64Array }).values[1])).toBe(
      '2027-02-01',
    );
    const nd = importAccountFile(fixture('accounts.ndjson'), 'accounts.ndjson', demoContract);
    expect(nd.report.format).toBe('ndjson');
    expect(cellValue(nd.table.columns.account_id, 1)).toBe('N2');
  });

  it('reports bad cells by row, column and field, and skips or blanks the rows', () => {
    const skip = importAccountFile(fixture('bad_values.csv'), 'bad_values.csv', demoContract);
    const codes = skip.report.issues.map((i) => [i.code, i.row, i.column, i.field, i.raw]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['bad_number', 3, 3, 'mrr', 'abc'],
        ['bad_date', 4, 4, 'renewal_date', '2026-13-45'],
        ['bad_boolean', 5, 5, 'kickoff_done', 'maybe'],
        ['bad_integer', 6, 6, 'employees', '10.5'],
        ['missing_required', 7, 2, 'company_name', ''],
      ]),
    );
    expect(skip.report.badRows).toBe(5);
    expect(skip.table.rowCount).toBe(1);
    expect(skip.report.issues.find((i) => i.code === 'bad_number')!.message).toContain(
      'bad_values.csv, row 3, column 3 (mrr)',
    );
    const blank = importAccountFile(fixture('bad_values.csv'), 'bad_values.csv', demoContract, {
      badRows: 'blank',
    });
    expect(blank.table.rowCount).toBe(6);
    expect(cellValue(blank.table.columns.mrr, 1)).toBeNull();
  });

  it('reports ragged rows', () => {
    const { table, report } = importAccountFile(fixture('ragged.csv'), 'ragged.csv', demoContract);
    expect(
      report.issues.filter((i) => i.code === 'ragged_row').map((i) => [i.row, i.params.found]),
    ).toEqual([
      [3, 2],
      [4, 4],
    ]);
    expect(table.rowCount).toBe(2);
  });

  it('reports duplicate account ids with the first row', () => {
    const { table, report } = importAccountFile(
      fixture('duplicate_ids.csv'),
      'duplicate_ids.csv',
      demoContract,
    );
    expect(report.duplicateKeys).toBe(1);
    const dup = report.issues.find((i) => i.code === 'duplicate_key')!;
    expect([dup.row, dup.raw, dup.params.firstRow]).toEqual([4, 'D1', 2]);
    expect(table.rowCount).toBe(2);
  });

  // "-2+3" is not a plain number, so an export neutralises it (OWASP): the import warns about it too.
  it('keeps formula-like text but warns', () => {
    const { table, report } = importAccountFile(
      fixture('formula.csv'),
      'formula.csv',
      demoContract,
    );
    expect(table.rowCount).toBe(5);
    expect(report.issues.filter((i) => i.code === 'formula_cell').map((i) => i.row)).toEqual([
      2, 3, 4, 5,
    ]);
    expect(report.errorCount).toBe(0);
  });

  it.each([
    ['half-width', '80%', '0.8', '"80%" reads as 80', '"0.8" reads as 0.8 %, not 80 %'],
    ['full-width', '１２％', '０．５', '"１２％" reads as 12', '"０．５" reads as 0.5 %, not 50 %'],
  ])(
    'words a percent column mixing "80%%" and 0.8 with the values as written (%s)',
    (_, pct, bare, reads, readsBare) => {
      const csv = `account_id,company_name,mrr,setup_progress\nP1,A,1,${pct}\nP2,B,2,${bare}\n`;
      const { report } = importAccountFile(utf8(csv), 'mixed.csv', demoContract);
      const issue = report.issues.find((i) => i.code === 'percent_mixed')!;
      expect(issue.params).toMatchObject({ percentExample: pct, bareExample: bare });
      expect(issue.message).toContain(reads);
      expect(issue.message).toContain(readsBare);
      expect(issue.message).not.toContain('NaN');
    },
  );

  it('reports an unterminated quote after the rows read so far', () => {
    const { table, report } = importAccountFile(
      utf8('account_id,company_name\nU0,ok\nU1,"open\nU2,x\n'),
      'late.csv',
      demoContract,
    );
    expect(table.rowCount).toBe(1);
    expect(report.issues.find((i) => i.code === 'unterminated_quote')).toMatchObject({
      row: 3,
      severity: 'error',
    });
    expect(fatal('unterminated.csv')).toMatchObject({ code: 'unterminated_quote', row: 2 });
  });

  it.each([
    ['zero_bytes.csv', 'empty_file'],
    ['empty.csv', 'empty_file'],
    ['header_only.csv', 'no_rows'],
    ['not_csv.png', 'binary_file'],
    ['not_csv.xlsx', 'xlsx_damaged'],
    ['bad_encoding.csv', 'bad_encoding'],
    ['bad.ndjson', 'bad_json'],
  ])('rejects %s (%s)', (name, code) => {
    const issue = fatal(name);
    expect(issue.code).toBe(code);
    expect(issue.message).toContain(name);
  });

  it('needs the account key', () => {
    const issue = fatal('nokey.csv', utf8('name,mrr\nA,1\n'));
    expect(issue.code).toBe('key_unmapped');
    expect(issue.message).toContain('account_id');
  });

  it('uses an explicit mapping and headerless files', () => {
    const bytes = utf8('X1,100\nX2,200\n');
    const p = inspectFile(bytes, 'nohead.csv', demoContract);
    expect(p.hasHeader).toBe(false);
    const { table } = importAccountFile(bytes, 'nohead.csv', demoContract, {
      mapping: { account_id: 0, mrr: 1 },
    });
    expect(table.rowCount).toBe(2);
    expect(cellValue(table.columns.mrr, 1)).toBe(200);
  });
});

describe('joining sources (名寄せ)', () => {
  it('normalises company names', () => {
    expect(normalizeCompanyName('株式会社 アルファ')).toBe(normalizeCompanyName('アルファ(株)'));
    expect(normalizeCompanyName('ｶﾞﾝﾏ商事')).toBe('ガンマ商事');
    expect(normalizeCompanyName('Acme, Inc.')).toBe(normalizeCompanyName('ACME Co., Ltd.'));
    expect(normalizeCompanyName('デルタ銀行株式会社')).toBe('デルタ銀行');
  });
  it('joins a usage export by normalised name and lists the matches to review', () => {
    const crm = importAccountFile(fixture('crm_ja.utf8.csv'), 'crm.csv', demoContract, {
      mapping: {
        ...inspectFile(fixture('crm_ja.utf8.csv'), 'crm.csv', demoContract).mapping,
        logins_30d: null,
        feature_adoption: null,
      },
    });
    const usageContract = {
      ...demoContract,
      fields: demoContract.fields.map((f) => ({ ...f, required: false })),
    };
    const usage = importAccountFile(fixture('usage_by_name.csv'), 'usage.csv', usageContract, {
      keyOptional: true,
    });
    expect(usage.table.rowCount).toBe(5);
    const { table, report } = joinTables(
      [
        { name: 'crm', table: crm.table },
        { name: 'usage', table: usage.table },
      ],
      demoContract,
    );
    expect(report.sources[1]).toMatchObject({ byName: 4, unmatched: 1 });
    expect(cellValue(table.columns.logins_30d, 0)).toBe(9100);
    expect(cellValue(table.columns.logins_30d, 2)).toBe(41);
    expect(cellValue(table.columns.logins_30d, 4)).toBeNull();
    expect(report.review.filter((r) => r.kind === 'normalised').length).toBe(4);
    expect(report.review.find((r) => r.kind === 'similar')).toMatchObject({
      sourceName: 'イプシロン社',
      baseName: 'イプシロン',
    });
  });
});

describe('inspectFile on the start of a big file', () => {
  it('cuts at a line break so a split Shift_JIS character does not fail, and scales the row estimate', () => {
    const all = fixture('crm_ja.sjis.csv');
    const head = all.subarray(0, 700); // cuts inside the data rows
    const p = inspectFile(head, 'crm_ja.sjis.csv', demoContract, {}, 20, all.length);
    expect(p.encoding).toBe('shift_jis');
    expect(p.headers[0]).toBe('アカウントID');
    expect(p.estimatedRows).toBeGreaterThanOrEqual(4);
  });
});
