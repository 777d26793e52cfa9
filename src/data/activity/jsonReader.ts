/**
 * The JSON byte reader: NDJSON (one object a line) and JSON (an array of objects) activity files
 * in UTF-8, read from their bytes with no object or string per row. A small tokenizer finds
 * each object's keys and value tokens; account keys, categories, strings and booleans are looked
 * up by their bytes in memos of what the row reader's functions answered for the same text, and
 * timestamps and plain decimals are read from the bytes (as the CSV byte reader does).
 *
 * The row reader (JSON.parse, then one row of values per object) is the reference: every table
 * and report must be the same. So anything this reader does not read exactly as JSON.parse and
 * the row reader would — invalid JSON, invalid UTF-8, a document that is not an array of
 * objects, nesting past 64 levels, integer-like keys (JavaScript lists them first), a Shift_JIS
 * file — throws JsonFallback, and the caller reads the file with the row reader, which reports
 * it with the usual message (file, line, what to do). An NDJSON line the tokenizer does not take
 * as is (Unicode spaces the row reader trims, say) goes through JSON.parse on its own.
 *
 * Columns are the keys of every object, in order of first appearance, as in the row reader. The
 * keys of the first objects give the mapping; a key first seen later is appended, and if it
 * would change the mapping every key of the file is collected first and the file read again.
 *
 * A file that arrives in blocks (JsonActivityStream) is read a block at a time: the objects
 * complete in the buffer are read, the bytes of the one cut by the block's end are carried into
 * the next block (for NDJSON, the last line). Memory: a block, the carried object, the typed
 * columns. What needs the whole file again (invalid JSON past the first block, a key seen late
 * that changes the mapping, an object longer than the row limit) throws ReadWhole: the caller
 * reads the file whole (importActivityFile), which reads or reports it as before.
 */
import { CarryBuffer } from './carryBuffer';
import type { ActivitySource } from '../../model';
import { decodeUtf8, utf8Next } from '../csvBytes';
import { detectFormat } from '../detect';
import { detectEncoding, sniffBinary } from '../encoding';
import { limitsOf } from '../limits';
import { ABSENT, ByteMap, hashBytes } from './byteMap';
import {
  Collector,
  mapColumns,
  rowFromCells,
  type ActivityAccounts,
  type ActivityImportOptions,
  type ActivityResult,
} from './collector';
import { parseTimestamp, timestampFromBytes } from './timestamp';

/** Read this file with the row reader: it reads (or reports) it exactly. */
export class JsonFallback extends Error {
  constructor(readonly why: string) {
    super(`JSON byte reader: ${why}`);
    this.name = 'JsonFallback';
  }
}

/** A key first seen late changes the mapping: collect every key, then read again. */
class Remap extends Error {}

/**
 * A streamed file the stream cannot finish as the whole-file read would (its first blocks are
 * gone): read the file again whole (importActivityFile), which reads or reports it exactly.
 */
export class ReadWhole extends Error {
  constructor(readonly why: string) {
    super(`JSON stream: ${why}; read the file whole`);
    this.name = 'ReadWhole';
  }
}

const STR = 1; // a string without escapes: its content bytes
const RAW = 2; // any other token (escaped string, number, literal, nested): its bytes

// Where a JSON array's scan is: before '[', before the first item or ']', after an item, after
// a comma, after ']'.
const BEFORE = 0,
  FIRST = 1,
  AFTER = 2,
  ITEM = 3,
  END = 4;

/** Objects read for the mapping before the rows are (their keys; more come as they appear). */
export const HEAD_OBJECTS = 1000;
const MAX_NESTING = 64;

/** Is this a JSON or NDJSON file in UTF-8 the byte reader takes? The format, or null. */
export function jsonFormatOf(bytes: Uint8Array, file: string): 'json' | 'ndjson' | null {
  if (bytes.length === 0 || bytes.length >= 0x7fffffff) return null; // offsets are Int32
  // detectFormat reads the first 4,096 characters: 16 KiB of bytes hold them.
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 1 << 14)));
  const format = detectFormat(file, head);
  if (format !== 'json' && format !== 'ndjson') return null;
  if (sniffBinary(bytes)) return null;
  const enc = detectEncoding(bytes);
  return enc === 'utf-8' || enc === 'utf-8-bom' ? format : null;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The table and report of a JSON/NDJSON file (`format` from jsonFormatOf), or JsonFallback.
 * Throws the row reader's ImportError for missing columns.
 */
