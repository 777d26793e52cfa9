import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldContract } from '../model';
import { inferFields, proposeId } from './inferFields';
import { inferFieldsFromFile } from './inferFile';
import { importAccountFile } from './importFile';
import { ROOT } from '../engine/testing/demo';

const DIR = join(ROOT, 'test/fixtures/infer');
const bytesOf = (f: string) => new Uint8Array(readFileSync(join(DIR, f)));
const byId = (r: ReturnType<typeof inferFields>) =>
  Object.fromEntries(r.fields.map((f) => [f.field.id, f]));

describe('inferFields on a Shift_JIS CRM export (15 Japanese headers)', () => {
  const r = inferFieldsFromFile(bytesOf('crm_export.sjis.csv'), 'crm_export.sjis.csv');
  const f = byId(r);

  it('the committed Shift_JIS bytes are the UTF-8 source re-encoded (no drift)', () => {
    const sjis = new TextDecoder('shift_jis').decode(bytesOf('crm_export.sjis.csv'));
    expect(sjis).toBe(readFileSync(join(DIR, 'crm_export.utf8.csv'), 'utf8'));
    expect(r.encoding).toBe('shift_jis');
  });

  it('proposes a valid contract with the key and the company name', () => {
    expect(FieldContract.safeParse(r.contract).success).toBe(true);
    expect(r.fields).toHaveLength(15);
    expect(r.contract.accountKey).toBe('顧客id');
    expect(r.contract.nameField).toBe('会社名');
    expect(f['顧客id'].field.required).toBe(true);
    expect(f['顧客id'].field.label).toEqual({ ja: '顧客ID', en: '' });
  });

  it('reads each column as the type its values show', () => {
    const types = Object.fromEntries(
      r.fields.map((x) => [x.header, [x.field.type, x.field.unit ?? '', x.reason]]),
    );
    expect(types).toEqual({
      顧客ID: ['string', '', 'account_key'],
      会社名: ['string', '', 'text'],
      業種: ['category', '', 'category'],
      プラン: ['category', '', 'category'],
      月額料金: ['integer', '円', 'currency'],
      従業員数: ['integer', '', 'integer'],
      契約開始日: ['date', '', 'date'],
      更新日: ['date', '', 'date'],
      ログイン率: ['number', '%', 'percent'],
      キックオフ実施: ['boolean', '', 'boolean'],
      トレーニング完了: ['boolean', '', 'boolean'],
      担当者: ['category', '', 'category'],
      郵便番号: ['string', '', 'postal_code'],
      電話番号: ['string', '', 'phone'],
      備考: ['string', '', 'text'],
    });
    expect(f['プラン'].field.values).toEqual(['エンタープライズ', 'スタンダード', 'ライト']);
  });

  it('imports the same file under the proposed contract with no errors', () => {
    const { report, table } = importAccountFile(
      bytesOf('crm_export.sjis.csv'),
      'crm_export.sjis.csv',
      r.contract,
    );
    expect(report.errorCount).toBe(0);
    expect(report.unmappedColumns).toEqual([]);
    expect(report.rowsImported).toBe(12);
    expect(table.rowCount).toBe(12);
  });
});

describe('inferFields on ambiguous shapes (shapes.csv): the decision and its reason', () => {
  const r = inferFieldsFromFile(bytesOf('shapes.csv'), 'shapes.csv');
  const f = byId(r);
  const shape = (id: string) => [f[id].field.type, f[id].field.unit ?? '', f[id].reason];

  it('ids with leading zeros stay text, naming the zero-led cells', () => {
    expect(shape('code')).toEqual(['string', '', 'leading_zeros']);
    expect(f.code.detail.odd).toEqual(['00123', '00456']);
  });
  it('postal codes and phone numbers are text', () => {
    expect(shape('postal')).toEqual(['string', '', 'postal_code']);
    expect(shape('phone')).toEqual(['string', '', 'phone']);
  });
  it('a % column holding both "80%" and 0.8 is a % number, flagged with the bare fractions', () => {
    expect(shape('rate_mixed')).toEqual(['number', '%', 'percent_mixed']);
    expect(f.rate_mixed.detail.odd).toEqual(['0.8', '0.9']);
    expect(f.rate_mixed.detail.oddCount).toBe(2);
  });
  it('mostly numbers with one text cell (5%) stays a number and names the cell', () => {
    expect(shape('amount_text')).toEqual(['integer', '', 'mostly_numbers']);
    expect(f.amount_text.detail).toMatchObject({ odd: ['不明'], oddCount: 1 });
  });
  it('more than 5% text cells make it text', () => {
    const vals = ['1', '2', '3', '4', '5', '6', '7', '8', 'x', 'y'];
    expect(
      inferFields([
        { header: 'n', values: vals.map(String) },
        { header: 'm', values: vals },
      ]).fields[1].field.type,
    ).toBe('string');
  });
  it('an empty column is optional text', () => {
    expect(shape('empty')).toEqual(['string', '', 'empty']);
    expect(f.empty.field.required).toBe(false);
  });
  it('0/1 only is a yes/no; 8-digit dates are dates; 5-digit serials stay numbers', () => {
    expect(shape('flag01')).toEqual(['boolean', '', 'zero_one']);
    expect(shape('day8')).toEqual(['date', '', 'compact_date']);
    expect(shape('serial')).toEqual(['integer', '', 'integer']);
  });
  it('fractions, decimals, categories, text, TRUE/FALSE', () => {
    expect(shape('ratio')).toEqual(['number', '', 'number']);
    expect(shape('score_field')).toEqual(['number', '', 'number']);
    expect(shape('tier')).toEqual(['category', '', 'category']);
    expect(f.tier.field.values).toEqual(['gold', 'silver', 'bronze']);
    expect(shape('note')).toEqual(['string', '', 'text']);
    expect(shape('active')).toEqual(['boolean', '', 'boolean']);
  });
  it('a reserved name as a header gets a suffixed id', () => {
    expect(f.score_field.header).toBe('score');
    expect(FieldContract.safeParse(r.contract).success).toBe(true);
  });
});

describe('inferFields on JSON values and odd headers', () => {
  it('JSON booleans and numbers keep their types', () => {
    const r = inferFields([
      { header: 'accountId', values: ['a', 'b', 'c', 'd'] },
      { header: 'ok', values: [true, false, null, true] },
      { header: 'n', values: [1, 2.5, 3, 4] },
    ]);
    expect(r.fields.map((x) => [x.field.id, x.field.type])).toEqual([
      ['account_id', 'string'],
      ['ok', 'boolean'],
      ['n', 'number'],
    ]);
  });
  it('ids are valid, unique and never reserved', () => {
    const taken = new Set(['mrr']);
    expect(proposeId('ＭＲＲ（円）', new Set())).toBe('mrr_円');
    expect(proposeId('MRR', taken)).toBe('mrr_2');
    expect(proposeId('30日ログイン数', taken)).toBe('_30日ログイン数');
    expect(proposeId('Stage', taken)).toBe('stage_field');
    expect(proposeId('!!!', taken)).toBe('field');
  });
  it('with no id-like header the key is the first all-distinct, all-filled column', () => {
    const r = inferFields([
      { header: '業種', values: ['a', 'a', 'b'] },
      { header: '取引先', values: ['x', 'y', 'z'] },
    ]);
    expect(r.contract.accountKey).toBe('取引先');
  });
});
