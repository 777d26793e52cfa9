/**
 * Importing a JSON (top-level array of objects) or NDJSON account file a block at a time
 * (`waymark score`), with the rows, values, issues and report of importAccountFile on the whole
 * file, and memory bounded by one block, one object's text and one chunk of columns.
 *
 * Two passes over the file, because the whole-file import's columns are the keys of every object
 * (a key first seen in the last row is still a column, and the mapping depends on all of them):
 * planJsonStream reads the file once for its keys, and checks what the whole-file path would
 * refuse — invalid bytes, a mixed-encoding Shift_JIS file, invalid JSON, a document that is not
 * an array of objects, nesting past the limit — answering null for those (read the file whole:
 * that path reports them with the same messages). jsonChunks then reads it again into tables.
 *
 * The tokenizer is small on purpose: it only finds where each array item starts and ends
 * (strings and brackets) and hands the item's text to the platform's JSON.parse, so values,
 * escapes, duplicate keys and numbers are read exactly as JSON.parse reads the whole document.
 */
import type { FieldContract } from '../model';
import type { AccountTable } from '../table/columns';
import { findTooDeep } from '../util/jsonDepth';
import { detectFormat } from './detect';
import { detectEncoding, MixedEncodingScan, sniffBinary, type Encoding } from './encoding';
import { rowImporter, type ImportOptions, type ParseEnd, type RowImporter } from './importFile';
import { ImportError } from './issues';
import { limitsOf } from './limits';
import type { RowSource } from './sources';
import { looksLikeXlsx } from './xlsx';

export interface JsonStreamPlan {
  file: string;
  format: 'json' | 'ndjson';
  encoding: Encoding;
  headers: string[];
  rows: number;
  importer: RowImporter;
}

/** Something the whole-file path reports (or reads differently): stop streaming. */
class NotStreamable extends Error {}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Each object of the file as text with its row's line number (JSON: item number; NDJSON: the
 * line), decoded from blocks of any size. Throws NotStreamable where the whole file would fail.
 */
async function* objectTexts(
  blocks: AsyncIterable<Uint8Array>,
  format: 'json' | 'ndjson',
  encoding: Encoding,
  checkMixed: boolean,
): AsyncGenerator<{ text: string; line: number }> {
  const it = blocks[Symbol.asyncIterator]();
  try {
    yield* readObjects(it, format, encoding, checkMixed);
  } finally {
    await it.return?.(); // closes the file when stopped early
  }
}

async function* readObjects(
  it: AsyncIterator<Uint8Array>,
  format: 'json' | 'ndjson',
  encoding: Encoding,
  checkMixed: boolean,
): AsyncGenerator<{ text: string; line: number }> {
  const nextBlock = async (): Promise<Uint8Array | null> => {
    const r = await it.next();
    if (r.done) return null;
    mixed?.feed(r.value);
    return r.value;
  };
  const dec = new TextDecoder(encoding === 'shift_jis' ? 'shift_jis' : 'utf-8', { fatal: true });
  const mixed = checkMixed ? new MixedEncodingScan() : null;
  const decode = (b?: Uint8Array): string => {
    try {
      return b ? dec.decode(b, { stream: true }) : dec.decode();
    } catch {
      throw new NotStreamable('invalid bytes');
    }
  };
  if (format === 'ndjson') {
    let carry = '';
    let line = 0;
    const lineOf = function* (text: string) {
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        line++;
        const t = text.slice(from, nl).trim();
        if (t !== '') yield { text: t, line };
        from = nl + 1;
      }
      return text.slice(from);
    };
    for (let b = await nextBlock(); b; b = await nextBlock())
      carry = yield* lineOf(carry + decode(b));
    carry = yield* lineOf(carry + decode());
    line++;
    const t = carry.trim();
    if (t !== '') yield { text: t, line };
    if (mixed?.mixed()) throw new NotStreamable('mixed encoding');
    return;
  }
  // JSON: [ item , item ... ] — depth 0 before/after the array, 1 between items, ≥ 2 inside one.
  let buf = '';
  let pos = 0;
  let depth = 0;
  let inString = false;
  let escape = false;
  let itemStart = -1;
  let expectItem = false; // after '[' or ','
  let closed = false;
  let item = 0;
  let ended = false;
  while (!ended) {
    let chunk: string;
    const r = await nextBlock();
    if (r === null) {
      chunk = decode();
      ended = true;
    } else chunk = decode(r);
    if (itemStart >= 0) {
      buf = buf.slice(itemStart) + chunk;
      pos -= itemStart;
      itemStart = 0;
    } else {
      buf = chunk;
      pos = 0;
    }
    const n = buf.length;
    for (; pos < n; pos++) {
      const c = buf.charCodeAt(pos);
      if (depth >= 2) {
        if (inString) {
          if (escape) escape = false;
          else if (c === 92) escape = true;
          else if (c === 34) inString = false;
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          if (--depth === 1) {
            yield { text: buf.slice(itemStart, pos + 1), line: ++item };
            itemStart = -1;
            expectItem = false;
          }
        }
        continue;
      }
      if (isWs(c)) continue;
      if (closed) throw new NotStreamable('text after the array');
      if (depth === 0) {
        if (c !== 91) throw new NotStreamable('not an array');
        depth = 1;
        expectItem = true;
        continue;
      }
      // depth 1, between items
      if (c === 123 && expectItem) {
        depth = 2;
        itemStart = pos;
      } else if (c === 44 && !expectItem && item > 0) expectItem = true;
      else if (c === 93 && (item > 0 ? !expectItem : true)) {
        depth = 0;
        closed = true;
      } else throw new NotStreamable('not an array of objects');
    }
    if (itemStart < 0) buf = '';
  }
  if (!closed) throw new NotStreamable('array not closed');
  if (mixed?.mixed()) throw new NotStreamable('mixed encoding');
}

