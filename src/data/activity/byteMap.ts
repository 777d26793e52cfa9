/**
 * Cell bytes → int32, open addressing, with the keys copied into an arena of its own: the
 * activity reader memoises per distinct cell (account key, category, user) the answer the
 * string functions give, so a row costs a hash and a compare instead of a string. Keys
 * outlive the block they came from (blocks are reused or dropped as the file streams).
 *
 * A slot is 4 int32 (16 bytes, four per cache line): a tag (the hash's upper 28 bits and the
 * key's length, 9 = longer than 8), the value XOR ABSENT (so 0 is an empty slot and a new table
 * needs no fill: the zeroed pages are only touched as keys arrive), and either the key's bytes
 * (up to 8, zero-padded) or, for a longer key, its arena offset and length. Keys of up to 8 bytes
 * (most ids and categories) are compared inside the slot: a lookup in a table larger than the
 * cache costs one cache miss (the profile of a million-account import showed the misses), and
 * 16-byte slots halve the table (8 MB for 200k account keys instead of 16).
 */
export const ABSENT = -0x80000000;
const S = 4;
const LONG = 9;

export class ByteMap {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private slots: Int32Array;
  size = 0;

  /** Sized for `expected` keys from the start (no rehash while they are added). */
  constructor(expected = 0) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap * S);
  }

  /** The value stored for bytes [s, e) of b (h = hashBytes of them), or ABSENT. */
  get(b: Uint8Array, s: number, e: number, h: number): number {
    const slots = this.slots;
    const mask = slots.length / S - 1;
    const len = e - s;
    const tag = (h & ~15) | (len > 8 ? LONG : len);
    let w0 = 0,
      w1 = 0;
    if (len <= 8) {
      for (let k = 0; k < len && k < 4; k++) w0 |= b[s + k] << (8 * k);
      for (let k = 4; k < len; k++) w1 |= b[s + k] << (8 * (k - 4));
    }
    for (let slot = (h >>> 4) & mask; ; slot = (slot + 1) & mask) {
      const o = slot * S;
      const v = slots[o + 1] ^ ABSENT;
      if (v === ABSENT) return ABSENT;
      if (slots[o] !== tag) continue;
      if (len <= 8) {
        if (slots[o + 2] === w0 && slots[o + 3] === w1) return v;
        continue;
      }
      if (slots[o + 3] !== len) continue;
      const a = slots[o + 2];
      const arena = this.arena;
      let k = 0;
      while (k < len && arena[a + k] === b[s + k]) k++;
      if (k === len) return v;
    }
  }

  /** Store v (not ABSENT) for bytes [s, e) of b (not already present). */
  set(b: Uint8Array, s: number, e: number, h: number, v: number): void {
    const len = e - s;
    if ((this.size + 1) * 2 > this.slots.length / S) this.rehash();
    let w0 = 0,
      w1 = 0;
    if (len > 8) {
      if (this.used + len > this.arena.length) {
        let cap = this.arena.length * 2;
        while (cap < this.used + len) cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.arena.subarray(0, this.used));
        this.arena = next;
      }
      this.arena.set(b.subarray(s, e), this.used);
      w0 = this.used;
      w1 = len;
      this.used += len;
    } else {
      for (let k = 0; k < len && k < 4; k++) w0 |= b[s + k] << (8 * k);
      for (let k = 4; k < len; k++) w1 |= b[s + k] << (8 * (k - 4));
    }
    const slots = this.slots;
    const mask = slots.length / S - 1;
    let slot = (h >>> 4) & mask;
    while (slots[slot * S + 1] !== 0) slot = (slot + 1) & mask;
    const o = slot * S;
    slots[o] = (h & ~15) | (len > 8 ? LONG : len);
    slots[o + 1] = v ^ ABSENT;
    slots[o + 2] = w0;
    slots[o + 3] = w1;
    this.size++;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / S - 1;
    for (let o = 0; o < old.length; o += S) {
      if (old[o + 1] === 0) continue;
      let slot = (old[o] >>> 4) & mask;
      while (slots[slot * S + 1] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(o, o + S), slot * S);
    }
    this.slots = slots;
  }
}

/** FNV-1a over bytes [s, e), finished with murmur3's fmix32 (the table indexes by low bits). */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return fmix(h);
}