export function importActivityJson(
  bytes: Uint8Array,
  format: 'json' | 'ndjson',
  file: string,
  source: ActivitySource,
  accounts: ActivityAccounts,
  opts: ActivityImportOptions,
): ActivityResult {
  const r = new JsonActivityReader(bytes, format, file, source, accounts, opts);
  try {
    return r.read(false);
  } catch (e) {
    if (!(e instanceof Remap)) throw e;
  }
  return new JsonActivityReader(bytes, format, file, source, accounts, opts).read(true);
}

const noText = () => '';

/**
 * A JSON/NDJSON file read a block at a time (blocks in order, of any sizes): open() on the
 * file's first bytes (the format's head, or the whole file), then push() every block from the
 * first one, then end(). push() and end() throw ReadWhole when the file must be read whole.
 */
export class JsonActivityStream {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly buffer = new CarryBuffer();
  private readonly maxRow = limitsOf(undefined).maxRowBytes;

  private constructor(
    private readonly r: JsonActivityReader,
    /** BOM bytes still to drop from the first blocks. */
    private bom: number,
  ) {}

  /**
   * A stream reader whose mapping comes from the objects complete in `head` (at most
   * headObjects), or null when the file is to be read whole as before: `head` is not valid as
   * far as it goes, holds no complete object, or lacks a declared column (a later object may
   * have it). `final`: head is the whole file. Throws ImportError as the row reader does.
   */
  static open(
    head: Uint8Array,
    format: 'json' | 'ndjson',
    final: boolean,
    file: string,
    source: ActivitySource,
    accounts: ActivityAccounts,
    opts: ActivityImportOptions,
    size: number,
    headObjects = HEAD_OBJECTS,
  ): JsonActivityStream | null {
    const r = new JsonActivityReader(head, format, file, source, accounts, opts, size);
    try {
      const seen = r.head(headObjects, final);
      if (seen.objects === 0) return null;
      r.collect(seen, false);
    } catch (e) {
      if (e instanceof JsonFallback || e instanceof Remap) return null;
      throw e;
    }
    r.rewind();
    return new JsonActivityStream(r, r.start);
  }

  /** The next block of the file. */
  push(block: Uint8Array): void {
    if (this.bom > 0) {
      const k = Math.min(this.bom, block.length);
      this.bom -= k;
      block = block.subarray(k);
    }
    if (block.length === 0) return;
    const buf = this.join(block);
    this.carry = buf.subarray(this.feed(buf, false));
    if (this.carry.length > this.maxRow) throw new ReadWhole('an object longer than the row limit');
  }

  /** The table and report once every block was pushed. */
  end(): ActivityResult {
    this.feed(this.carry, true);
    this.carry = new Uint8Array(0);
    return this.r.finish();
  }

  private feed(buf: Uint8Array, final: boolean): number {
    try {
      return this.r.feed(buf, final);
    } catch (e) {
      if (e instanceof JsonFallback) throw new ReadWhole(e.why);
      if (e instanceof Remap) throw new ReadWhole('a key seen late changes the mapping');
      throw e;
    }
  }

  /** The carried bytes then the block (CarryBuffer). */
  private join(block: Uint8Array): Uint8Array {
    return this.buffer.join(this.carry, block);
  }
}

