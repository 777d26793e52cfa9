import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { readXlsx, serialToText, xlsxSheetNames } from './xlsx';
import { importAccountFile, inspectFile } from './importFile';
import { inferFieldsFromFile } from './inferFile';
import { ImportError } from './issues';
import type { FieldContract } from '../model';
import { ROOT } from '../engine/testing/demo';

const CRM = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/xlsx/crm_export.xlsx')));

/** A workbook built by hand: the XML Excel writes, with the styles under test. */
function workbook(sheets: Record<string, string>, styles = '', date1904 = false): Uint8Array {
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(
      `<workbook xmlns:r="r"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${names
        .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships>${names
        .map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/s${i + 1}.xml"/>`)
        .join('')}</Relationships>`,
    ),
    'xl/styles.xml': strToU8(styles),
    'xl/sharedStrings.xml': strToU8(
      '<sst><si><t>id</t></si><si><r><t>売上</t></r><r><t>(円)</t></r><rPh><t>ウリアゲ</t></rPh></si><si><t>A&amp;B</t></si></sst>',
    ),
  };
  names.forEach((n, i) => {
    files[`xl/worksheets/s${i + 1}.xml`] = strToU8(
      `<worksheet><sheetData>${sheets[n]}</sheetData></worksheet>`,
    );
  });
  return zipSync(files);
}

const STYLES =
  '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0&quot;円&quot;"/><numFmt numFmtId="166" formatCode="0.0E+00"/></numFmts>' +
  '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="166"/><xf numFmtId="3"/></cellXfs></styleSheet>';

describe('readXlsx', () => {
  it('reads a workbook written by exceljs: skips the empty cover sheet, dates, percents and formatted numbers', () => {
    const r = readXlsx(CRM, 'crm_export.xlsx');
    expect(r.sheets).toEqual(['表紙', '顧客一覧']);
    expect(r.name).toBe('顧客一覧');
    expect(r.rows[0][0]).toBe('顧客ID');
    // ￥1,200,000 shown with #,##0"円": the number; 2023/04/01 as a date serial; 72% as 0.72.
    expect(r.rows[1].slice(0, 9)).toEqual([
      'C0001',
      '株式会社アルファ',
      'SaaS',
      'エンタープライズ',
      1200000,
      1500,
      '2023-04-01',
      '2027-04-01',
      '72%',
    ]);
    expect(r.rows).toHaveLength(13);
  });

  it('reads cells by their number format: date, percent, custom 年月日, date-time, scientific and thousands stay numbers', () => {
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>x&lt;1</t></is></c><c r="B2" s="1"><v>45360</v></c><c r="C2" s="2"><v>0.125</v></c><c r="D2" s="3"><v>45360</v></c>' +
      '<c r="E2" s="4"><v>1234567</v></c><c r="F2" s="5"><v>45360.396</v></c><c r="G2" s="6"><v>12000</v></c><c r="H2" s="7"><v>1234</v></c><c r="J2" t="b"><v>1</v></c><c r="K2" t="e"><v>#N/A</v></c></row>' +
      '<row r="4"><c r="A4" t="s"><v>2</v></c></row>';
    const r = readXlsx(workbook({ S: sheet }, STYLES), 'w.xlsx');
    expect(r.rows[0]).toEqual(['id', '売上(円)']);
    expect(r.rows[1]).toEqual([
      'x<1',
      '2024-03-09',
      '12.5%',
      '2024-03-09',
      1234567,
      '2024-03-09 09:30:14',
      12000,
      1234,
      null,
      true,
      '#N/A',
    ]);
    // Row 3 is absent in the XML: an empty row keeps row 4 in its place.
    expect(r.rows[2]).toEqual([]);
    expect(r.rows[3]).toEqual(['A&B']);
  });

  it('the 1904 date system and serials', () => {
    expect(serialToText(1, 'date')).toBe('1899-12-31');
    expect(serialToText(45360, 'date')).toBe('2024-03-09');
    expect(serialToText(43898, 'date', true)).toBe('2024-03-09');
    expect(serialToText(0.5, 'time')).toBe('12:00:00');
  });

  it('picks a sheet by name, and refuses an unknown or empty one naming the sheets', () => {
    const bytes = workbook({ A: '<row r="1"><c r="A1"><v>1</v></c></row>', B: '' });
    expect(xlsxSheetNames(bytes, 'w.xlsx')).toEqual(['A', 'B']);
    expect(readXlsx(bytes, 'w.xlsx', 'A').rows).toEqual([[1]]);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ImportError ? [e.issue.code, e.issue.params.sheets] : String(e);
      }
      return null;
    };
    expect(code(() => readXlsx(bytes, 'w.xlsx', 'C'))).toEqual(['xlsx_no_sheet', 'A, B']);
    expect(code(() => readXlsx(bytes, 'w.xlsx', 'B'))).toEqual(['xlsx_empty_sheet', 'A, B']);
    // A zip bomb is refused from its directory's sizes, before inflating.
    expect(code(() => readXlsx(CRM, 'w.xlsx', undefined, { maxFileBytes: 1000 }))?.[0]).toBe(
      'xlsx_damaged',
    );
  });
});

describe('xlsx through the import', () => {
  const contract: FieldContract = {
    accountKey: 'id',
    fields: [
      { id: 'id', label: { ja: '顧客ID', en: '' }, type: 'string', required: true },
      { id: 'fee', label: { ja: '月額料金', en: '' }, type: 'number', unit: '円', required: false },
      { id: 'start', label: { ja: '契約開始日', en: '' }, type: 'date', required: false },
      {
        id: 'login',
        label: { ja: 'ログイン率', en: '' },
        type: 'number',
        unit: '%',
        required: false,
      },
    ],
  };

  it('imports the sheet with the same code as CSV: values read right, rows numbered as in Excel', () => {
    const { table, report } = importAccountFile(CRM, 'crm_export.xlsx', contract);
    expect(report.format).toBe('xlsx');
    expect(report.sheet).toBe('顧客一覧');
    expect(report.rowsImported).toBe(12);
    expect(report.errorCount).toBe(0);
    const fee = table.columns.fee as { values: Float64Array };
    const login = table.columns.login as { values: Float64Array };
    expect(fee.values[0]).toBe(1200000);
    // 72% under unit "%" is 72, as the CSV's "72%" is.
    expect(login.values[0]).toBe(72);
    expect(report.unmappedColumns).toContain('業種');
  });

  it('the preview names the sheets and counts the rows exactly; inference reads the same cells', () => {
    const p = inspectFile(CRM, 'crm_export.xlsx', contract);
    expect(p.sheets).toEqual(['表紙', '顧客一覧']);
    expect(p.estimatedRows).toBe(12);
    const inf = inferFieldsFromFile(CRM, 'crm_export.xlsx');
    const byHeader = Object.fromEntries(inf.fields.map((f) => [f.header, f.field]));
    expect(byHeader['ログイン率']).toMatchObject({ type: 'number', unit: '%' });
    expect(byHeader['契約開始日'].type).toBe('date');
    expect(byHeader['月額料金'].type).toBe('integer');
    expect(inf.contract.accountKey).toBe('顧客id');
  });

  it('a bad cell is reported at its Excel row and column', () => {
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>fee</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>a1</t></is></c><c r="B2"><v>10</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>a2</t></is></c><c r="B3" t="inlineStr"><is><t>n/a?</t></is></c></row>';
    const c: FieldContract = {
      accountKey: 'id',
      fields: [
        { id: 'id', label: { ja: '', en: 'id' }, type: 'string', required: true },
        { id: 'fee', label: { ja: '', en: 'fee' }, type: 'number', required: false },
      ],
    };
    const { report } = importAccountFile(workbook({ S: sheet }), 'w.xlsx', c);
    expect(report.issues[0]).toMatchObject({ code: 'bad_number', row: 3, column: 2 });
  });
});
