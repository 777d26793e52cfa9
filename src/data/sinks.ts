import type { Field } from '../model';
import { MISSING_BOOL, type Column } from '../table/columns';
import {
  categoryMatcher,
  isoDays,
  looksLikeFormula,
  parseBoolean,
  parseDate,
  parseNumber,
} from './coerce';
import { cellDecoder, Utf8Error, type ByteEncoding } from './csvBytes';
import { holdsRespelled, sjisRespelledCount, windowsSpelling } from './sjisBytes';
import { packedDictColumn } from '../table/packedDict';
import type { ImportIssueCode } from './issues';
import { moveInto, SINK_MIN_LENGTH, type ColumnMemory } from './columnMemory';

/**
 * Typed column writers that grow as rows arrive, so the importer never holds all cells as
 * strings. `write` returns null when the cell was stored, or the problem with it.
 * `writeBytes` takes the cell as validated UTF-8 bytes [s, e) of the file (the byte parser in
 * csvBytes.ts): plain numbers, ISO dates and TRUE/FALSE are read without creating a string,
 * string cells are interned by their bytes; anything else is decoded and goes through `write`,
 * so both entry points store exactly the same values and report the same problems.
 */
export type CellProblem = { code: ImportIssueCode; warning?: boolean; stored?: boolean } | null;

export interface Sink {
  readonly field: Field;
  /** Store `raw` at `row`; a value that cannot be read is stored as missing. */
  write(row: number, raw: unknown): CellProblem;
  /** Make room for `n` rows (write() does not grow: the importer reserves once per doubling). */
  reserve(n: number): void;
  /** As write, for the bytes [s, e) of `b` (UTF-8, or the sink's encoding; one buffer per import). */
  writeBytes(row: number, b: Uint8Array, s: number, e: number): CellProblem;
  /** Was the last written cell missing (for required checks)? */
  lastMissing: boolean;
  /** The column of the first rowCount rows; `dropped`: some written rows were overwritten (left out). */
  build(rowCount: number, dropped?: boolean): Column;
  /**
   * Move the column into memory of `memory` (faulted in elsewhere) of exactly its present
   * length, copying rows [0, rows): false when none has arrived (the column stays where it is).
   */
  adopt?(memory: ColumnMemory, rows: number): boolean;
}

/** The first n items: a view when little capacity is left over (no copy), else a compact copy. */
function fit<T extends Float64Array | Uint8Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= n >> 4 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

