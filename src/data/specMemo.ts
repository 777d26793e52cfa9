/**
 * The last plan made from a file's head, kept for the same inputs: the preview plans a file's
 * ranges from its first megabyte (what to fault in, the warm-up), and the import at the click
 * planned the same file from the same head again (the detection, 13–73 ms on the 2-core host,
 * on the import's critical path). A hit needs the same head bytes, byte for byte, and the same
 * other inputs; what it returns is a copy, so a caller's change cannot reach the next one.
 */

/**
 * A key for plain data (objects, arrays, strings, numbers, booleans, null): `undefined` keeps a
 * place of its own (`{ a: undefined }` is not `{}`: a spread of it differs). Null when a value is
 * not plain data (a function, a class instance such as a Map): no key, no memo.
 */
export function plainKey(value: unknown): string | null {
  let plain = true;
  let text: string;
  try {
    text = JSON.stringify(value, function (this: Record<string, unknown>, k: string, v: unknown) {
      // (The holder's own value: a Date's toJSON has already made `v` a string.)
      const raw = k === '' && !(k in this) ? v : this[k];
      if (raw === undefined) return '\u0000undefined';
      if (typeof raw === 'function' || typeof raw === 'bigint' || typeof raw === 'symbol') {
        plain = false;
        return null;
      }
      if (typeof raw === 'number' && !Number.isFinite(raw)) return `\u0000${raw}`;
      if (raw !== null && typeof raw === 'object') {
        const proto = Object.getPrototypeOf(raw);
        if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
          plain = false;
          return null;
        }
      }
      return v;
    });
  } catch {
    return null;
  }
  return plain ? text : null;
}

/** Are two byte arrays the same bytes? */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  const n = a.length;
  if (b.length !== n) return false;
  // Four bytes at a time where both are aligned (a megabyte: well under a millisecond).
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const w = n >> 2;
    const x = new Int32Array(a.buffer, a.byteOffset, w);
    const y = new Int32Array(b.buffer, b.byteOffset, w);
    for (let i = 0; i < w; i++) if (x[i] !== y[i]) return false;
    for (let i = w * 4; i < n; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One remembered result of a function of (bytes, plain inputs). */
export interface LastMemo<T> {
  /** The remembered result (a copy) for these bytes and key, else undefined. */
  get(bytes: Uint8Array, key: string): T | undefined;
  /** Remember `value` (a copy) for these bytes and key; not if it does not copy. */
  set(bytes: Uint8Array, key: string, value: T): void;
  /** How many gets found their result, and how many did not (tests, the benchmark). */
  stats: { hits: number; misses: number };
}

export function lastMemo<T>(): LastMemo<T> {
  let last: { bytes: Uint8Array; key: string; value: T } | null = null;
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    get(bytes, key) {
      if (last && last.key === key && sameBytes(last.bytes, bytes)) {
        stats.hits++;
        return structuredClone(last.value);
      }
      stats.misses++;
      return undefined;
    },
    set(bytes, key, value) {
      try {
        // A copy of the bytes too: the caller's may be a view of memory that is reused.
        last = { bytes: bytes.slice(), key, value: structuredClone(value) };
      } catch {
        last = null;
      }
    },
  };
}
