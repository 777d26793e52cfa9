/**
 * A run's account keys as stored (runStore.ts: the key list, a record per piece of rows). Pure:
 * no IndexedDB.
 *
 * Forms of a stored piece:
 * - `{ ascii, count }` (runs stored from 2026-12-04): when every key is ASCII without NUL, the keys'
 *   bytes separated by NUL bytes. Built in the pass that hashes the keys, without joining a
 *   million strings first (`Array.prototype.join` took 250–600 ms of a 1M-account append);
 * - `{ joined, count }`: the keys joined with NUL (runs stored before, and keys that are not all
 *   ASCII);
 * - `string[]`: when a key holds NUL itself.
 * All three read back as the same keys; the content id (hash) is the same for all three, so a run
 * stored now shares the key list of an earlier run of the same accounts stored in another form.
 */
export type KeyPiece =
  { ascii: Uint8Array; count: number } | { joined: string; count: number } | string[];

export interface PackedKeys {
  piece: KeyPiece;
  /** hash64 of the NUL-joined keys, seeded (runCodec.hashAndCount gives the same). */
  hash: string;
  /** Some key holds NUL (then only a stored array can hold the same keys). */
  nul: boolean;
  /** Bytes as IndexedDB keeps the joined text: one a character when all are Latin-1, else two. */
  bytes: number;
}

/** Keys [from, to) as a stored piece, its content hash and size, in one pass over the characters. */
export function packKeys(
  ids: readonly string[],
  from: number,
  to: number,
  seed: number,
): PackedKeys {
  const count = Math.max(0, to - from);
  let len = count > 0 ? count - 1 : 0;
  for (let i = from; i < to; i++) len += ids[i].length;
  const out = new Uint8Array(len);
  let h1 = 0x811c9dc5 ^ seed;
  let h2 = 0x9747b28c;
  let nul = false;
  let ascii = true;
  let wide = false;
  let at = 0;
  for (let i = from; i < to; i++) {
    if (i > from) {
      // the separator, NUL: hashed as runCodec.hashAndCount hashes the joined text
      h1 = Math.imul(h1, 0x01000193);
      h2 = Math.imul(h2, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      out[at++] = 0;
    }
    const s = ids[i];
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      out[at++] = c;
      if (c === 0 || c > 0x7f) {
        ascii = false;
        if (c === 0) nul = true;
        else if (c > 0xff) wide = true;
      }
    }
  }
  const hash = (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  const piece: KeyPiece = nul
    ? ids.slice(from, to)
    : ascii
      ? { ascii: out, count }
      : { joined: joinKeys(ids, from, to), count };
  return { piece, hash, nul, bytes: len * (wide ? 2 : 1) };
}

/** ids[from..to) joined with NUL, in slices (one join over a million strings is several times slower). */
function joinKeys(ids: readonly string[], from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i += 4096)
    parts.push(ids.slice(i, Math.min(to, i + 4096)).join('\u0000'));
  return parts.join('\u0000');
}

/** Whether a stored piece holds exactly keys [from, to) of `ids` (nul: as packKeys found it). */
export function samePiece(
  stored: KeyPiece,
  ids: readonly string[],
  from: number,
  to: number,
  nul: boolean,
): boolean {
  const count = Math.max(0, to - from);
  if (Array.isArray(stored)) {
    if (stored.length !== count) return false;
    for (let k = 0; k < count; k++) if (stored[k] !== ids[from + k]) return false;
    return true;
  }
  // A key holding NUL is always stored as an array: a joined form cannot hold the same keys.
  if (nul || stored.count !== count) return false;
  let at = 0;
  if ('ascii' in stored) {
    const b = stored.ascii;
    for (let i = from; i < to; i++) {
      if (i > from) {
        if (b[at] !== 0) return false;
        at++;
      }
      const s = ids[i];
      if (at + s.length > b.length) return false;
      for (let j = 0; j < s.length; j++) if (b[at + j] !== s.charCodeAt(j)) return false;
      at += s.length;
    }
    return at === b.length;
  }
  const j = stored.joined;
  for (let i = from; i < to; i++) {
    if (i > from) {
      if (j.charCodeAt(at) !== 0) return false;
      at++;
    }
    const s = ids[i];
    if (!j.startsWith(s, at)) return false;
    at += s.length;
  }
  return at === j.length;
}

/** A stored piece as the joined text (or the array): what the key look-ups search. */
export function joinedForm(p: KeyPiece): { joined: string; count: number } | string[] {
  if (Array.isArray(p) || !('ascii' in p)) return p;
  return { joined: new TextDecoder().decode(p.ascii), count: p.count };
}

/** Append a stored piece's keys to `into`. */
export function unpackKeys(p: KeyPiece, into: string[]): void {
  const x = joinedForm(p);
  const xs = Array.isArray(x) ? x : x.count === 0 ? [] : x.joined.split('\u0000');
  for (let i = 0; i < xs.length; i++) into.push(xs[i]);
}