function growF64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, need: number): Uint8Array {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
function growI32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Four / two ASCII digits at i as a number, or -1. */
function d4(b: Uint8Array, i: number): number {
  const a = b[i] - 48,
    c = b[i + 1] - 48,
    d = b[i + 2] - 48,
    e = b[i + 3] - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 && d >= 0 && d <= 9 && e >= 0 && e <= 9
    ? a * 1000 + c * 100 + d * 10 + e
    : -1;
}
function d2(b: Uint8Array, i: number): number {
  const a = b[i] - 48,
    c = b[i + 1] - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

class NumberSink implements Sink {
  values: Float64Array;
  lastMissing = false;
  private readonly integer: boolean;
  readonly percentUnit: boolean;
  /** Unit "%": cells written "80%" and bare fractions such as 0.8 (read as 0.8 %), with an example each. */
  percentCells = 0;
  bareFractions = 0;
  percentExample = '';
  bareExample = '';
  private readonly decode: (b: Uint8Array, s: number, e: number) => string;
  constructor(
    readonly field: Field,
    cap: number,
    readonly kind: 'number' | 'date',
    encoding: ByteEncoding = 'utf-8',
  ) {
    this.decode = cellDecoder(encoding);
    this.values = new Float64Array(cap);
    this.integer = field.type === 'integer';
    this.percentUnit = field.unit === '%';
  }
  reserve(n: number): void {
    this.values = growF64(this.values, n);
  }
  adopt(memory: ColumnMemory, rows: number): boolean {
    const moved = moveInto(memory, this.values, rows);
    if (moved) this.values = moved;
    return moved !== null;
  }
  write(row: number, raw: unknown): CellProblem {
    let v: number | null | undefined;
    if (raw === null || raw === undefined) v = null;
    else if (typeof raw === 'number')
      v = this.kind === 'date' ? undefined : Number.isFinite(raw) ? raw : undefined;
    else
      v =
        this.kind === 'date'
          ? parseDate(String(raw))
          : parseNumber(String(raw), { percentUnit: this.percentUnit });
    this.lastMissing = v == null;
    if (v == null) {
      this.values[row] = NaN;
      if (v === undefined && typeof raw === 'number' && this.kind === 'number')
        return { code: 'number_out_of_range' }; // JSON 1e400 arrives as Infinity
      return v === undefined ? { code: this.kind === 'date' ? 'bad_date' : 'bad_number' } : null;
    }
    if (v === Infinity || v === -Infinity) {
      // "1e400" reads as Infinity: not a value anyone exported on purpose.
      this.values[row] = NaN;
      this.lastMissing = true;
      return { code: 'number_out_of_range' };
    }
    if (this.integer && !Number.isInteger(v)) {
      this.values[row] = NaN;
      this.lastMissing = true;
      return { code: 'bad_integer' };
    }
    this.values[row] = v;
    if (this.percentUnit) this.notePercent(raw, v);
    return null;
  }
  /** Count the two ways a percentage is written, so a column mixing them is reported. */
  private notePercent(raw: unknown, v: number): void {
    if (typeof raw === 'string' && /[%％]\s*$/.test(raw)) {
      if (this.percentCells++ === 0) this.percentExample = raw.trim();
    } else if (Math.abs(v) <= 1 && !Number.isInteger(v)) {
      if (this.bareFractions++ === 0) this.bareExample = String(raw).trim();
    }
  }
  writeBytes(row: number, b: Uint8Array, s: number, e: number): CellProblem {
    if (s === e) {
      this.values[row] = NaN;
      this.lastMissing = true;
      return null;
    }
    if (this.kind === 'date') {
      // YYYY-MM-DD or YYYY/MM/DD, as fastIsoDays in coerce.ts.
      if (e - s === 10) {
        const sep = b[s + 4];
        if ((sep === 45 || sep === 47) && b[s + 7] === sep) {
          const y = d4(b, s);
          const m = d2(b, s + 5);
          const d = d2(b, s + 8);
          if (y >= 0 && m >= 0 && d >= 0) {
            const v = isoDays(y, m, d);
            if (v === v) {
              this.values[row] = v;
              this.lastMissing = false;
              return null;
            }
          }
        }
      }
    } else {
      // -?digits(.digits)? with at most 15 digits: the integer is exact, and dividing it by an
      // exact power of ten rounds once, so the result equals Number(text).
      let i = s;
      const neg = b[i] === 45;
      if (neg) i++;
      let v = 0;
      let digits = 0;
      let c = 0;
      while (i < e && (c = b[i] - 48) >= 0 && c <= 9) {
        v = v * 10 + c;
        digits++;
        i++;
      }
      let frac = 0;
      if (digits > 0 && i < e && b[i] === 46 && !this.integer) {
        i++;
        while (i < e && (c = b[i] - 48) >= 0 && c <= 9) {
          v = v * 10 + c;
          frac++;
          i++;
        }
      }
      if (i === e && digits > 0 && digits + frac <= 15) {
        if (frac > 0) v /= POW10[frac];
        return this.writeRead(row, neg ? -v : v, b, s, e);
      }
    }
    return this.write(row, this.decode(b, s, e));
  }
  /**
   * A plain decimal cell [s, e) already read as `v` (the parser's number scan, or writeBytes):
   * stored as write() stores it. Only for number fields (dates are not read this way).
   */
  writeRead(row: number, v: number, b: Uint8Array, s: number, e: number): CellProblem {
    this.values[row] = v;
    this.lastMissing = false;
    // As notePercent: a bare fraction is a non-integer of at most 1 ("1.0" is not one).
    if (this.percentUnit && v <= 1 && v >= -1 && !Number.isInteger(v) && this.bareFractions++ === 0)
      this.bareExample = this.decode(b, s, e);
    return null;
  }
  /** build() leaves the capacity past n in the column's buffer (a parallel import's first range: the rest is appended there). */
  keepRoom = false;
  build(n: number): Column {
    const values = this.keepRoom ? this.values.subarray(0, n) : fit(this.values, n);
    return this.kind === 'date' ? { type: 'date', values } : { type: 'number', values };
  }
}

class BooleanSink implements Sink {
  values: Uint8Array;
  lastMissing = false;
  private readonly decode: (b: Uint8Array, s: number, e: number) => string;
  constructor(
    readonly field: Field,
    cap: number,
    encoding: ByteEncoding = 'utf-8',
  ) {
    this.decode = cellDecoder(encoding);
    this.values = new Uint8Array(cap);
  }
  reserve(n: number): void {
    this.values = growU8(this.values, n);
  }
  adopt(memory: ColumnMemory, rows: number): boolean {
    const moved = moveInto(memory, this.values, rows);
    if (moved) this.values = moved;
    return moved !== null;
  }
  write(row: number, raw: unknown): CellProblem {
    let v: boolean | null | undefined;
    if (raw === null || raw === undefined) v = null;
    else if (typeof raw === 'boolean') v = raw;
    else if (typeof raw === 'number') v = raw === 1 ? true : raw === 0 ? false : undefined;
    else v = parseBoolean(String(raw));
    this.lastMissing = v == null;
    this.values[row] = v == null ? MISSING_BOOL : v ? 1 : 0;
    return v === undefined ? { code: 'bad_boolean' } : null;
  }
  writeBytes(row: number, b: Uint8Array, s: number, e: number): CellProblem {
    const len = e - s;
    let v = -1;
    if (len === 0) v = MISSING_BOOL;
    else if (len === 1) v = b[s] === 49 ? 1 : b[s] === 48 ? 0 : -1;
    else if (len === 4) {
      const c = b[s];
      // true / TRUE (the forms CSV exports write); other spellings go through parseBoolean.
      if (
        (c === 116 && b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101) ||
        (c === 84 && b[s + 1] === 82 && b[s + 2] === 85 && b[s + 3] === 69)
      )
        v = 1;
    } else if (len === 5) {
      const c = b[s];
      if (
        (c === 102 &&
          b[s + 1] === 97 &&
          b[s + 2] === 108 &&
          b[s + 3] === 115 &&
          b[s + 4] === 101) ||
        (c === 70 && b[s + 1] === 65 && b[s + 2] === 76 && b[s + 3] === 83 && b[s + 4] === 69)
      )
        v = 0;
    }
    if (v < 0) return this.write(row, this.decode(b, s, e));
    this.values[row] = v;
    this.lastMissing = v === MISSING_BOOL;
    return null;
  }
  /** As NumberSink.keepRoom. */
  keepRoom = false;
  build(n: number): Column {
    return {
      type: 'boolean',
      values: this.keepRoom ? this.values.subarray(0, n) : fit(this.values, n),
    };
  }
}

class StringSink implements Sink {
  codes: Int32Array;
  /**
   * Values by code: [0, size) are set; beyond is capacity (holes), cut off by build. Grown by
   * doubling through its length (addCode): a push per new value cost ~0.1 s per million values
   * (ids, names), a tenth of that this way.
   */
  private dict: string[] = [];
  private size = 0;
  /**
   * Value → code, for every value except those created by writeBytes from bytes that spell the
   * value exactly (the common case: ids, names); those are found through the byte table.
   */
  private readonly index = new Map<string, number>();
  /** Raw text → code (-1 missing): repeated values (categories, names) skip normalisation. */
  private readonly seen = new Map<string, number>();
  /** Per code: 0 fine, 1 not an allowed category value, 2 formula-like text. */
  private flags: Uint8Array = new Uint8Array(64);
  private useSeen = true;
  private misses = 0;
  private readonly match: ReturnType<typeof categoryMatcher>;
  lastMissing = false;
  // Byte table: raw cell bytes (offsets into `src`) → code, open addressing. Repeated values
  // (categories) never allocate; new ones are decoded once and need no Map insert.
  private src: Uint8Array | null = null;
  /**
   * The cells come from buffers that are reused (a file read in blocks, importBlocks in
   * importStream.ts): each entry's bytes are copied into `src`, a buffer of the sink's own
   * (`srcLen` bytes used), instead of pointing into the cell's buffer.
   */
  private ownBytes = false;
  private srcLen = 0;
  private slots: Int32Array = new Int32Array(0); // entry + 1, 0 = empty
  private eStart: Int32Array = new Int32Array(0);
  private eLen: Int32Array = new Int32Array(0);
  private eHash: Int32Array = new Int32Array(0);
  private eCode: Int32Array = new Int32Array(0);
  /** Provisional entries: UTF-16 length of a value decoded by endLazy (its bytes spell it), else 0. */
  private eUnits: Int32Array = new Int32Array(0);
  private entries = 0;
  /** Entries [placed, entries) are not in `slots` yet (appended by the sorted-column path). */
  private placed = 0;
  /** Every entry so far came in strictly ascending byte order (its last entry is the largest). */
  private ascending = true;
  /** Cells given to writeBytes (to tell a mostly-unique column). */
  private written = 0;
  private scratch: Uint8Array = new Uint8Array(0);
  /**
   * New values whose text is known from their bytes alone (plain text fields: no trimming, not
   * a missing word, not formula-like) are not decoded one by one: their bytes are copied here
   * and decoded in one TextDecoder call when the dictionary is read (flush). Creating a string
   * per cell in JavaScript was the import's largest cost on columns of unique names and ids.
   */
  private stage: Uint8Array = new Uint8Array(0);
  private staged = 0;
  /** Pending values as pairs (code, UTF-16 length: where it ends in the decoded text). */
  private pend: Int32Array = new Int32Array(0);
  private pendN = 0;
  /**
   * Packed values (packValues): a deferred value is not decoded at all while importing; its
   * bytes stay in `src` (by code: offset, byte length, UTF-16 length; length 0 = not packed) and
   * the built column makes the strings when its `dict` is first read (packedDictColumn). A
   * million ids and names as JS strings were the import's GC and a third of its page faults.
   */
  private packed = false;
  private pOff: Int32Array = new Int32Array(0);
  private pLen: Int32Array = new Int32Array(0);
  private pUnits: Int32Array = new Int32Array(0);
  private packedN = 0;
  /**
   * New values are kept, measured and hashed in one pass (keepCounting): packed values of a
   * plain field (the block import's ids and names), UTF-8 or Shift_JIS. Not while `eager`
   * (checked where used).
   */
  private fuse = false;
  /** Offset in `src` where defer() kept the bytes of the value it just packed, else -1. */
  private kept = -1;
  /** Values of this sink are defer-able (a text field with no allowed-values list). */
  private readonly plain: boolean;
  /** Decode every value at once (the importer's key column in chunked mode reads values per row). */
  eager = false;
  /**
   * The importer reads this column's codes while importing (the key column: duplicate checks).
   * Other columns may take provisional codes (see `lazy`).
   */
  codesRead = false;
  /**
   * Provisional codes: an unsorted column (names) gives every cell's bytes a new code and entry
   * without probing the byte table, and endLazy merges repeated bytes once, partitioned by hash
   * so each part's table stays in cache. Probing a table of a million names per row was one
   * cache miss per row, the largest cost of the import. Entries from `lazyFrom` are provisional.
   */
  private lazy = false;
  private lazyFrom = 0;
  /** Rows [0, hi) have been written (codes to renumber when provisional codes merge). */
  private hi = 0;
  /**
   * Memory faulted in elsewhere (the browser's one pass, columnMemory.ts): the arrays this sink
   * grows to its capacity (entries, packed offsets, flags, kept bytes, endLazy's scratch) are
   * taken from it when a buffer of their length has arrived, or moved there later (adopt).
   */
  private memory: ColumnMemory | null = null;
  /** Buffers that came from `memory`. */
  private readonly fromMemory = new WeakSet<ArrayBufferLike>();
  /** The kept bytes' size at their first growth (ColumnMemory.keptBytes), 0 = projected. */
  private keptHint = 0;
  /** The kept bytes have grown once (the hint is spent). */
  private keptGrown = false;
  private codesMoved = false;
  constructor(
    readonly field: Field,
    cap: number,
    /** How writeBytes' bytes are encoded. */
    readonly encoding: ByteEncoding = 'utf-8',
  ) {
    this.codes = new Int32Array(cap);
    const values = field.type === 'category' ? field.values : undefined;
    this.match = categoryMatcher(values);
    this.plain = !values || values.length === 0;
    this.decode = cellDecoder(encoding);
  }
  private readonly decode: (b: Uint8Array, s: number, e: number) => string;
  /** The value of a code (decodes pending values first). */
  valueAt(code: number): string {
    if (this.pendN > 0) this.flush();
    if (this.packedN > 0 && this.pLen[code] > 0) {
      const o = this.pOff[code];
      if (code >= this.dict.length) this.dictTo(code + 1);
      this.dict[code] = this.decode(this.src!, o, o + this.pLen[code]);
      this.pLen[code] = 0;
      this.packedN--;
    }
    return this.dict[code];
  }
  /** Decode the pending values into the dictionary. */
  private flush(): void {
    const n = this.pendN;
    if (n === 0) return;
    const dec =
      this.encoding === 'shift_jis'
        ? (sjisDecoder ??= new TextDecoder('shift_jis'))
        : (utf8Decoder ??= new TextDecoder());
    const text = dec.decode(this.stage.subarray(0, this.staged));
    let pos = 0;
    const pend = this.pend;
    for (let k = 0; k < n; k++) {
      const end = pos + pend[2 * k + 1];
      this.dict[pend[2 * k]] = text.substring(pos, end);
      pos = end;
    }
    this.staged = 0;
    this.pendN = 0;
  }
  /**
   * UTF-16 length of the value in bytes [s, e) when reading it needs no more than its bytes —
   * no white space to trim at either end, too long for a missing word (≤ 8 characters), no
   * formula start — else -1. Conservative: lead bytes that begin any white space or full-width
   * formula character (and many other characters) are decoded the ordinary way.
   */
  private deferLength(b: Uint8Array, s: number, e: number): number {
    const c0 = b[s];
    if (c0 <= 0x20 || c0 === 0x3d || c0 === 0x2b || c0 === 0x2d || c0 === 0x40) return -1;
    let units = 0;
    let last = s;
    if (this.encoding === 'utf-8') {
      for (let i = s; i < e; i++) {
        const c = b[i];
        if ((c & 0xc0) !== 0x80) {
          units += c >= 0xf0 ? 2 : 1;
          last = i;
        }
      }
      if (units <= 8 || b[last] <= 0x20 || utf8Space(b, s, true) || utf8Space(b, last, false))
        return -1;
    } else {
      // Shift_JIS: every character is one UTF-16 unit; U+3000 is 81 40, ＝＋－＠ 81 81/7B/7C/97.
      if (c0 === 0x81) {
        const t = b[s + 1];
        if (t === 0x40 || t === 0x81 || t === 0x7b || t === 0x7c || t === 0x97) return -1;
      }
      for (let i = s; i < e; i++) {
        const c = b[i];
        last = i;
        if ((c >= 0x81 && c <= 0x9f) || c >= 0xe0) i++;
        units++;
      }
      const cl = b[last];
      if (units <= 8 || cl <= 0x20 || (cl === 0x81 && b[last + 1] === 0x40)) return -1;
    }
    return units;
  }
  /** Store a new value's bytes for the next flush; its code. */
  private defer(b: Uint8Array, s: number, e: number, units: number): number {
    const code = this.addCode('', 0, true);
    if (this.packed) {
      this.kept = this.keep(b, s, e - s);
      this.pack(code, this.kept, e - s, units);
    } else this.stageValue(b, s, e, units, code);
    return code;
  }
  private pack(code: number, off: number, len: number, units: number): void {
    this.pOff[code] = off;
    this.pLen[code] = len;
    this.pUnits[code] = units;
    this.packedN++;
  }
  /** Where the bytes of a new entry are: kept by defer(), or kept now (own buffers), or in b. */
  private keptAt(b: Uint8Array, s: number, len: number): number {
    const k = this.kept;
    if (k >= 0) {
      this.kept = -1;
      return k;
    }
    return this.ownBytes ? this.keep(b, s, len) : s;
  }
  /**
   * Keep deferred values packed (see `packed`); the built column decodes them on first read.
   * Only with own buffers (ownBuffers first), not in chunked mode (valueAt per row).
   */
  packValues(): void {
    if (!this.ownBytes) throw new Error('packValues: call ownBuffers first');
    this.packed = true;
    this.fuse = this.plain;
    const cap = this.flags.length;
    this.pOff = growI32(this.pOff, cap);
    this.pLen = growI32(this.pLen, cap);
    this.pUnits = growI32(this.pUnits, cap);
  }
  /** Decode every packed value into the dictionary (the sink needs it whole). */
  private unpack(): void {
    if (this.packedN === 0) return;
    if (this.dict.length < this.size) this.dict.length = this.size;
    fillPacked(this.dict, this.size, this.src!, this.pOff, this.pLen, this.pUnits, this.encoding);
    this.pLen.fill(0, 0, this.size);
    this.packedN = 0;
  }
  private stageValue(b: Uint8Array, s: number, e: number, units: number, code: number): void {
    const len = e - s;
    if (this.staged + len > this.stage.length) {
      // Decode in batches: one stage of STAGE_BYTES is reused, where one buffer
      // of every value's bytes (tens of MB, grown by doubling) was page faults and copies.
      if (this.staged > 0) this.flush();
      if (len > this.stage.length) this.stage = new Uint8Array(Math.max(STAGE_BYTES, len));
    }
    const st = this.stage;
    let o = this.staged;
    for (let i = s; i < e; i++) st[o++] = b[i];
    this.staged = o;
    const k = this.pendN++;
    if (2 * k + 2 > this.pend.length) this.pend = growI32(this.pend, Math.max(2048, 4 * k + 4));
    this.pend[2 * k] = code;
    this.pend[2 * k + 1] = units;
  }
  reserve(n: number): void {
    this.codes = growI32(this.codes, n);
  }
  adopt(memory: ColumnMemory, rows: number): boolean {
    if (!this.codesMoved) {
      const moved = moveInto(memory, this.codes, rows);
      if (moved) {
        this.codes = moved;
        this.codesMoved = true;
      }
    }
    // Without sink memory the column is all there is to move (as before).
    if (!memory.takeSink) return this.codesMoved;
    if (this.memory !== memory) this.useMemory(memory);
    return this.moveOwn() && this.codesMoved;
  }
  /** Code of a (matched) value, creating it; `exactBytes`: it came from bytes that spell it exactly and are not in the byte table. */
  private codeOfValue(value: string, known: boolean, exactBytes: boolean): number {
    let code = this.index.size > 0 ? this.index.get(value) : undefined;
    if (code === undefined && !exactBytes && this.entries > 0) code = this.lookupText(value);
    if (code === undefined) {
      code = this.addCode(value, !known ? 1 : looksLikeFormula(value) ? 2 : 0);
      if (!exactBytes) this.index.set(value, code);
    }
    return code;
  }
  /**
   * A new code for `value` (its flag: see flags). `fromBytes`: its value is its bytes, packed or
   * staged by the caller (value ''): with packed values its `dict` slot is not written (see
   * growCodes).
   */
  private addCode(value: string, flag: number, fromBytes = false): number {
    const code = this.size++;
    if (code >= this.flags.length) this.growCodes(code + 1);
    if (!this.packed) this.dict[code] = value;
    else if (!fromBytes) {
      if (code >= this.dict.length) this.dictTo(code + 1);
      this.dict[code] = value;
    }
    this.flags[code] = flag;
    return code;
  }
  /**
   * `dict` lengthened to hold `n` codes (packed mode: the first value written past its end). As
   * growCodes did up front: at once to the codes' capacity (holes), not by appends (a copy at
   * every growth: more pages than one allocation, measured +3k faults at 1M rows).
   */
  private dictTo(n: number): void {
    if (this.dict.length < n) this.dict.length = Math.max(n, this.flags.length);
  }
  /** Room for `need` codes (a mostly-unique column asks for a code per row at once). */
  private growCodes(need: number): void {
    if (need <= this.flags.length) return;
    const cap = Math.max(need, this.flags.length * 2);
    const fb = this.take(cap);
    const flags = fb ? new Uint8Array(fb) : new Uint8Array(cap);
    flags.set(this.flags);
    this.flags = flags;
    if (this.packed) {
      this.pOff = this.grow32(this.pOff, cap);
      this.pLen = this.grow32(this.pLen, cap);
      this.pUnits = this.grow32(this.pUnits, cap);
    }
    // Packed values (ids, names) leave their slots unwritten until the column's dict is first
    // read (build): a million-slot array set up here took 50–150 ms and its pages on the import
    // thread, for slots a packed value never reads.
    if (!this.packed && this.dict.length < cap) this.dict.length = cap;
  }
  /** Every value → its code, built only when asked (Shift_JIS: text-path cells such as "" escapes). */
  private all: Map<string, number> | null = null;
  private allUpTo = 0;
  private lookupAll(value: string): number | undefined {
    this.flush();
    this.unpack();
    const all = (this.all ??= new Map());
    for (; this.allUpTo < this.size; this.allUpTo++) {
      const v = this.dict[this.allUpTo];
      if (!all.has(v)) all.set(v, this.allUpTo);
    }
    return all.get(value);
  }
  /** Code of a value spelled exactly by bytes in the byte table, if any (encodes it to scratch). */
  private lookupText(value: string): number | undefined {
    if (this.scratch.length < value.length * 3)
      this.scratch = new Uint8Array(value.length * 3 + 16);
    if (this.encoding !== 'utf-8') return this.lookupAll(value);
    const len = (encoder ??= new TextEncoder()).encodeInto(value, this.scratch).written;
    this.placeAll();
    const code = this.probe(this.scratch, 0, len, hashBytes(this.scratch, 0, len));
    // Only a value that is its own match is stored under its bytes (match is idempotent except
    // for duplicate category spellings): check rather than assume.
    return code >= 0 && this.valueAt(code) === value ? code : undefined;
  }
  // slots holds pairs (entry + 1, hash): a probe reads one cache line, not three arrays
  // (the id and name columns have a new value on every row, so every probe is a cache miss).
  private probe(b: Uint8Array, s: number, len: number, h: number): number {
    const src = this.src!;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const ent = slots[slot << 1] - 1;
      if (ent < 0) return NOT_FOUND;
      if (slots[(slot << 1) + 1] !== h || this.eLen[ent] !== len) continue;
      if (sameBytes(src, this.eStart[ent], b, s, len)) return this.eCode[ent];
    }
  }
  private insert(s: number, len: number, h: number, code: number): void {
    if ((this.entries + 1) * 4 > this.slots.length) this.rehash();
    const ent = this.entries++;
    if (ent >= this.eStart.length) this.growEntries(ent);
    this.eStart[ent] = s;
    this.eLen[ent] = len;
    this.eHash[ent] = h;
    this.eCode[ent] = code;
    this.place(this.slots, ent, h);
    this.placed = this.entries;
  }
  private place(slots: Int32Array, ent: number, h: number): void {
    const mask = (slots.length >> 1) - 1;
    let slot = h & mask;
    while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
    slots[slot << 1] = ent + 1;
    slots[(slot << 1) + 1] = h;
  }
  private rehash(): void {
    let size = Math.max(4096, this.slots.length * 2);
    // A mostly-unique column (ids, names) will need a slot per row: size for the expected rows
    // at once instead of rehashing every doubling.
    if (this.entries > tune.uniqueFrom && this.entries * 2 > this.written)
      while (size < this.codes.length * 4) size *= 2;
    const slots = this.slotsOf(size);
    for (let ent = 0; ent < this.entries; ent++) this.place(slots, ent, this.eHash[ent]);
    this.slots = slots;
  }
  /** Empty slots for the probing path (from memory when the column probes and one has arrived). */
  private slotsOf(size: number): Int32Array {
    const b = this.inUse().slots ? this.take(size * 4) : null;
    return b ? new Int32Array(b) : new Int32Array(size);
  }
  write(row: number, raw: unknown): CellProblem {
    // Text cells are matched by value against the byte table: it must be whole.
    if (this.lazy) this.endLazy();
    if (row >= this.hi) this.hi = row + 1;
    if (raw === null || raw === undefined) {
      this.codes[row] = -1;
      this.lastMissing = true;
      return null;
    }
    if (typeof raw === 'number' && Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
      // A JSON number with more digits than a double keeps (an id such as 12345678901234567890
      // arrives as 12345678901234567000): storing it would store a different id.
      this.codes[row] = -1;
      this.lastMissing = true;
      return { code: 'imprecise_number' };
    }
    const text = typeof raw === 'string' ? raw : String(raw);
    let code = this.useSeen ? this.seen.get(text) : undefined;
    if (code === undefined) {
      // Mostly-unique columns (ids, names) gain nothing from the memo: stop using it.
      if (this.useSeen && ++this.misses > 2000 && this.misses > this.seen.size * 0.9 && row > 4000)
        this.useSeen = false;
      const m = this.match(text);
      code = m === null ? -1 : this.codeOfValue(m.value, m.known, false);
      // Unique values (ids) would only grow the memo: remember short, repeatable ones.
      if (this.useSeen && text.length <= 32 && this.seen.size < 100_000) this.seen.set(text, code);
    }
    return this.stored(row, code);
  }
  writeBytes(row: number, b: Uint8Array, s: number, e: number): CellProblem {
    if (s === e) return this.stored(row, -1);
    if (row >= this.hi) this.hi = row + 1;
    if (b !== this.src && !this.ownBytes) {
      // Keys point into one buffer: a new buffer starts a new table.
      if (this.lazy) this.endLazy();
      this.src = b;
      this.slots = new Int32Array(4096);
      this.entries = 0;
      this.smallFor = -1;
      this.placed = 0;
      this.ascending = true;
    }
    this.written++;
    const len = e - s;
    let code: number;
    if (this.ascending) {
      // A sorted column (ids in most exports): a value above the last new one is new too —
      // no hash, no probe into a table far larger than the cache.
      if (this.entries === 0 || this.above(b, s, e)) {
        if (this.fuse && !this.eager && this.index.size === 0) {
          // As newValue, defer and keep below, in one pass over the bytes (keepCounting).
          const at = this.srcLen;
          const units = this.keepCounting(b, s, e);
          if (units > 0) {
            code = this.addCode('', 0, true);
            this.pack(code, at, len, units);
            this.append(at, len, code);
            return this.stored(row, code);
          }
          this.srcLen = at;
        }
        code = this.newValue(b, s, e);
        this.append(this.keptAt(b, s, len), len, code);
        return this.stored(row, code);
      }
      this.ascending = false;
      this.placeAll();
      if (!this.codesRead && !this.eager && this.plain && this.index.size === 0) {
        this.lazy = true;
        this.lazyFrom = this.entries;
      }
    }
    if (!this.lazy && this.entries <= SCAN_ENTRIES) {
      // A few values (categories): found by length and first four bytes in a table of 32 slots
      // (findSmall), else compared with each, without a hash. Entries are distinct byte
      // strings, so either finds the entry the probe would.
      if (len >= 4) {
        code = this.findSmall(b, s, len);
        if (code !== NOT_FOUND) return this.stored(row, code);
      }
      const src = this.src!;
      const eLen = this.eLen;
      for (let ent = 0; ent < this.entries; ent++) {
        if (eLen[ent] === len && sameBytes(src, this.eStart[ent], b, s, len))
          return this.stored(row, this.eCode[ent]);
      }
    }
    if (this.lazy) {
      // A new provisional code for every cell: repeats are merged by endLazy.
      let at: number;
      let units: number;
      let h: number;
      if (this.fuse) {
        at = this.srcLen;
        units = this.keepCounting(b, s, e);
        h = this.cellHash;
      } else {
        at = -1;
        units = this.deferLength(b, s, e);
        h = hashBytes(b, s, len);
      }
      if (units > 0) code = this.addCode('', 0, true);
      else {
        const text = this.decode(b, s, e);
        const m = this.match(text);
        if (m !== null && m.value !== text) {
          // Trimmed (or respelled) text is found by value: merge now and leave this mode.
          if (at >= 0) this.srcLen = at;
          this.endLazy();
          return this.writeBytes(row, b, s, e);
        }
        code = m === null ? -1 : this.codeOfValue(m.value, m.known, true);
      }
      if (at < 0) at = this.ownBytes ? this.keep(b, s, len) : s;
      const ent = this.entries;
      this.append(at, len, code);
      this.eHash[ent] = h;
      // A value its bytes spell: packed now (a repeat gives its code up in endLazy), or staged
      // by endLazy (repeats once).
      if (this.packed) {
        if (units > 0) this.pack(code, at, len, units);
      } else this.eUnits[ent] = units > 0 ? units : 0;
      return this.stored(row, code);
    }
    const h = hashBytes(b, s, len);
    if (this.placed !== this.entries) this.placeAll();
    code = this.probe(b, s, len, h);
    if (code === NOT_FOUND) {
      code = this.newValue(b, s, e);
      this.insert(this.keptAt(b, s, len), len, h, code);
    }
    return this.stored(row, code);
  }
  /**
   * Small dictionaries (at most SCAN_ENTRIES entries): slot (from a cell's length and first four
   * bytes) → entry + 1; 0 no entry, -1 two entries (the scan decides). Each entry's first and
   * last four bytes beside it. Rebuilt when the entries change (`smallFor`: the count it was
   * built for, -1 stale). Comparing the cell with each entry in turn cost a mispredicted branch
   * or two per cell: the categories' values come in no order.
   */
  private readonly small = new Int32Array(32);
  private readonly smallFirst = new Int32Array(SCAN_ENTRIES);
  private readonly smallLast = new Int32Array(SCAN_ENTRIES);
  private smallFor = -1;
  private buildSmall(): void {
    const small = this.small;
    small.fill(0);
    const src = this.src!;
    for (let ent = 0; ent < this.entries; ent++) {
      const len = this.eLen[ent];
      if (len < 4) continue;
      const o = this.eStart[ent];
      const first = src[o] | (src[o + 1] << 8) | (src[o + 2] << 16) | (src[o + 3] << 24);
      const l = o + len - 4;
      this.smallFirst[ent] = first;
      this.smallLast[ent] = src[l] | (src[l + 1] << 8) | (src[l + 2] << 16) | (src[l + 3] << 24);
      const slot = smallSlot(first, len);
      small[slot] = small[slot] === 0 ? ent + 1 : -1;
    }
    this.smallFor = this.entries;
  }
  /** The code of the entry spelled by bytes [s, s + len) (len ≥ 4), or NOT_FOUND: scan. */
  private findSmall(b: Uint8Array, s: number, len: number): number {
    if (this.smallFor !== this.entries) this.buildSmall();
    const bv = cellView(b);
    const first = bv.getInt32(s, true);
    const ent = this.small[smallSlot(first, len)] - 1;
    if (ent < 0) return NOT_FOUND;
    if (
      this.eLen[ent] !== len ||
      this.smallFirst[ent] !== first ||
      this.smallLast[ent] !== bv.getInt32(s + len - 4, true)
    )
      return NOT_FOUND;
    // First and last four bytes cover up to eight; longer values compare the bytes between.
    if (len > 8) {
      const src = this.src!;
      const o = this.eStart[ent];
      for (let k = 4; k < len - 4; k++) if (src[o + k] !== b[s + k]) return NOT_FOUND;
    }
    return this.eCode[ent];
  }
  /** Code of bytes not in the byte table: deferred (see stage) or decoded and matched now. */
  private newValue(b: Uint8Array, s: number, e: number): number {
    // A value also held by `index` (trimmed or text-path cells) must be found there: decode.
    const units =
      this.plain && !this.eager && this.index.size === 0 ? this.deferLength(b, s, e) : -1;
    if (units > 0) return this.defer(b, s, e, units);
    const text = this.decode(b, s, e);
    const m = this.match(text);
    return m === null ? -1 : this.codeOfValue(m.value, m.known, m.value === text);
  }
  /** Are bytes [s, e) of the table's buffer above the last entry's (byte order)? */
  private above(b: Uint8Array, s: number, e: number): boolean {
    const src = this.src!;
    const last = this.entries - 1;
    const o = this.eStart[last];
    const l = this.eLen[last];
    const len = e - s;
    const m = len < l ? len : l;
    let k = 0;
    if (m >= 4) {
      // Four bytes at a time, read big-endian: the unsigned words compare as the bytes do.
      const bv = cellView(b);
      const sv = this.ownBytes ? this.srcView() : cellView(src);
      for (; k + 4 <= m; k += 4) {
        const x = bv.getUint32(s + k);
        const y = sv.getUint32(o + k);
        if (x !== y) return x > y;
      }
    }
    for (; k < m; k++) {
      const x = b[s + k];
      const y = src[o + k];
      if (x !== y) return x > y;
    }
    return len > l;
  }
  /**
   * Cells will come from reused buffers: entries keep copies of their bytes (see ownBytes).
   * Call before the first writeBytes.
   */
  ownBuffers(): void {
    this.ownBytes = true;
    this.src = new Uint8Array(tune.srcStart);
    this.srcLen = 0;
    this.slots = new Int32Array(4096);
  }
  /**
   * keep(), deferLength() and hashBytes() in one pass over bytes [s, e) (own buffers: `fuse`;
   * Shift_JIS counts its characters in a second loop), four bytes per load and store: the bytes
   * are kept at the old srcLen, their hash is left in `cellHash`; returns deferLength's answer.
   * A caller that does not use the kept bytes sets srcLen back. Byte by byte, the copy and the
   * count were a tenth of the import and the hash a second pass over the cell.
   */
  private keepCounting(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    const at = this.srcLen;
    if (at + len > this.src!.length) this.growKept(at, len);
    const bv = cellView(b);
    const sv = this.srcView();
    // Continuation bytes (10xxxxxx) are not UTF-16 units; a 4-byte lead (11110xxx) is two.
    let cont = 0;
    let four = 0;
    let h = 0x811c9dc5 ^ len;
    let i = s;
    let o = at;
    for (const e4 = e - 3; i < e4; i += 4, o += 4) {
      const w = bv.getInt32(i, true);
      sv.setInt32(o, w, true);
      const hi = w & 0x80808080;
      if (hi !== 0) {
        // Bit 7 of each byte: set and its bit 6 clear (continuation); bits 7–4 set (4-byte lead).
        cont += Math.imul((hi & ~(w << 1)) >>> 7, 0x01010101) >>> 24;
        four |= hi & (w << 1) & (w << 2) & (w << 3);
      }
      // As hashBytes.
      h = Math.imul(h ^ w, 0x9e3779b1);
      h ^= h >>> 15;
    }
    const src = this.src!;
    for (; i < e; i++, o++) {
      const c = b[i];
      src[o] = c;
      cont += (c >> 7) & ~(c >> 6) & 1;
      four |= c & (c << 1) & (c << 2) & (c << 3) & 0x80;
      h = Math.imul(h ^ c, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    this.cellHash = h ^ (h >>> 16);
    this.srcLen = at + len;
    // Shift_JIS: characters are counted from their first bytes, in order (a trail byte may
    // look like a lead): deferLength's loop, over bytes now in the cache.
    if (this.encoding !== 'utf-8') return this.deferLength(b, s, e);
    let units = len - cont;
    if (four !== 0) for (let k = s; k < e; k++) if (b[k] >= 0xf0) units++;
    const c0 = b[s];
    if (c0 <= 0x20 || c0 === 0x3d || c0 === 0x2b || c0 === 0x2d || c0 === 0x40) return -1;
    // The last character's first byte.
    let last = e - 1;
    while (last > s && (b[last] & 0xc0) === 0x80) last--;
    if (units <= 8 || b[last] <= 0x20 || utf8Space(b, s, true) || utf8Space(b, last, false))
      return -1;
    return units;
  }
  /** hashBytes of the cell keepCounting kept last. */
  private cellHash = 0;
  private srcDv: DataView | null = null;
  private srcDvOf: Uint8Array | null = null;
  /** A DataView of `src` (made again when src is replaced). */
  private srcView(): DataView {
    const src = this.src!;
    if (src !== this.srcDvOf) {
      this.srcDvOf = src;
      this.srcDv = new DataView(src.buffer, src.byteOffset, src.byteLength);
    }
    return this.srcDv!;
  }
  /** Copy bytes [s, s + len) of b to the end of the sink's own buffer; their offset there. */
  private keep(b: Uint8Array, s: number, len: number): number {
    let src = this.src!;
    const at = this.srcLen;
    if (at + len > src.length) src = this.growKept(at, len);
    for (let k = 0; k < len; k++) src[at + k] = b[s + k];
    this.srcLen = at + len;
    return at;
  }
  /** The kept bytes grown to hold `len` more after `at` (see keep). */
  private growKept(at: number, len: number): Uint8Array {
    const src = this.src!;
    // Grown to what the rows so far project for the rows expected (codes' length), so a
    // column of unique values is copied about once rather than at every doubling.
    const rows = Math.max(1, this.hi);
    const projected = Math.ceil(((at + len) / rows) * this.codes.length * 1.05);
    // The plan's size (from the file's head), once, when it holds these bytes: a buffer of
    // that length may have been faulted in elsewhere (memory).
    const hint = this.keptGrown ? 0 : this.keptHint;
    this.keptGrown = true;
    const n =
      hint >= at + len && hint > src.length ? hint : Math.max(src.length * 2, at + len, projected);
    const b = this.take(n);
    const grown = b ? new Uint8Array(b) : new Uint8Array(n);
    grown.set(src.subarray(0, at));
    this.src = grown;
    return grown;
  }
  /** Add an entry without placing it in the slots (placeAll does, when a probe needs them). */
  private append(s: number, len: number, code: number): void {
    const ent = this.entries++;
    if (ent >= this.eStart.length) this.growEntries(ent);
    this.eStart[ent] = s;
    this.eLen[ent] = len;
    this.eCode[ent] = code;
  }
  private growEntries(ent: number): void {
    let cap = Math.max(1024, ent * 2);
    // A mostly-unique column (ids, names) will need an entry per row: size for them at once.
    if (ent >= tune.uniqueFrom && ent * 2 > this.written && cap < this.codes.length + 1) {
      cap = this.codes.length + 1;
      // …and a code per entry (the sorted path's new values, the lazy path's provisional codes).
      this.growCodes(cap);
    }
    const use = this.inUse();
    this.eStart = this.grow32(this.eStart, cap, use.eStart);
    this.eLen = this.grow32(this.eLen, cap, use.eLen);
    this.eHash = this.grow32(this.eHash, cap, use.eHash);
    this.eCode = this.grow32(this.eCode, cap, use.eCode);
    // Packed values take their UTF-16 lengths in pUnits (writeBytes): eUnits is not written.
    if (!this.packed) this.eUnits = this.grow32(this.eUnits, cap, use.eUnits);
  }
  /**
   * `a` grown to at least `need`, as growI32; `fromMemory`: a buffer of the new length is taken
   * from `memory` when one has arrived (its pages already faulted in).
   */
  private grow32(a: Int32Array, need: number, fromMemory = true): Int32Array {
    if (need <= a.length) return a;
    const n = Math.max(need, a.length * 2);
    const b = fromMemory ? this.take(n * 4) : null;
    const g = b ? new Int32Array(b) : new Int32Array(n);
    g.set(a);
    return g;
  }
  private take(bytes: number): ArrayBuffer | null {
    const m = this.memory;
    if (!m?.takeSink || bytes < tune.minLength) return null;
    const b = m.takeSink(bytes);
    if (b) this.fromMemory.add(b);
    return b;
  }
  /**
   * Which of the sink's arrays this column's mode writes (and so faults in): a sorted column
   * (ids) appends entries without hashes, a lazy one (names) every field, a probing one (an
   * unsorted key) all but the UTF-16 lengths, plus its slots. The plan (sinkBuffers) and the
   * moves (adopt) ask for these only, so buffers of one length go where they are used.
   */
  private inUse() {
    const probing = !this.ascending && !this.lazy;
    return {
      eStart: true,
      eLen: true,
      eCode: true,
      eHash: !this.ascending,
      eUnits: this.lazy && !this.packed,
      slots: probing,
    };
  }
  /** Use memory faulted in elsewhere for this sink's arrays (see `memory`). */
  useMemory(memory: ColumnMemory): void {
    this.memory = memory;
    this.keptHint = memory.keptBytes?.(this.field.id) ?? 0;
  }
  /**
   * The arrays of this sink worth faulting in ahead (by byte length), for a file like the one
   * whose head it has read: those grown to the column's capacity, endLazy's scratch for a lazy
   * column, and the kept bytes projected for `rows` (its `keptBytes`, 0 = none). A plan only
   * (importStream.ts blockSinkPlan); the import sizes the same way from the same head.
   */
  sinkBuffers(): { sizes: number[]; keptBytes: number } {
    const sizes: number[] = [];
    const cap = this.eStart.length;
    if (cap < tune.minLength || this.entries * 2 <= this.written) return { sizes, keptBytes: 0 };
    const use = this.inUse();
    for (const k of ['eStart', 'eLen', 'eHash', 'eCode', 'eUnits'] as const)
      if (use[k]) sizes.push(cap * 4);
    if (this.packed)
      for (const a of [this.pOff, this.pLen, this.pUnits])
        if (a.length >= tune.minLength) sizes.push(a.byteLength);
    if (this.flags.length >= tune.minLength) sizes.push(this.flags.byteLength);
    if (use.slots && this.slots.length >= tune.minLength) sizes.push(this.slots.byteLength);
    // endLazy's arrays, taken at the entries' length (order, into, renum) and four times it (rec).
    if (this.lazy) sizes.push(cap * 16, cap * 4, cap * 4, cap * 4);
    let keptBytes = 0;
    if (this.ownBytes && this.hi > 0) {
      // 10% over what the head's rows project for the column's capacity, in 64 KB steps.
      const projected = (this.srcLen / this.hi) * this.codes.length * 1.1;
      keptBytes = Math.ceil(projected / 65536) * 65536;
      if (keptBytes > this.src!.length) sizes.push(keptBytes);
      else keptBytes = 0;
    }
    return { sizes, keptBytes };
  }
  /** Int32Array(n) for endLazy: a view of a buffer taken at `per` × the entries' length, else fresh. */
  /**
   * Codes [0, size) renumbered: those kept (into[c] < 0) in order, each merged one onto the code
   * it was merged into (into[c], always an earlier code); the dictionary, flags and packed
   * bytes moved down to match. Returns `renum` (old code → new), filled.
   */
  private renumber(into: Int32Array, renum: Int32Array): Int32Array {
    const { dict, flags, packed, pOff, pLen, pUnits } = this;
    const size = this.size;
    let next = 0;
    for (let c = 0; c < size; c++) {
      const t = into[c];
      if (t < 0) {
        renum[c] = next;
        // A packed value's slot is not read (its bytes are; see addCode).
        if (!packed || pLen[c] === 0) dict[next] = dict[c];
        flags[next] = flags[c];
        if (packed) {
          pOff[next] = pOff[c];
          pLen[next] = pLen[c];
          pUnits[next] = pUnits[c];
        }
        next++;
      } else {
        renum[c] = renum[t];
        // A merged code was a repeat's provisional code: packed when written, not any more.
        if (packed && pLen[c] > 0) this.packedN--;
      }
    }
    // Codes [next, size) are capacity again: no stale values past the end.
    dict.fill('', next, size);
    if (packed) pLen.fill(0, next, size);
    this.size = next;
    return renum;
  }

  private scratch32(n: number, per = 1): Int32Array {
    const cap = this.eStart.length * per;
    const b = n <= cap ? this.take(cap * 4) : null;
    return b ? new Int32Array(b, 0, n) : new Int32Array(n);
  }
  /**
   * Move the arrays in use that are at their capacity into `memory`'s buffers (copying what
   * they hold); true when every one of them is there.
   */
  private moveOwn(): boolean {
    if (this.eStart.length < tune.minLength) return false;
    const use = this.inUse();
    let done = true;
    const move32 = (a: Int32Array, used: number): Int32Array => {
      if (a.length < tune.minLength || this.fromMemory.has(a.buffer)) return a;
      const b = this.take(a.byteLength);
      if (!b) {
        done = false;
        return a;
      }
      const m = new Int32Array(b);
      m.set(a.subarray(0, used));
      return m;
    };
    const E = this.entries;
    this.eStart = move32(this.eStart, E);
    this.eLen = move32(this.eLen, E);
    this.eCode = move32(this.eCode, E);
    if (use.eHash) this.eHash = move32(this.eHash, E);
    if (use.eUnits) this.eUnits = move32(this.eUnits, E);
    if (use.slots) this.slots = move32(this.slots, this.slots.length);
    if (this.packed) {
      this.pOff = move32(this.pOff, this.size);
      this.pLen = move32(this.pLen, this.size);
      this.pUnits = move32(this.pUnits, this.size);
    }
    const f = this.flags;
    if (f.length >= tune.minLength && !this.fromMemory.has(f.buffer)) {
      const b = this.take(f.byteLength);
      if (b) {
        this.flags = new Uint8Array(b);
        this.flags.set(f.subarray(0, this.size));
      } else done = false;
    }
    const src = this.src;
    if (this.ownBytes && src && src.length === this.keptHint && !this.fromMemory.has(src.buffer)) {
      const b = this.take(src.byteLength);
      if (b) {
        this.src = new Uint8Array(b);
        this.src.set(src.subarray(0, this.srcLen));
      } else if (src.length === this.keptHint) done = false;
    }
    return done;
  }
  /** Hash and place the entries appended since the last probe. */
  private placeAll(): void {
    if (this.placed === this.entries) return;
    const src = this.src!;
    for (let ent = this.placed; ent < this.entries; ent++)
      this.eHash[ent] = hashBytes(src, this.eStart[ent], this.eLen[ent]);
    if (this.entries * 4 > this.slots.length) {
      let size = Math.max(4096, this.slots.length);
      while (size < (this.entries + 1) * 4) size *= 2;
      if (this.entries > tune.uniqueFrom && this.entries * 2 > this.written)
        while (size < this.codes.length * 4) size *= 2;
      const slots = this.slotsOf(size);
      for (let ent = 0; ent < this.entries; ent++) this.place(slots, ent, this.eHash[ent]);
      this.slots = slots;
    } else
      for (let ent = this.placed; ent < this.entries; ent++)
        this.place(this.slots, ent, this.eHash[ent]);
    this.placed = this.entries;
  }
  private stored(row: number, code: number): CellProblem {
    this.codes[row] = code;
    this.lastMissing = code < 0;
    if (code < 0) return null;
    const f = this.flags[code];
    if (f === 1) return { code: 'bad_category', warning: true, stored: true };
    if (f === 2) return { code: 'formula_cell', warning: true, stored: true };
    return null;
  }
  /** Code of the last stored row (for duplicate-key checks). */
  codeAt(row: number): number {
    return this.codes[row];
  }
  /**
   * `cells` cells of this column were stored by the byte scan (DirectCells.cats, spellings this
   * sink had stored) at rows below `rows`: counted as writeBytes counts the cells it is given,
   * so the sink sizes its arrays and plans its buffers (sinkBuffers) as if it had read them.
   */
  wroteDirect(cells: number, rows: number): void {
    this.written += cells;
    if (rows > this.hi) this.hi = rows;
  }
  /**
   * Merge the provisional entries: the first entry of each byte string keeps its code, later
   * ones give theirs up, and the dictionary closes ranks — the codes and dictionary the probing
   * path gives, which numbers values in order of first use.
   */
  private endLazy(): void {
    this.lazy = false;
    const E = this.entries;
    if (this.lazyFrom === E) return;
    // Its scratch taken here (from the sink's memory where it has some), not in mergeLazy: the
    // warm-up parses without memory, and a first call to it inside mergeLazy threw away the
    // import worker's compiled mergeLazy at the import's finish, compiled again on the critical
    // path (~60–90 ms of compiler CPU in Chromium; session 39).
    const into = this.scratch32(this.size);
    const merged = this.mergeLazy(E, this.scratch32(4 * E, 4), this.scratch32(E), into);
    if (merged > 0) this.renumberLazy(E, into, this.scratch32(this.size));
    // Placed again on the next probe.
    this.slots = new Int32Array(0);
    this.placed = 0;
    this.lazyFrom = this.entries;
  }
  /**
   * endLazy's matching, in the scratch it was given (rec: 4 per entry, order: E, into: size):
   * into[c] = the code that c merges into (-1: keeps its own), repeats' entries marked
   * NOT_FOUND. Returns how many entries were repeats.
   */
  private mergeLazy(
    E: number,
    rec: Int32Array,
    order: Int32Array,
    intoScratch: Int32Array,
  ): number {
    const src = this.src!;
    const { eStart, eLen, eHash, eCode } = this;
    // Entries before lazyFrom are hashed (placeAll ran) and distinct, so earlier than any repeat.
    let bits = 0;
    while (E >> (bits + 11) > 0 && bits < 16) bits++;
    const parts = 1 << bits;
    const partOf = (h: number) => (bits === 0 ? 0 : h >>> (32 - bits));
    const start = new Int32Array(parts + 1);
    for (let e = 0; e < E; e++) start[partOf(eHash[e]) + 1]++;
    let most = 0;
    for (let p = 0; p < parts; p++) {
      if (start[p + 1] > most) most = start[p + 1];
      start[p + 1] += start[p];
    }
    // Entries by part, as records (hash, offset, length, code) in entry order, and the entry of
    // each: a part's loop reads its records in sequence and the bytes of two entries only when
    // hash and length match (a part's entries are spread over the whole entry arrays: reading
    // their lengths, offsets and codes there was a cache miss each, three or four per repeat).
    const fill = start.slice(0, parts);
    for (let e = 0; e < E; e++) {
      const h = eHash[e];
      const k = fill[partOf(h)]++;
      const r = k << 2;
      rec[r] = h;
      rec[r + 1] = eStart[e];
      rec[r + 2] = eLen[e];
      rec[r + 3] = eCode[e];
      order[k] = e;
    }
    const sv = this.ownBytes
      ? this.srcView()
      : new DataView(src.buffer, src.byteOffset, src.byteLength);
    // Per part, in entry order: a table of (index into order) + 1 by hash, small enough for the cache.
    let size = 16;
    while (size < most * 2) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    /** Old code → the code it merges into (-1: keeps its own). */
    const into = intoScratch.fill(-1);
    let merged = 0;
    for (let p = 0; p < parts; p++) {
      table.fill(0);
      for (let k = start[p]; k < start[p + 1]; k++) {
        const r = k << 2;
        const h = rec[r];
        for (let slot = h & mask; ; slot = (slot + 1) & mask) {
          const g = table[slot] - 1;
          if (g < 0) {
            table[slot] = k + 1;
            break;
          }
          const q = g << 2;
          if (rec[q] !== h) continue;
          const len = rec[r + 2];
          if (rec[q + 2] !== len) continue;
          const o = rec[r + 1];
          const fo = rec[q + 1];
          let i = 0;
          while (i + 4 <= len && sv.getInt32(fo + i) === sv.getInt32(o + i)) i += 4;
          while (i < len && src[fo + i] === src[o + i]) i++;
          if (i < len) continue;
          // A repeat: its code (if any) merges into the first entry's.
          const c = rec[r + 3];
          if (c >= 0 && c !== rec[q + 3]) into[c] = rec[q + 3];
          eCode[order[k]] = NOT_FOUND;
          merged++;
          break;
        }
      }
    }
    // Decode the first entry of each value its bytes spell (in batches, see stageValue); packed
    // values were packed as they came (writeBytes), repeats give theirs up below.
    const eUnits = this.eUnits;
    if (!this.packed)
      for (let e = this.lazyFrom; e < E; e++)
        if (eUnits[e] > 0 && eCode[e] !== NOT_FOUND)
          this.stageValue(src, eStart[e], eStart[e] + eLen[e], eUnits[e], eCode[e]);
    this.flush();
    return merged;
  }
  /** Renumber after mergeLazy: kept codes in order, merged ones onto theirs (an earlier code). */
  private renumberLazy(E: number, into: Int32Array, renumScratch: Int32Array): void {
    const { eStart, eLen, eHash, eCode } = this;
    const renum = this.renumber(into, renumScratch);
    const codes = this.codes;
    for (let r = 0; r < this.hi; r++) if (codes[r] >= 0) codes[r] = renum[codes[r]];
    let w = 0;
    for (let e = 0; e < E; e++) {
      if (eCode[e] === NOT_FOUND) continue;
      eStart[w] = eStart[e];
      eLen[w] = eLen[e];
      eHash[w] = eHash[e];
      eCode[w] = eCode[e] >= 0 ? renum[eCode[e]] : eCode[e];
      w++;
    }
    this.entries = w;
    this.smallFor = -1;
    for (const [v, c] of this.seen) if (c >= 0) this.seen.set(v, renum[c]);
    this.all = null;
    this.allUpTo = 0;
  }
  /** sjisRespelledCount() when this sink started. */
  private readonly respelledAt = sjisRespelledCount();
  /**
   * Codes whose values are equal merged into the first of them, as endLazy merges repeated
   * bytes: CP932 spells a few hundred characters two or three ways (≒ 81 E0 and 87 90, Ⅱ 87 55
   * and FA 4B, 纊 FA 5C and ED 40), and values are keyed by their bytes, so a file holding both
   * spellings of one text gave it two dictionary entries (a category counted as two, a segment
   * rule's matches split) where the string path and a file of one spelling give one. Only
   * columns with an entry holding such a pair are looked at; the codes and dictionary are then
   * those of the file written one way. The account key's codes were read while importing (the
   * duplicate check): a key spelled two ways throws Utf8Error, so the file is read by the
   * string path, which compares keys by text.
   */
  private mergeRespelled(rows: number): void {
    const src = this.src;
    const E = this.entries;
    if (!src || E === 0) return;
    const { eStart, eLen, eCode } = this;
    // Entries holding a second spelling, by their bytes written as Windows writes them.
    const groups = new Map<string, number>();
    const lengths = new Set<number>();
    const respelled = new Uint8Array(E);
    for (let e = 0; e < E; e++) {
      if (eCode[e] < 0 || !holdsRespelled(src, eStart[e], eStart[e] + eLen[e])) continue;
      respelled[e] = 1;
      lengths.add(eLen[e]);
      const k = windowsSpelling(src, eStart[e], eStart[e] + eLen[e]);
      const f = groups.get(k);
      if (f === undefined || eCode[e] < f) groups.set(k, eCode[e]);
    }
    if (groups.size === 0) return;
    // The entries those spell (same length: each pair is respelled by a pair), and the first
    // code of each text. Only an entry whose value is its bytes' text can be split this way:
    // a matched or trimmed value is found by its text when written (codeOfValue), so values
    // equal ⟺ bytes equal once written as Windows writes them.
    for (let e = 0; e < E; e++) {
      if (respelled[e] || eCode[e] < 0 || !lengths.has(eLen[e])) continue;
      const k = windowsSpelling(src, eStart[e], eStart[e] + eLen[e]);
      const f = groups.get(k);
      if (f !== undefined && eCode[e] < f) groups.set(k, eCode[e]);
    }
    const size = this.size;
    const into = new Int32Array(size).fill(-1);
    let merged = 0;
    for (let e = 0; e < E; e++) {
      const c = eCode[e];
      if (c < 0 || (!respelled[e] && !lengths.has(eLen[e]))) continue;
      const f = groups.get(windowsSpelling(src, eStart[e], eStart[e] + eLen[e]));
      if (f !== undefined && f !== c && into[c] < 0) {
        into[c] = f;
        merged++;
      }
    }
    if (merged === 0) return;
    if (this.codesRead && !this.eager) throw new Utf8Error(-1);
    // Renumber as endLazy does: kept codes in order, merged ones onto theirs (an earlier code).
    const renum = this.renumber(into, new Int32Array(size));
    // Every row built: the scan stores a category's known spellings itself (CategoryCells),
    // past the rows the sink was given (hi).
    const codes = this.codes;
    const hi = Math.max(this.hi, rows);
    for (let r = 0; r < hi; r++) if (codes[r] >= 0) codes[r] = renum[codes[r]];
    for (let e = 0; e < E; e++) if (eCode[e] >= 0) eCode[e] = renum[eCode[e]];
    this.all = null;
    this.allUpTo = 0;
  }
  /**
   * What the entries already know of the packed values, so that a parallel import's merge need
   * not read their bytes again (stringBytes): `ascending` when code c is entry c, every value
   * packed where its entry's bytes are (and the entries came in strictly ascending byte order:
   * the sorted path's check); else, UTF-8 only, each packed value's hash (its entry's, where the
   * entry is those very bytes, else hashed here). An entry holds a valid hash once the column
   * left the sorted path (placeAll hashed every entry then; later ones are hashed as written).
   */
  private packedFacts(): { ascending?: true; hashes?: Int32Array } {
    const { eStart, eLen, eCode, pOff, pLen, size } = this;
    const E = this.entries;
    // (Shift_JIS values reach the merge as UTF-8 bytes, in another order and with other hashes.)
    if (this.encoding !== 'utf-8') return {};
    if (this.ascending) {
      if (E !== size) return {};
      for (let e = 0; e < E; e++)
        if (eCode[e] !== e || pLen[e] !== eLen[e] || pLen[e] === 0 || pOff[e] !== eStart[e])
          return {};
      return { ascending: true };
    }
    const hashes = new Int32Array(size);
    const done = new Uint8Array(size);
    const eHash = this.eHash;
    for (let e = 0; e < E; e++) {
      const c = eCode[e];
      if (c < 0 || done[c] || pLen[c] === 0 || pLen[c] !== eLen[e] || pOff[c] !== eStart[e])
        continue;
      hashes[c] = eHash[e];
      done[c] = 1;
    }
    const src = this.src!;
    for (let c = 0; c < size; c++)
      if (!done[c] && pLen[c] > 0) hashes[c] = hashBytes(src, pOff[c], pLen[c]);
    return { hashes };
  }
  /** As NumberSink.keepRoom (only for a build with no row dropped). */
  keepRoom = false;
  /** build() adds packedFacts to the packed values (a part of a parallel import). */
  mergeFacts = false;
  build(n: number, dropped = true): Column {
    if (this.lazy) this.endLazy();
    releaseCellView();
    this.flush();
    // A Shift_JIS pair that respells a character was read since this sink started (the parser
    // counts them, sjisRespelled): values it keyed apart by their bytes may be one text.
    if (this.encoding === 'shift_jis' && sjisRespelledCount() !== this.respelledAt)
      this.mergeRespelled(n);
    const codes = this.keepRoom && !dropped ? this.codes.subarray(0, n) : fit(this.codes, n);
    // With no row overwritten every entry is used, in order of first use: nothing to compact.
    // The column takes the dictionary itself (a sink is done once built: no copy).
    if (!dropped) {
      const dict = this.dict;
      if (dict.length > this.size) dict.length = this.size;
      if (this.packedN === 0) {
        if (dict.length < this.size) dict.length = this.size;
        return { type: 'string', codes, dict };
      }
      const { src, pOff, pLen, pUnits, size, encoding } = this;
      this.packedN = 0;
      const col = packedDictColumn(codes, () => {
        // Slots of packed values were left unwritten while importing (see growCodes).
        if (dict.length < size) dict.length = size;
        fillPacked(dict, size, src!, pOff, pLen, pUnits, encoding);
        return dict;
      });
      // The values as bytes, for a parallel import's merge (parallelImport.ts: valueBytes).
      // Every key always there: one object shape for the code that reads them (dictBytesOf's
      // code compiled at the warm-up was thrown away, "wrong map", when the import's first
      // values came with facts the warm-up's had not; session 39).
      const facts: { ascending?: true; hashes?: Int32Array } = this.mergeFacts
        ? this.packedFacts()
        : {};
      const packed: PackedValues = {
        src: src!,
        srcLen: this.srcLen,
        pOff,
        pLen,
        pUnits,
        size,
        dict,
        encoding,
        ascending: facts.ascending,
        hashes: facts.hashes,
      };
      Object.defineProperty(col, 'packedValues', { value: packed });
      return col;
    }
    this.unpack();
    // Rows that were overwritten (skipped) can leave unused dictionary entries: drop them.
    const used = new Int32Array(this.size).fill(-1);
    const dict: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c < 0) continue;
      let u = used[c];
      if (u < 0) {
        u = used[c] = dict.length;
        dict.push(this.dict[c]);
      }
      codes[i] = u;
    }
    return { type: 'string', codes, dict };
  }
}

let cellDv: DataView | null = null;
let cellOf: Uint8Array | null = null;
/**
 * A DataView of b's bytes (four-byte loads). Cached by the view itself (its buffer and offset
 * getters cost more than the loads they would save); a block import makes one per block.
 */
function cellView(b: Uint8Array): DataView {
  if (b !== cellOf) {
    cellOf = b;
    cellDv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  return cellDv!;
}
/**
 * Forget the cached view: it would keep the import's last buffer — a whole file of hundreds of
 * MB in the one-pass import — alive after the import, in a worker that stays for the next one.
 */
function releaseCellView(): void {
  cellOf = null;
  cellDv = null;
}
/** The bytes cellView's cache holds (tests: nothing once a column is built). */
export function cellViewHeld(): Uint8Array | null {
  return cellOf;
}

/**
 * Does the UTF-8 character at i start with bytes of white space that trim() removes (U+00A0,
 * U+1680, U+2000–U+205F, U+3000, U+FEFF) or, `first`, a full-width formula start (＝＋－＠)?
 * Conservative: a few other characters sharing those bytes answer yes too.
 */
function utf8Space(b: Uint8Array, i: number, first: boolean): boolean {
  const c = b[i];
  if (c < 0xc2) return false;
  const c1 = b[i + 1];
  switch (c) {
    case 0xc2:
      return c1 === 0xa0;
    case 0xe1:
      return c1 === 0x9a;
    case 0xe2:
      return c1 === 0x80 || c1 === 0x81;
    case 0xe3:
      return c1 === 0x80 && b[i + 2] === 0x80;
    case 0xef:
      return c1 === 0xbb || (first && c1 === 0xbc);
    default:
      return false;
  }
}

const NOT_FOUND = -2;

/**
 * Are a's len bytes at ao those of b at bo? One function for the probe and the few-values scan:
 * its loop's type feedback comes from the probe's many calls, so a scan that compares bytes for
 * the first time after the warm-up (the import's data, not the head's) does not throw writeBytes'
 * compiled code away ("insufficient type feedback for unary operation" in both workers at
 * ~0.3 s into the import, then 40–50 ms of compiling it again; session 39).
 */
function sameBytes(a: Uint8Array, ao: number, b: Uint8Array, bo: number, len: number): boolean {
  let k = 0;
  while (k < len && a[ao + k] === b[bo + k]) k++;
  return k === len;
}
/** StringSink.small's slot of a cell of `len` bytes starting with the four (little-endian) `first`. */
function smallSlot(first: number, len: number): number {
  return Math.imul(first ^ len, 0x9e3779b1) >>> 27;
}
/** Tables of at most this many entries are searched entry by entry, without hashing (categories). */
const SCAN_ENTRIES = 8;

/**
 * A built column's values still as bytes (non-enumerable `packedValues` on the column): code c
 * is bytes [pOff[c], pOff[c] + pLen[c]) of src (pUnits[c] UTF-16 units) when pLen[c] > 0, else
 * dict[c].
 */
export interface PackedValues {
  src: Uint8Array;
  /** Bytes of src in use (past it, src is free: dictBytesOf encodes unpacked values there). */
  srcLen: number;
  pOff: Int32Array;
  pLen: Int32Array;
  pUnits: Int32Array;
  size: number;
  dict: string[];
  encoding: ByteEncoding;
  /** Code c is the c-th value in strictly ascending byte order, every value packed (sorted ids). */
  ascending?: true;
  /** hashBytes of each packed value's bytes (pLen[c] > 0; UTF-8, not ascending). */
  hashes?: Int32Array;
}

/**
 * Decode the packed values (codes [0, size) with pLen > 0; their bytes in src at pOff) into
 * dict, in batches of about STAGE_BYTES per TextDecoder call; values whose bytes follow each
 * other in src (ids in file order) are decoded where they are, others are copied together first.
 */
export function fillPacked(
  dict: string[],
  size: number,
  src: Uint8Array,
  pOff: Int32Array,
  pLen: Int32Array,
  pUnits: Int32Array,
  encoding: ByteEncoding,
): void {
  const dec =
    encoding === 'shift_jis'
      ? (sjisDecoder ??= new TextDecoder('shift_jis'))
      : (utf8Decoder ??= new TextDecoder());
  let stage: Uint8Array | null = null;
  let c = 0;
  while (c < size) {
    if (pLen[c] === 0) {
      c++;
      continue;
    }
    // Codes [c, k): a batch. Contiguous in src: a view; else copied to the stage.
    const from = pOff[c];
    let end = from + pLen[c];
    let k = c + 1;
    while (k < size && end - from < STAGE_BYTES && (pLen[k] === 0 || pOff[k] === end)) {
      end += pLen[k];
      k++;
    }
    let bytes: Uint8Array;
    if (k < size && pLen[k] > 0 && end - from < STAGE_BYTES) {
      // Not contiguous: gather [c, k') into the stage instead.
      stage ??= new Uint8Array(STAGE_BYTES);
      let o = 0;
      k = c;
      while (k < size && (pLen[k] === 0 || o + pLen[k] <= stage.length || o === 0)) {
        const len = pLen[k];
        if (len > 0) {
          if (len > stage.length) {
            const big = new Uint8Array(len);
            big.set(stage.subarray(0, o));
            stage = big;
          }
          const at = pOff[k];
          for (let i = 0; i < len; i++) stage[o + i] = src[at + i];
          o += len;
        }
        k++;
      }
      bytes = stage.subarray(0, o);
    } else bytes = src.subarray(from, end);
    const text = dec.decode(bytes);
    let pos = 0;
    for (let j = c; j < k; j++) {
      if (pLen[j] === 0) continue;
      const u = pUnits[j];
      dict[j] = text.substring(pos, pos + u);
      pos += u;
    }
    c = k;
  }
}
/**
 * When a string sink sizes its entries for the column's capacity (a mostly-unique column past
 * `uniqueFrom` entries), how large its kept bytes start, and the arrays it takes from faulted
 * memory (at least `minLength` elements). Tests lower them so small files take every path.
 */
const tune = { uniqueFrom: 4096, srcStart: 1 << 16, minLength: SINK_MIN_LENGTH };
/** Tests: other thresholds (see `tune`). Returns the previous ones. */
export function setSinkTuning(t: Partial<typeof tune>): typeof tune {
  const was = { ...tune };
  Object.assign(tune, t);
  return was;
}
/** Bytes of pending values decoded per TextDecoder call (see stageValue): 1 MB measured ~5% faster overall than 64 KB (fewer calls), no different from 256 KB or 4 MB. */
let STAGE_BYTES = 1 << 20;
/** Tests: a tiny stage, so that values cross many batches. Returns the previous size. */
export function setStageBytes(n: number): number {
  const was = STAGE_BYTES;
  STAGE_BYTES = n;
  return was;
}
let encoder: TextEncoder | undefined;
let utf8Decoder: TextDecoder | undefined;
let sjisDecoder: TextDecoder | undefined;

/**
 * Over bytes [s, s + len), four bytes per multiply (the multiply chain is what a byte-at-a-time
 * FNV-1a waits on), mixed.
 */
export function hashBytes(b: Uint8Array, s: number, len: number): number {
  let h = 0x811c9dc5 ^ len;
  let i = s;
  const e = s + len;
  for (const e4 = e - 3; i < e4; i += 4) {
    h = Math.imul(h ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)), 0x9e3779b1);
    h ^= h >>> 15; // high bits back down, or bytes 3, 7, … would share 8 bits
  }
  for (; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  // FNV's low bits depend only on the bytes' low bits; the table indexes by low bits: mix (murmur3 fmix32).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A sink for a field; `encoding`: how the bytes given to writeBytes are encoded. */
export function makeSink(field: Field, capacity: number, encoding: ByteEncoding = 'utf-8'): Sink {
  switch (field.type) {
    case 'number':
    case 'integer':
      return new NumberSink(field, capacity, 'number', encoding);
    case 'date':
      return new NumberSink(field, capacity, 'date', encoding);
    case 'boolean':
      return new BooleanSink(field, capacity, encoding);
    default:
      return new StringSink(field, capacity, encoding);
  }
}

export { StringSink, NumberSink, BooleanSink };

export { packedDictColumn };