class JsonActivityReader {
  /** The bytes being read (the whole file, or the current block with the carried bytes). */
  private b: Uint8Array;
  private n: number;
  /** The file offset of b[0], and the file's size (progress). */
  private base = 0;
  private readonly total: number;
  /** BOM bytes at the start of the file. */
  readonly start: number;
  // The scan's place, kept from buffer to buffer: the JSON array's state, the NDJSON line, and
  // the objects read.
  private st = BEFORE;
  private line = 0;
  private objects = 0;
  private readonly headers: string[] = [];
  private readonly headerIndex = new Map<string, number>();
  /** Raw key bytes (between the quotes) → column. */
  private readonly keyMap = new ByteMap();
  /** Each column's raw key bytes as first seen: the next object's keys are compared to them. */
  private readonly keyBytes: Uint8Array[] = [];
  /** The column of the k-th key of the previous object (the usual file repeats its key order). */
  private readonly predicted = new Int32Array(64).fill(-1);
  // The value token of each column in the current object (stamp = the object's number).
  private kind = new Uint8Array(16);
  private vs = new Int32Array(16);
  private ve = new Int32Array(16);
  private stamp = new Int32Array(16);
  private obj = 0;
  private esc = false;
  private c: Collector | null = null;
  private accMemo = [new ByteMap(), new ByteMap()];
  private attrMemo: [ByteMap, ByteMap][] = [];

  constructor(
    b: Uint8Array,
    private readonly format: 'json' | 'ndjson',
    private readonly file: string,
    private readonly source: ActivitySource,
    private readonly accounts: ActivityAccounts,
    private readonly opts: ActivityImportOptions,
    total = b.length,
  ) {
    this.b = b;
    this.n = b.length;
    this.total = total;
    this.start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  }

  /** allKeys: collect the keys of every object before reading rows (else of the first ones). */
  read(allKeys: boolean): ActivityResult {
    const seen = this.head(allKeys ? Infinity : HEAD_OBJECTS, true);
    this.collect(seen, allKeys);
    this.rewind();
    this.scan(this.start, Infinity, true, true);
    return this.finish();
  }

  /** The keys of the first `limit` objects (final: b is the whole file). */
  head(limit: number, final: boolean): { objects: number; at: number } {
    const at = this.scan(this.start, limit, false, final) - this.start;
    return { objects: this.objects, at };
  }

  /** The collector for the headers learnt so far; Remap when a column is missing (unless allKeys). */
  collect(seen: { objects: number; at: number }, allKeys: boolean): void {
    // No object at all: the row reader says what it says of an empty file.
    if (seen.objects === 0) this.fail('no objects');
    const perObject = seen.at / seen.objects;
    const estimated = Math.ceil((this.total - this.start) / Math.max(1, perObject));
    try {
      this.c = new Collector(
        this.file,
        this.headers,
        this.source,
        this.accounts,
        this.opts,
        estimated,
      );
    } catch (e) {
      // A missing column: said only once every object was read (a later one may be invalid).
      if (allKeys) throw e;
      throw new Remap();
    }
    this.attrMemo = this.source.attributes.map(() => [new ByteMap(), new ByteMap()]);
    // Plain strings' content bytes are the keys' UTF-8 bytes; other tokens fill their memo.
    this.accMemo = [this.c.accountMemo(), new ByteMap()];
  }

  /** Back to the file's start for the rows (the keys learnt stay). */
  rewind(): void {
    this.st = BEFORE;
    this.line = 0;
    this.objects = 0;
  }

  /**
   * The rows of the objects complete in buf (the next bytes of the file after those consumed);
   * the offset up to which buf was consumed (the rest is to come again with more bytes).
   */
  feed(buf: Uint8Array, final: boolean): number {
    this.b = buf;
    this.n = buf.length;
    const p = this.scan(0, Infinity, true, final);
    this.base += p;
    return p;
  }

  finish(): ActivityResult {
    return this.c!.finish();
  }

  private fail(why: string): never {
    throw new JsonFallback(why);
  }

