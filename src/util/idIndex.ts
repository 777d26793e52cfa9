/**
 * Row of each id of a list of unique ids: an open-addressing table of rows (typed arrays), keyed
 * by a 32-bit hash of the id, strings compared only when hashes meet. Built for a million ids in
 * a fraction of what a Map<string, number> of them costs (the CTA lifecycle's index of the
 * current run's ids was most of its time in the run worker).
 */
export class IdIndex {
  private constructor(
    private readonly ids: readonly string[],
    private readonly slots: Int32Array,
    private readonly hashes: Uint32Array,
  ) {}

  /** The index of `ids`, or null when an id repeats. */
  static of(ids: readonly string[]): IdIndex | null {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    const mask = size - 1;
    // slot → row + 1 (0: empty)
    const slots = new Int32Array(size);
    const hashes = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const s = ids[i];
      const h = hashId(s);
      hashes[i] = h;
      let at = h & mask;
      for (let j = slots[at]; j !== 0; j = slots[at]) {
        if (hashes[j - 1] === h && ids[j - 1] === s) return null;
        at = (at + 1) & mask;
      }
      slots[at] = i + 1;
    }
    return new IdIndex(ids, slots, hashes);
  }

  /** The row of `id`, -1 when it is not in the list. */
  get(id: string): number {
    const mask = this.slots.length - 1;
    const h = hashId(id);
    let at = h & mask;
    for (let j = this.slots[at]; j !== 0; j = this.slots[at]) {
      if (this.hashes[j - 1] === h && this.ids[j - 1] === id) return j - 1;
      at = (at + 1) & mask;
    }
    return -1;
  }
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser (ids that differ in one digit spread). */
export function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