/**
 * hashBytes' finish (murmur3's fmix32). The activity reader's one-pass rows hash a cell while
 * scanning it and finish here, so their hashes equal hashBytes' and find the same entries.
 */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** At most this many digits after the prefix (the number stays an int32). */
const DENSE_DIGITS = 9;

/**
 * Account keys written as one ASCII prefix and a number (`a123`, `C-000123`, `4711`), looked up
 * by that number in an array instead of a hash table: no hash of the bytes, and one read of a
 * 4-byte entry (4 MB for a million keys) instead of a 16-byte slot in a table twice the keys —
 * the cache miss per row that led the profile of a million-account import. A key is found only
 * when the cell's bytes are the prefix then exactly the key's digits (its width is kept, so
 * `a07` is not `a7`); cells of another form answer ABSENT and go the ByteMap's way.
 */
export class DenseKeys {
  /**
   * Set when every key's width follows from its number (none has a leading zero: `c7`, `c12`;
   * or all have the same width: `c0007`, `c0012`): a bit per number then says whether a key has
   * it (num()), a table of an eighth of a bit per byte of entries that the cache keeps.
   */
  private readonly bits: Int32Array | null;
  private constructor(
    private readonly prefix: Uint8Array,
    /** Per number: (value + 1) × 16 + the width of its digits, 0 when no key has the number. */
    private readonly entries: Int32Array,
    /** 0: the keys have no leading zero; W > 0: every key has W digits; -1: neither (no bits). */
    private readonly width: number,
  ) {
    if (width < 0) {
      this.bits = null;
      return;
    }
    const bits = new Int32Array((entries.length >> 5) + 1);
    for (let k = 0; k < entries.length; k++) if (entries[k] !== 0) bits[k >> 5] |= 1 << (k & 31);
    this.bits = bits;
  }

  /** num() can be used: a key's width follows from its number. */
  get numbered(): boolean {
    return this.bits !== null;
  }

  /**
   * From the keys (text → value ≥ 0) that are not empty, have no space and no lone surrogate,
   * or null when fewer than half of them are the one prefix and digits, two of them have the same
   * number (`a7`, `a07`), or the numbers run past 4 × the keys + 1024 (the array stays small).
   */
  static build(keys: Iterable<[string, number]>, count: number): DenseKeys | null {
    const ks: string[] = [];
    const vs: number[] = [];
    for (const [k, v] of keys) {
      ks.push(k);
      vs.push(v);
    }
    return DenseKeys.fromKeys(
      ks.length,
      (i) => ks[i],
      (i) => vs[i],
      count,
    );
  }

