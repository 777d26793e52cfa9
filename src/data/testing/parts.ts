import { ImportError, importAccountFile, type ImportOptions } from '..';
import type { AccountTable } from '../../table/columns';
import { packResult, unpackResult, type RangeResult } from '../parallelImport';
import { demoContract } from './helpers';

/**
 * Test helpers for "a file read in parts = the one pass, byte for byte" (parallelImport,
 * parallelSjis, respelledSjis tests): a table as its typed arrays' bytes and dictionaries.
 */
export function bytesOf(table: AccountTable): string {
  const cols = Object.entries(table.columns).map(([id, c]) => {
    const v = c.type === 'string' ? c.codes : c.values;
    const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    return [id, c.type, b, c.type === 'string' ? c.dict : null];
  });
  return JSON.stringify({ rows: table.rowCount, cols });
}

/** The one pass's table and report (or its refusal) as text, to compare with a merge's. */
export function serial(bytes: Uint8Array, name: string, opts: ImportOptions): string {
  try {
    const { table, report } = importAccountFile(bytes, name, demoContract, opts);
    return bytesOf(table) + '\n' + JSON.stringify(report);
  } catch (e) {
    if (e instanceof ImportError) return 'error ' + JSON.stringify(e.issue);
    throw e;
  }
}

/**
 * A range result as the import worker receives it: packed in the range worker, posted
 * (structured clone, packed buffers transferred) and unpacked.
 */
export function posted(r: RangeResult): RangeResult {
  const p = packResult(r);
  const transfer = new Set(
    Object.values(p.dictBytes ?? {}).flatMap((d) => [
      d.bytes.buffer,
      d.off.buffer,
      d.len.buffer,
      d.units.buffer,
    ]),
  );
  return unpackResult(structuredClone(p, { transfer: [...transfer] as ArrayBuffer[] }));
}

/** The byte arrays one after another (a test file built of lines in several encodings). */
export function joinBytes(lines: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length, 0));
  let o = 0;
  for (const l of lines) {
    out.set(l, o);
    o += l.length;
  }
  return out;
}

/** A part's values in order of first use and its rows' codes (-1 = empty), as a range gives them. */
export function firstUse(rows: readonly (string | null)[]): { dict: string[]; codes: Int32Array } {
  const dict: string[] = [];
  const seen = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  rows.forEach((v, i) => {
    if (v === null) return void (codes[i] = -1);
    let c = seen.get(v);
    if (c === undefined) seen.set(v, (c = dict.push(v) - 1));
    codes[i] = c;
  });
  return { dict, codes };
}
