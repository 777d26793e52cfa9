// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareRelease, releaseOnHide, type ReleaseSink } from './releaseOnHide';

const MB = 1 << 20;

afterEach(() => vi.useRealTimers());

/** `pagehide` as the browser fires it (jsdom has no PageTransitionEvent constructor). */
function pageHide(persisted: boolean): void {
  window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted }));
}

describe('prepareRelease', () => {
  it('makes the sink once, while idle, and releases at pagehide only when the page is not kept', () => {
    vi.useFakeTimers();
    const col = new Float64Array(MB / 8).fill(3);
    releaseOnHide(() => ({ values: col }));
    const posted: Transferable[][] = [];
    const sink: ReleaseSink = { postMessage: (_m, transfer) => posted.push(transfer) };
    const make = vi.fn(() => sink);
    prepareRelease(make);
    prepareRelease(make);
    // Not made in the call (the data's arrival): later, in a task of its own.
    expect(make).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(make).toHaveBeenCalledTimes(1);
    // Kept in the back/forward cache: nothing handed over, the page works on with its data.
    pageHide(true);
    expect(posted).toEqual([]);
    expect(col[0]).toBe(3);
    // Shown again, then left for good: the big buffer goes to the sink.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    pageHide(false);
    expect(posted).toEqual([[col.buffer]]);
  });
});
