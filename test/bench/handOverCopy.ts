/**
 * The page's share of handing a run's typed arrays to a worker, in node: each 1 MB piece copied
 * into a fresh buffer (`detach`, what the run worker's client did until session 27) against a
 * copy into a pool buffer the receiver hands back (`SpareBuffers`). The receiver's side (placing
 * the piece into the whole array) is not timed. Arrays like a million-account run's: 40 Float64
 * columns (measures' raw values and points, dimensions, total, coverage…) and 30 Uint8 ones.
 *
 *   npx tsx test/bench/handOverCopy.ts [rows=1000000] [rounds=3]   (alternates the two)
 */
import { detach, placeSpare, split, SpareBuffers, place } from '../../src/workers/pieces';

const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const value = {
  f: Array.from({ length: 40 }, (_, k) => new Float64Array(rows).fill(k + 0.5)),
  u: Array.from({ length: 30 }, (_, k) => new Uint8Array(rows).fill(k)),
};
const { skeleton, pieces } = split(value);

function run(pool: boolean): number {
  const spares = new SpareBuffers();
  const into = structuredClone(skeleton);
  let ms = 0;
  for (const p of pieces) {
    const t = performance.now();
    const { piece, transfer } = pool ? spares.detach(p) : detach(p);
    ms += performance.now() - t;
    const got = structuredClone(piece, { transfer });
    if (pool) {
      const back = placeSpare(into, got);
      if (back) spares.give(structuredClone(back, { transfer: [back] }));
    } else place(into, got);
  }
  return ms;
}

for (let r = 0; r < rounds; r++)
  for (const pool of r % 2 ? [true, false] : [false, true])
    console.log(
      JSON.stringify({
        copy: pool ? 'spare buffers' : 'fresh buffer',
        pieces: pieces.length,
        pageMs: Math.round(run(pool)),
      }),
    );