  /**
   * Objects in file order from p, at most `limit` in all; `rows`: each one becomes a row (else
   * only keys are learnt). `final`: b ends with the file, else an object or line cut by b's end
   * is left for the next call. Returns the offset reached (where the bytes left start).
   */
  private scan(p: number, limit: number, rows: boolean, final: boolean): number {
    const b = this.b,
      n = this.n;
    if (this.format === 'ndjson') {
      while (p < n && this.objects < limit) {
        let e = b.indexOf(0x0a, p);
        if (e < 0) {
          if (!final) break;
          e = n;
        }
        const line = ++this.line;
        let q = p;
        while (q < e && (b[q] === 0x20 || b[q] === 0x09 || b[q] === 0x0d)) q++;
        if (q < e) {
          let end = b[q] === 0x7b ? this.object(q, e, 0) : -1;
          if (end >= 0) {
            while (end < e && (b[end] === 0x20 || b[end] === 0x09 || b[end] === 0x0d)) end++;
            if (end === e) {
              if (rows) this.row(line);
              this.objects++;
            } else end = -1;
          }
          if (end < 0 && this.slowLine(p, e, line, rows)) this.objects++;
        }
        p = e + 1;
      }
      return Math.min(p, n);
    }
    for (;;) {
      p = this.ws(p);
      const st = this.st;
      if (st === END) {
        if (p < n) this.fail('text after the array');
        return p;
      }
      if (p >= n) {
        if (final) this.fail('invalid JSON');
        return p;
      }
      const c = b[p];
      if (st === BEFORE) {
        if (c !== 0x5b) this.fail('not an array');
        p++;
        this.st = FIRST;
      } else if (st === AFTER) {
        if (c === 0x2c) this.st = ITEM;
        else if (c === 0x5d) this.st = END;
        else this.fail('invalid JSON');
        p++;
      } else if (st === FIRST && c === 0x5d) {
        p++;
        this.st = END;
      } else {
        if (this.objects >= limit) return p;
        if (c !== 0x7b) this.fail('an item that is not an object');
        const end = this.object(p, n, 1);
        if (end < 0) {
          if (final) this.fail('invalid JSON');
          return p; // cut by the buffer's end (or invalid: the next bytes tell)
        }
        this.objects++;
        if (rows) this.row(this.objects);
        p = end;
        this.st = AFTER;
      }
    }
  }

  private ws(p: number): number {
    const b = this.b;
    while (p < this.n && isWs(b[p])) p++;
    return p;
  }

  /** In NDJSON a line break ends the object: only spaces, tabs and CR inside it. */
  private skip(p: number, e: number): number {
    const b = this.b;
    if (this.format === 'json') return this.ws(p);
    while (p < e && (b[p] === 0x20 || b[p] === 0x09 || b[p] === 0x0d)) p++;
    return p;
  }

  /**
   * The object at p (b[p] = '{'), its keys learnt and its top-level values' tokens recorded;
   * the offset after it, or -1 when it is not valid JSON ending before e (the caller decides:
   * an NDJSON line then goes through JSON.parse).
   */
  private object(p: number, e: number, depth: number): number {
    const b = this.b;
    const gen = ++this.obj;
    p = this.skip(p + 1, e);
    if (b[p] === 0x7d) return p + 1;
    for (let ord = 0; ; ord++) {
      if (p >= e || b[p] !== 0x22) return -1;
      let col = -1;
      const pred = ord < 64 ? this.predicted[ord] : -1;
      if (pred >= 0) {
        const kb = this.keyBytes[pred];
        const len = kb.length;
        if (p + 1 + len < e && b[p + 1 + len] === 0x22) {
          let k = 0;
          while (k < len && b[p + 1 + k] === kb[k]) k++;
          if (k === len) {
            col = pred;
            p += len + 2;
          }
        }
      }
      if (col < 0) {
        const q = this.str(p, e);
        if (q < 0) return -1;
        col = this.keyColumn(p + 1, q, this.esc);
        if (ord < 64) this.predicted[ord] = col;
        p = q + 1;
      }
      p = this.skip(p, e);
      if (b[p] !== 0x3a) return -1;
      p = this.skip(p + 1, e);
      const c = b[p];
      let kind = RAW,
        s = p,
        end: number;
      if (c === 0x22) {
        const q = this.str(p, e);
        if (q < 0) return -1;
        if (!this.esc) {
          kind = STR;
          s = p + 1;
          end = q;
        } else end = q + 1;
        p = q + 1;
      } else {
        p = this.value(p, e, depth + 1);
        if (p < 0) return -1;
        end = p;
      }
      this.kind[col] = kind;
      this.vs[col] = s;
      this.ve[col] = end;
      this.stamp[col] = gen;
      p = this.skip(p, e);
      if (b[p] === 0x2c) {
        p = this.skip(p + 1, e);
        continue;
      }
      if (b[p] === 0x7d && p < e) return p + 1;
      return -1;
    }
  }

