import { describe, expect, it } from 'vitest';
import { RangeSplit, stolenFrom } from './rangeSplit';

describe('RangeSplit', () => {
  it('gives up the second half of what is unread, only when asked and enough is left', async () => {
    const s = new RangeSplit(undefined, 100);
    expect(s.answer(0, 1000)).toBeNull(); // nobody asked
    const asked = s.ask();
    expect(s.answer(200, 1000)).toBe(600);
    await expect(asked).resolves.toBe(600);
    expect(s.answer(600, 1000)).toBeNull(); // answered once
    const again = s.ask();
    expect(s.answer(950, 1000)).toBeNull(); // 50 left: under the minimum
    await expect(again).resolves.toBeNull();
    const exact = s.ask();
    expect(s.answer(900, 1000)).toBe(950); // 100 left: the minimum
    await expect(exact).resolves.toBe(950);
  });

  it('gives up more than half by the finish still to come on what it read', async () => {
    const s = new RangeSplit(undefined, 100);
    void s.ask();
    // 2,000 unread, 11,000 read: half of 2,000 and 11,000 × 0.1 / 2.2 = 500 more.
    expect(s.answer(11_000, 13_000, 0)).toBe(11_500);
    void s.ask();
    // Never all of it: the range keeps at least a byte past where it has read.
    expect(s.answer(50_000, 50_200, 0)).toBe(50_001);
  });

  it('answers null once the range has ended, to a request waiting and to any later', async () => {
    const s = new RangeSplit(undefined, 1);
    const waiting = s.ask();
    s.end();
    await expect(waiting).resolves.toBeNull();
    await expect(s.ask()).resolves.toBeNull();
    expect(s.answer(0, 100)).toBeNull();
  });

  it('sends a request where the range runs when it runs elsewhere', async () => {
    const s = new RangeSplit();
    s.forward = () => Promise.resolve(1234);
    await expect(s.ask()).resolves.toBe(1234);
  });
});

describe('stolenFrom', () => {
  const text = 'a,1\nbb,22\nccc,333\n' + 'x'.repeat(200_000) + '\nlast\n';
  const bytes = new TextEncoder().encode(text);
  const read = async (from: number, to: number) => bytes.slice(from, to);
  it('starts the range given up after the first line feed at or after the split less one', async () => {
    // Just after a line feed: there (the range before ends there too).
    expect(await stolenFrom(read, 4, bytes.length)).toBe(4);
    // Inside a line: after its line feed (where the range before finishes its record).
    expect(await stolenFrom(read, 5, bytes.length)).toBe(10);
    expect(await stolenFrom(read, 9, bytes.length)).toBe(10);
    expect(await stolenFrom(read, 10, bytes.length)).toBe(10);
    // A line longer than the first window read (64 KB): the windows grow until a line feed.
    expect(await stolenFrom(read, 20, bytes.length)).toBe(text.indexOf('\nlast') + 1);
    // No line feed before the range's end: nothing left to take over.
    expect(await stolenFrom(read, 20, 1000)).toBe(1000);
  });
});
