/**
 * A block reader's carried bytes (the record cut by the previous block's end) joined with the
 * next block, in one work buffer kept from block to block: a new 4 MiB array per block cost page
 * faults and garbage collections. The carry may itself be a view of the work buffer.
 */
export class CarryBuffer {
  private work = new Uint8Array(0);

  join(carry: Uint8Array, block: Uint8Array): Uint8Array {
    if (carry.length === 0) return block;
    const len = carry.length + block.length;
    let w = this.work;
    if (carry.buffer === w.buffer && w.length >= len)
      w.copyWithin(0, carry.byteOffset, carry.byteOffset + carry.length);
    else {
      if (w.length < len) w = this.work = new Uint8Array(Math.max(len, 2 * w.length));
      w.set(carry);
    }
    w.set(block, carry.length);
    return w.subarray(0, len);
  }
}