  /** The closing quote of the string at p (b[p] = '"'), or -1; this.esc: it has escapes. */
  private str(p: number, e: number): number {
    const b = this.b;
    let esc = false;
    let i = p + 1;
    for (;;) {
      if (i >= e) return -1;
      const c = b[i];
      if (c === 0x22) break;
      if (c === 0x5c) {
        esc = true;
        const d = b[i + 1];
        if (d === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(b[i + k])) return -1;
          i += 6;
        } else if (
          d === 0x22 ||
          d === 0x5c ||
          d === 0x2f ||
          d === 0x62 ||
          d === 0x66 ||
          d === 0x6e ||
          d === 0x72 ||
          d === 0x74
        )
          i += 2;
        else return -1;
      } else if (c < 0x20) return -1;
      else if (c >= 0x80) {
        i = utf8Next(b, i, e);
        if (i < 0) return -1;
      } else i++;
    }
    this.esc = esc;
    return i;
  }

  /** The offset after the (non-string at top level) value at p, or -1 when it is not valid. */
  private value(p: number, e: number, depth: number): number {
    const b = this.b;
    const c = b[p];
    if (c === 0x22) {
      const q = this.str(p, e);
      return q < 0 ? -1 : q + 1;
    }
    if (c === 0x74) return lit(b, p, e, TRUE);
    if (c === 0x66) return lit(b, p, e, FALSE);
    if (c === 0x6e) return lit(b, p, e, NULL);
    if (c === 0x7b || c === 0x5b) {
      if (depth > MAX_NESTING) this.fail('deep nesting');
      const close = c === 0x7b ? 0x7d : 0x5d;
      p = this.skip(p + 1, e);
      if (b[p] === close) return p + 1;
      for (;;) {
        if (c === 0x7b) {
          if (b[p] !== 0x22) return -1;
          const q = this.str(p, e);
          if (q < 0) return -1;
          p = this.skip(q + 1, e);
          if (b[p] !== 0x3a) return -1;
          p = this.skip(p + 1, e);
        }
        p = this.value(p, e, depth + 1);
        if (p < 0) return -1;
        p = this.skip(p, e);
        if (b[p] === 0x2c) p = this.skip(p + 1, e);
        else if (b[p] === close && p < e) return p + 1;
        else return -1;
      }
    }
    return number(b, p, e);
  }

  /** The column of a key (raw bytes [s, e)), added when new. */
  private keyColumn(s: number, e: number, esc: boolean): number {
    const b = this.b;
    const h = hashBytes(b, s, e);
    const known = this.keyMap.get(b, s, e, h);
    if (known !== ABSENT) return known;
    const name = esc ? (JSON.parse(decodeUtf8(b, s - 1, e + 1)) as string) : decodeUtf8(b, s, e);
    let col = this.headerIndex.get(name);
    if (col === undefined) col = this.addHeader(name);
    this.keyMap.set(b, s, e, h, col);
    if (this.keyBytes.length <= col || !this.keyBytes[col]) this.keyBytes[col] = b.slice(s, e);
    return col;
  }

  private addHeader(name: string): number {
    // Object.keys lists integer-like keys first, whatever their place: the row reader's order.
    if (/^(0|[1-9]\d*)$/.test(name) && Number(name) < 2 ** 32 - 1) this.fail('integer-like key');
    const col = this.headers.length;
    this.headers.push(name);
    this.headerIndex.set(name, col);
    if (col >= this.kind.length) {
      const grow = <T extends Uint8Array | Int32Array>(a: T): T => {
        const x = new (a.constructor as new (n: number) => T)(a.length * 2);
        x.set(a);
        return x;
      };
      this.kind = grow(this.kind);
      this.vs = grow(this.vs);
      this.ve = grow(this.ve);
      this.stamp = grow(this.stamp);
    }
    const c = this.c;
    if (c) {
      // Reading rows already: a later key may only add a column, not move the mapping.
      const cols = mapColumns(this.headers, this.source, this.opts);
      if (
        cols[0] !== c.accountCol ||
        cols[1] !== c.timeCol ||
        cols.slice(2).some((x, k) => x !== c.attrCols[k])
      )
        throw new Remap();
    }
    return col;
  }

  /**
   * An NDJSON line the tokenizer did not take: as the row reader reads it (trimmed, then
   * JSON.parse). True when it held an object (a row).
   */
  private slowLine(s: number, e: number, line: number, rows: boolean): boolean {
    const b = this.b;
    for (let i = s; i < e; i++)
      if (b[i] >= 0x80 && (i = utf8Next(b, i, e) - 1) < 0) this.fail('invalid UTF-8');
    const t = decodeUtf8(b, s, e).trim();
    if (t === '') return false;
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      this.fail('invalid JSON');
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) this.fail('not an object');
    const rec = o as Record<string, unknown>;
    for (const k of Object.keys(rec)) if (!this.headerIndex.has(k)) this.addHeader(k);
    if (rows) {
      const cells = this.headers.map((h) => {
        const v = Object.hasOwn(rec, h) ? rec[h] : undefined;
        return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      });
      this.progress();
      rowFromCells(this.c!, cells, line);
    }
    return true;
  }

  private progress(): void {
    const c = this.c!;
    if (this.opts.onProgress && ((c.report.rows + 1) & 0xffff) === 0) {
      // The file's bytes read so far.
      const done = (this.base + this.vsAt) / Math.max(1, this.total);
      this.opts.onProgress(Math.min(0.99, done));
    }
  }

  /** Where the current row's first value starts (for progress). */
  private get vsAt(): number {
    let m = 0;
    for (let k = 0; k < this.headers.length; k++)
      if (this.stamp[k] === this.obj && this.vs[k] > m) m = this.vs[k];
    return m;
  }

  /** The text the row reader has for column col of the current object. */
  private text(col: number): string {
    if (col < 0 || this.stamp[col] !== this.obj) return '';
    const s = this.vs[col],
      e = this.ve[col];
    return this.kind[col] === STR ? decodeUtf8(this.b, s, e) : rawText(this.b, s, e);
  }

  /** The current object as a row: the CSV byte reader's row, on value tokens. */
  private row(ln: number): void {
    const c = this.c!;
    const b = this.b;
    const report = c.report;
    this.progress();
    report.rows++;
    const gen = this.obj;
    const ac = c.accountCol;
    let code: number;
    if (this.stamp[ac] !== gen) code = c.resolve('');
    else {
      const s = this.vs[ac],
        e = this.ve[ac];
      const str = this.kind[ac] === STR;
      const memo = this.accMemo[str ? 0 : 1];
      const h = hashBytes(b, s, e);
      code = memo.get(b, s, e, h);
      if (code === ABSENT) {
        code = c.resolve((str ? decodeUtf8(b, s, e) : rawText(b, s, e)).trim());
        memo.set(b, s, e, h, code);
      }
    }
    const acc = code >= 0 && !c.byName ? code >> 1 : c.linked(code, ln, () => this.text(ac).trim());
    if (acc < 0) return;
    if (code >= 0 && !c.byName) report.byKey++;
    const tc = c.timeCol;
    let t: number | null | undefined;
    if (this.stamp[tc] !== gen) t = parseTimestamp('', c.zone);
    else if (this.kind[tc] === STR) {
      const s = this.vs[tc],
        e = this.ve[tc];
      t = timestampFromBytes(b, s, e, c.zone);
      if (t === undefined) t = parseTimestamp(decodeUtf8(b, s, e), c.zone);
    } else t = parseTimestamp(this.text(tc), c.zone);
    const counts = t !== null && t !== undefined && Math.floor(t / 86_400_000) <= c.asOfDays;
    const i = c.dated(acc, t, ln, counts ? noText : () => this.text(tc));
    if (i < 0) return;
    const attrs = c.attrs;
    for (let k = 0; k < attrs.length; k++) {
      const col = c.attrCols[k];
      const a = attrs[k];
      let ok: boolean;
      if (this.stamp[col] !== gen) ok = a.set(i, '');
      else {
        const s = this.vs[col],
          e = this.ve[col];
        const str = this.kind[col] === STR;
        if (a.numeric) {
          // A JSON number's text is String(value): plain decimals read the same from the bytes,
          // except -0 (String gives "0") and what String writes with an exponent.
          ok = str
            ? a.setNumberBytes(i, b, s, e, decodeUtf8)
            : plainNumberToken(b, s, e)
              ? a.setNumberBytes(i, b, s, e, rawText)
              : a.set(i, rawText(b, s, e));
        } else {
          const memo = this.attrMemo[k][str ? 0 : 1];
          const h = hashBytes(b, s, e);
          const m = memo.get(b, s, e, h);
          if (m !== ABSENT) ok = a.setMemo(i, m);
          else {
            ok = a.set(i, str ? decodeUtf8(b, s, e) : rawText(b, s, e));
            memo.set(b, s, e, h, a.memoOf(i, ok));
          }
        }
      }
      if (!ok) c.badValue(k, ln, this.text(col));
    }
    c.n++;
  }
}

