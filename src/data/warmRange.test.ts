import { describe, expect, it } from 'vitest';
import { warmRange } from './parallelImport';
import { demoContract, utf8 } from './testing/helpers';
import { generateDemoTable } from './demo/generate';
import { tableToCsv } from './tableCsv';

describe('warmRange', () => {
  const csv = tableToCsv(generateDemoTable({ rows: 8_000, seed: 3 }), demoContract, {
    headers: 'ja',
  });
  const head = utf8(csv).slice(0, 1 << 20);

  it('runs a head through a range parse without the room for the whole file', async () => {
    // The head of a 185 MB file: a first range's room would be ≈1M rows per column (>100 MB).
    const before = process.memoryUsage().arrayBuffers;
    await warmRange(head, 185_000_000, 'big.csv', demoContract, {}, 2);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 << 20);
  });

  it('does nothing, and throws nothing, for what would not be read in streamed ranges', async () => {
    await expect(warmRange(head, 185_000_000, 'big.json', demoContract, {}, 2)).resolves.toBe(
      undefined,
    );
    await expect(warmRange(head, head.length, 'small.csv', demoContract, {}, 2)).resolves.toBe(
      undefined,
    );
    await expect(
      warmRange(new Uint8Array([0x61, 0x2c]), 185_000_000, 'x.csv', demoContract, {}, 2),
    ).resolves.toBe(undefined);
  });
});