  /**
   * build() over keys given by index (keyAt(i) null = no key), without a pair per key: each key
   * is read from its char codes (the prefix is every character before the first digit, the rest
   * must be digits, as /^([^0-9]*)([0-9]+)$/), so a million account keys cost no regex match.
   */
  static fromKeys(
    n: number,
    keyAt: (i: number) => string | null,
    valueAt: (i: number) => number,
    count: number,
  ): DenseKeys | null {
    let prefix: string | null = null;
    // The keys' widths: all without a leading zero, and all of one width (-1: not so).
    let canonical = true;
    let fixed = 0;
    const nums = new Int32Array(n);
    const idx = new Int32Array(n);
    let found = 0;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const k = keyAt(i);
      if (k === null) continue;
      const L = k.length;
      let p = 0;
      while (p < L) {
        const c = k.charCodeAt(p);
        if (c >= 48 && c <= 57) break;
        p++;
      }
      if (p === L) continue;
      let num = 0;
      let q = p;
      for (; q < L; q++) {
        const d = k.charCodeAt(q) - 48;
        if (d < 0 || d > 9) break;
        if (q - p < DENSE_DIGITS) num = num * 10 + d;
      }
      if (q < L) continue; // not digits to the end
      if (prefix === null) {
        prefix = k.slice(0, p);
        if (!/^[\x21-\x2f\x3a-\x7e]*$/.test(prefix)) return null;
      }
      if (p !== prefix.length || L - p > DENSE_DIGITS || !k.startsWith(prefix)) continue;
      const w = L - p;
      if (w > 1 && k.charCodeAt(p) === 48) canonical = false;
      if (fixed === 0) fixed = w;
      else if (fixed !== w) fixed = -1;
      nums[found] = num;
      idx[found++] = i;
      if (num > max) max = num;
    }
    if (prefix === null || found * 2 < count || max > 4 * found + 1024) return null;
    // One int32 per number: (value + 1) × 16 + the digits' width (0 = no key): one read a lookup.
    const entries = new Int32Array(max + 1);
    for (let f = 0; f < found; f++) {
      const num = nums[f];
      if (entries[num] !== 0) return null;
      const v = valueAt(idx[f]);
      if (v < 0 || v >= 2 ** 27 - 1) return null;
      entries[num] = (v + 1) * 16 + (keyAt(idx[f])!.length - prefix.length);
    }
    return new DenseKeys(
      new TextEncoder().encode(prefix),
      entries,
      canonical ? 0 : fixed > 0 ? fixed : -1,
    );
  }

  /**
   * The value of the key bytes [s, e) of b spell, -1 when they are the prefix and digits of no key,
   * ABSENT when they are not the prefix and 1–9 digits.
   */
  get(b: Uint8Array, s: number, e: number): number {
    const p = this.prefix;
    const width = e - s - p.length;
    if (width < 1 || width > DENSE_DIGITS) return ABSENT;
    for (let k = 0; k < p.length; k++) if (b[s + k] !== p[k]) return ABSENT;
    let num = 0;
    for (let i = s + p.length; i < e; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) return ABSENT;
      num = num * 10 + d;
    }
    const entries = this.entries;
    if (num >= entries.length) return -1;
    const x = entries[num];
    return (x & 15) === width && x !== 0 ? (x >> 4) - 1 : -1;
  }

  /**
   * As get(), but the number of the key instead of its value (valueOf gives that later): with
   * `numbered`, whether a key has the number and this width is a bit and a comparison, and the
   * entry (a cache miss per row into a table of 4 bytes per account, which the reader waited for
   * at every row: half of a million-account import) is read later in one tight pass (values()),
   * where the misses overlap. -1: the prefix and digits of no key; ABSENT: not of that form.
   */
  num(b: Uint8Array, s: number, e: number): number {
    const p = this.prefix;
    const width = e - s - p.length;
    if (width < 1 || width > DENSE_DIGITS) return ABSENT;
    for (let k = 0; k < p.length; k++) if (b[s + k] !== p[k]) return ABSENT;
    let num = 0;
    const d0 = s + p.length;
    for (let i = d0; i < e; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) return ABSENT;
      num = num * 10 + d;
    }
    const w = this.width;
    if (w === 0 ? width > 1 && b[d0] === 48 : width !== w) return -1;
    const bits = this.bits!;
    const word = num >> 5;
    return word < bits.length && (bits[word] & (1 << (num & 31))) !== 0 ? num : -1;
  }

  /** Where scan() stopped: after the key's digits. */
  end = 0;

  /**
   * num() for a cell that starts at p (bytes before n) and ends where its digits do (the caller
   * checks that a delimiter or the line's end follows this.end): the number, or -1 (not a key
   * found by number, or not of that form).
   */
  scan(b: Uint8Array, p: number, n: number): number {
    const pre = this.prefix;
    const d0 = p + pre.length;
    if (d0 > n) return -1;
    for (let k = 0; k < pre.length; k++) if (b[p + k] !== pre[k]) return -1;
    let i = d0;
    let num = 0;
    for (; i < n && i - d0 <= DENSE_DIGITS; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      num = num * 10 + d;
    }
    this.end = i;
    const width = i - d0;
    if (width < 1 || width > DENSE_DIGITS) return -1;
    const w = this.width;
    if (w === 0 ? width > 1 && b[d0] === 48 : width !== w) return -1;
    const bits = this.bits!;
    const word = num >> 5;
    return word < bits.length && (bits[word] & (1 << (num & 31))) !== 0 ? num : -1;
  }

  /** The value of a number num() answered. */
  valueOf(num: number): number {
    return (this.entries[num] >> 4) - 1;
  }

  /**
   * a[i] = ~num (a number num() answered, stored bit-flipped: negative) → its value >> shift, for
   * i < n; other entries (≥ 0) are kept. One tight loop: its cache misses overlap.
   */
  values(a: Int32Array, n: number, shift: number): void {
    const entries = this.entries;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      if (x < 0) a[i] = ((entries[~x] >> 4) - 1) >> shift;
    }
  }
}