function parseObject(text: string, depthLimit: number): Record<string, unknown> {
  if (findTooDeep(text, depthLimit)) throw new NotStreamable('too deep');
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    throw new NotStreamable('invalid JSON');
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new NotStreamable('not an object');
  return o as Record<string, unknown>;
}

/**
 * From the file's first bytes (`head`) and a way to read it (`read`: its blocks from the start),
 * the plan for jsonChunks, or null where the file must be read whole (not JSON/NDJSON, or
 * something the whole-file path reports). Reads the file once.
 */
export async function planJsonStream(
  head: Uint8Array,
  read: () => AsyncIterable<Uint8Array>,
  file: string,
  contract: FieldContract,
  opts: ImportOptions = {},
): Promise<JsonStreamPlan | null> {
  if (head.length === 0 || looksLikeXlsx(head, file) || sniffBinary(head)) return null;
  const encoding = opts.encoding ?? detectEncoding(head);
  if (!encoding) return null;
  const sample = new TextDecoder(encoding === 'shift_jis' ? 'shift_jis' : 'utf-8').decode(
    head.subarray(0, 64 * 1024),
  );
  const format = opts.format ?? detectFormat(file, sample);
  if (format !== 'json' && format !== 'ndjson') return null;
  const depth = limitsOf(opts.limits).maxJsonDepth - (format === 'json' ? 1 : 0);
  const checkMixed = encoding === 'shift_jis' && !opts.encoding;
  const keys = new Set<string>();
  let rows = 0;
  try {
    for await (const o of objectTexts(read(), format, encoding, checkMixed)) {
      for (const k of Object.keys(parseObject(o.text, depth))) keys.add(k);
      rows++;
    }
  } catch (e) {
    if (e instanceof NotStreamable) return null;
    throw e;
  }
  if (rows === 0) return null; // "no rows" and the like: the whole-file path's messages
  const headers = [...keys];
  const source: RowSource = {
    format,
    hasHeader: true,
    headers,
    estimatedRows: rows,
    preview: () => [],
    forEach: () => ({}),
  };
  let importer: RowImporter;
  try {
    importer = rowImporter(file, contract, opts, source, encoding, 'text', true);
  } catch (e) {
    if (e instanceof ImportError) return null; // e.g. no key column: reported by the whole-file path
    throw e;
  }
  return { file, format, encoding, headers, rows, importer };
}

/**
 * The table in chunks of `chunkRows` rows, reading the file again (`blocks`, from the start).
 * Throws Error('file changed') if it no longer reads as planned. Then plan.importer.finish.
 */
export async function* jsonChunks(
  plan: JsonStreamPlan,
  blocks: AsyncIterable<Uint8Array>,
  opts: ImportOptions = {},
  chunkRows = 50_000,
): AsyncGenerator<AccountTable, ParseEnd> {
  const { headers, importer } = plan;
  const depth = limitsOf(opts.limits).maxJsonDepth - (plan.format === 'json' ? 1 : 0);
  const cells = new Array<unknown>(headers.length);
  let record = 0;
  try {
    for await (const o of objectTexts(blocks, plan.format, plan.encoding, false)) {
      const obj = parseObject(o.text, depth);
      // As jsonSource: own keys only, nested values as their JSON text.
      for (let k = 0; k < headers.length; k++) {
        const h = headers[k];
        const v = Object.hasOwn(obj, h) ? obj[h] : undefined;
        cells[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      }
      importer.onCells(cells, ++record);
      if (importer.pending >= chunkRows) yield importer.takeChunk();
    }
  } catch (e) {
    if (e instanceof NotStreamable)
      throw new Error(`${plan.file}: the file changed while read`, { cause: e });
    throw e;
  }
  if (record !== plan.rows) throw new Error(`${plan.file}: the file changed while read`);
  if (importer.pending > 0) yield importer.takeChunk();
  return {};
}