/**
 * A number token whose value String() writes as the same plain decimal (so the CSV reader's
 * digits-from-bytes path gives the row reader's value): no exponent, not -0, at most 15 digits
 * (setNumberBytes' own limit) and not below 1e-6 (String switches to an exponent there).
 */
function plainNumberToken(b: Uint8Array, s: number, e: number): boolean {
  let nonZero = false;
  let lead = true,
    zerosAfterPoint = 0,
    point = false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 0x65 || c === 0x45) return false;
    if (c === 0x2e) point = true;
    else if (c >= 0x31 && c <= 0x39) {
      nonZero = true;
      lead = false;
    } else if (c === 0x30 && point && lead) zerosAfterPoint++;
  }
  if (!nonZero) return b[s] !== 0x2d; // 0, 0.0 (not -0)
  return zerosAfterPoint < 6;
}

/** The row reader's text of a token that is not a plain string (text1 of JSON.parse's value). */
function rawText(b: Uint8Array, s: number, e: number): string {
  const c = b[s];
  if (c === 0x74) return 'true';
  if (c === 0x66) return 'false';
  if (c === 0x6e) return '';
  const v: unknown = JSON.parse(decodeUtf8(b, s, e));
  return typeof v === 'string'
    ? v
    : v !== null && typeof v === 'object'
      ? JSON.stringify(v)
      : String(v);
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function lit(b: Uint8Array, p: number, e: number, word: number[]): number {
  if (p + word.length > e) return -1;
  for (let k = 0; k < word.length; k++) if (b[p + k] !== word[k]) return -1;
  return p + word.length;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const digit = (c: number) => c >= 0x30 && c <= 0x39;

/** The offset after the JSON number at p, or -1. */
function number(b: Uint8Array, p: number, e: number): number {
  let i = p;
  if (b[i] === 0x2d) i++;
  if (i >= e) return -1;
  if (b[i] === 0x30) i++;
  else if (b[i] >= 0x31 && b[i] <= 0x39) while (i < e && digit(b[i])) i++;
  else return -1;
  if (i < e && b[i] === 0x2e) {
    i++;
    if (!(i < e && digit(b[i]))) return -1;
    while (i < e && digit(b[i])) i++;
  }
  if (i < e && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    if (i < e && (b[i] === 0x2b || b[i] === 0x2d)) i++;
    if (!(i < e && digit(b[i]))) return -1;
    while (i < e && digit(b[i])) i++;
  }
  return i;
}
