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

describe('the preview row count: records, not line breaks', () => {
  /** Random CRM rows: multi-line quoted notes, doubled quotes, blank lines, CRLF or LF. */
  function randomCsv(seed: number): { text: string; records: number } {
    let x = seed * 2654435761 + 1;
    const rnd = (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    const eol = rnd(2) ? '\r\n' : '\n';
    const n = 1 + rnd(400);
    const out = ['account_id,会社名,備考'];
    for (let i = 0; i < n; i++) {
      const note = [
        'plain',
        '"一行目' + eol + '二行目"',
        '"say ""hi""' + eol + eol + 'end"',
        '""',
        '"a,b"',
      ][rnd(5)];
      out.push(`A${i},"株式会社${i}",${note}`);
      if (rnd(10) === 0) out.push('');
    }
    return { text: out.join(eol) + (rnd(2) ? eol : ''), records: n };
  }

  it('counts exactly on 200 random files, whole (the import reads the same records)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { text, records } = randomCsv(seed);
      const bytes = new TextEncoder().encode(text);
      expect(inspectFile(bytes, 'crm.csv', contract).estimatedRows, `seed ${seed}`).toBe(records);
    }
  });

  it('estimates a big file from its first megabyte, cut inside a note or not, within 2 %', () => {
    const eol = '\r\n';
    const out = ['account_id,会社名,備考'];
    for (let i = 0; i < 30_000; i++)
      out.push(`A${i},株式会社${i},"ご担当: 山田${eol}次回訪問 ${i % 28}日 ${'x'.repeat(i % 40)}"`);
    const bytes = new TextEncoder().encode(out.join(eol) + eol);
    for (const cut of [1 << 20, (1 << 20) + 17, (1 << 20) + 55]) {
      const est = inspectFile(
        bytes.subarray(0, cut),
        'crm.csv',
        contract,
        {},
        20,
        bytes.length,
      ).estimatedRows;
      expect(Math.abs(est - 30_000) / 30_000, `cut ${cut}: ${est}`).toBeLessThan(0.02);
    }
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
