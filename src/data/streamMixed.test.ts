import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportOptions } from './';
import { Utf8Error } from './csvBytes';
import { MixedEncodingScan } from './encoding';
import { planStream, streamChunks, PLAN_HEAD_BYTES } from './importStream';
import { demoContract, utf8 } from './testing/helpers';

const hex = (h: string) => h.split(' ').map((x) => parseInt(x, 16));
const validSjis = (b: Uint8Array) => {
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
/**
 * Name pieces, all valid Shift_JIS: ASCII, kanji and kana (合 ソ ｱ), UTF-8 that is valid
 * Shift_JIS too (会商; ア = E3 82 A2, really UTF-8: it reads as Shift_JIS with a half-width
 * kana), and, quoted only, a line feed.
 */
const PIECES = ['41', '8d 87', '83 5c', 'b1', 'e4 bc 9a e5 95 86', 'e3 82 a2'].map(hex);

/**
 * The check fed by blocks, as streamChunks fed it before session 35: after which block (1-based)
 * the file is refused whatever follows (0: none), and its verdict after the last.
 */
function byBlocks(blocks: Uint8Array[]) {
  const m = new MixedEncodingScan();
  for (let k = 0; k < blocks.length; k++) {
    m.feed(blocks[k]);
    if (m.certain) return { certainAt: k + 1, mixed: true };
  }
  return { certainAt: 0, mixed: m.mixed() };
}

describe('streamChunks on a detected Shift_JIS file (the mixed-encoding check by records)', () => {
  it('refuses a mixed file at the block where the check fed by blocks refused it, before that block’s rows', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(fc.nat(PIECES.length), { maxLength: 12 }), fc.boolean()), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (rows, sizes, lastLf, limited, utf8ish) => {
          const out = [
            ...utf8('account_id,company_name,mrr\nA0,'),
            ...hex('8d 87'),
            ...utf8(',0\n'),
          ];
          rows.forEach(([picks, quoted], k) => {
            out.push(...utf8(`A${k + 1},`));
            if (quoted) out.push(0x22);
            // (utf8ish: names of 会商 and ASCII, so that UTF-8 lines may outnumber the others.)
            for (const p of picks)
              if (utf8ish && p < PIECES.length) out.push(...PIECES[p % 2 === 0 ? 0 : 4]);
              else if (p < PIECES.length) out.push(...PIECES[p]);
              else if (quoted) out.push(0x0a);
            if (quoted) out.push(0x22);
            out.push(...utf8(`,${k}\n`));
          });
          if (!lastLf) out.pop();
          const bytes = new Uint8Array(out);
          if (!validSjis(bytes) || bytes.length > PLAN_HEAD_BYTES) return;
          // A small row limit: some rows are too long (the stream stops there, or skips a runaway).
          const opts: ImportOptions = limited ? { limits: { maxRowBytes: 30 } } : {};
          const plan = planStream(bytes, 'm.csv', demoContract, opts);
          expect(plan?.encoding).toBe('shift_jis');
          const blocks: Uint8Array[] = [];
          for (let i = 0, k = 0; i < bytes.length; k++) {
            blocks.push(bytes.slice(i, i + sizes[k % sizes.length]));
            i += sizes[k % sizes.length];
          }
          let pulled = 0;
          const counted = async function* () {
            for (const b of blocks) {
              pulled++;
              yield b;
            }
          };
          const yields: number[] = [];
          let thrownAt = 0;
          let badBytes = false;
          try {
            const it = streamChunks(plan!, counted(), opts);
            for (let r = await it.next(); !r.done; r = await it.next()) yields.push(pulled);
          } catch (e) {
            if (!(e instanceof Utf8Error)) throw e;
            thrownAt = pulled;
            badBytes = e.offset >= 0;
          }
          const want = byBlocks(blocks);
          if (badBytes) {
            // The parse's own Utf8Error (a runaway row read up to a block end inside a
            // character): where the blocks' check had not refused the file yet, as before.
            expect(want.certainAt === 0 || thrownAt <= want.certainAt).toBe(true);
            return;
          }
          // (With the row limit the stream may stop at a row too long, before any verdict.)
          if (want.certainAt > 0 && (thrownAt > 0 || pulled >= want.certainAt)) {
            refused++;
            expect(thrownAt).toBe(want.certainAt);
            expect(yields.every((p) => p < want.certainAt)).toBe(true);
          } else if (want.mixed && (!limited || thrownAt > 0)) {
            refused++;
            expect(thrownAt).toBe(blocks.length);
            expect(yields.length).toBeLessThanOrEqual(blocks.length);
          } else if (!limited) expect(thrownAt).toBe(0);
        },
      ),
      { numRuns: 800 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('goes on by blocks after a runaway row (too long, its bytes dropped): a UTF-8 line in it still refuses the file', async () => {
    // Row A1 opens a quote and runs past the limit; inside it, a line of UTF-8 ア (really UTF-8).
    const a = hex('e3 82 a2');
    const bytes = new Uint8Array([
      ...utf8('account_id,company_name,mrr\nA0,'),
      ...hex('8d 87'),
      ...utf8(',0\nA1,"'),
      ...Array.from({ length: 20 }, () => hex('8d 87')).flat(),
      0x0a,
      ...a,
      ...a,
      0x0a,
      ...utf8('x",1\nA2,y,2\n'),
    ]);
    const opts: ImportOptions = { limits: { maxRowBytes: 30 } };
    for (const size of [4, 8, 16]) {
      const blocks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) blocks.push(bytes.slice(i, i + size));
      const want = byBlocks(blocks);
      expect(want.certainAt).toBeGreaterThan(0);
      let pulled = 0;
      const counted = async function* () {
        for (const b of blocks) {
          pulled++;
          yield b;
        }
      };
      const it = streamChunks(planStream(bytes, 'r.csv', demoContract, opts)!, counted(), opts);
      await expect(
        (async () => {
          for (let r = await it.next(); !r.done; r = await it.next());
        })(),
      ).rejects.toBeInstanceOf(Utf8Error);
      expect(pulled, `blocks of ${size}`).toBe(want.certainAt);
    }
  });
});
