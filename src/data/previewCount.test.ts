import { describe, expect, it } from 'vitest';
import { inspectFile } from './importFile';
import type { FieldContract } from '../model';

const contract: FieldContract = {
  accountKey: 'account_id',
  fields: [
    { id: 'account_id', label: { ja: '', en: 'account_id' }, type: 'string', required: true },
  ],
};

/** A CRM-like row of ~180 bytes, so 40 rows are far less than the 64K sample. */
function rows(n: number): string {
  const out = ['account_id,会社名,業種,月額料金,備考'];
  for (let i = 0; i < n; i++)
    out.push(`A${i},株式会社テスト${i},製造,"1,234,567円",${'長い備考のテキスト'.repeat(5)}`);
  return out.join('\r\n') + '\r\n';
}

describe('the preview row count (issue 19: it said "about 165 rows" for 3,000)', () => {
  it.each([
    ['utf-8', 3000],
    ['shift_jis', 3000],
    ['utf-8', 7],
  ])('%s, %i rows: the count is exact', (enc, n) => {
    const text = rows(n);
    const bytes =
      enc === 'utf-8'
        ? new TextEncoder().encode(text)
        : // Shift_JIS through the encoder the tests share with the import (every char here is in CP932).
          encodeSjis(text);
    expect(inspectFile(bytes, 'crm.csv', contract).estimatedRows).toBe(n);
  });
});

function encodeSjis(text: string): Uint8Array {
  // Build a reverse table from TextDecoder('shift_jis') for the characters used.
  const dec = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfc; hi++) {
    if (hi > 0x9f && hi < 0xe0) continue;
    for (let lo = 0x40; lo <= 0xfc; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}
