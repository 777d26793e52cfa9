import { afterEach, describe, expect, it } from 'vitest';
import {
  broadcast,
  CHANNEL,
  createTabChannel,
  onTabMessage,
  resetTabSyncForTests,
  type TabMessage,
} from './tabSync';
import { settle } from './testing/tabs';

// The real BroadcastChannel (Node has one): two channels of one name stand for two tabs.
afterEach(() => resetTabSyncForTests());

describe('tab channel', () => {
  it('delivers a post to the other tab’s listeners, not to its own', async () => {
    const a = createTabChannel('t1');
    const b = createTabChannel('t1');
    const got: [string, TabMessage][] = [];
    a.subscribe((m) => got.push(['a', m]));
    const off = b.subscribe((m) => got.push(['b', m]));
    b.subscribe((m) => got.push(['b2', m]));
    a.post({ type: 'list' });
    await settle();
    expect(got).toEqual([
      ['b', { type: 'list' }],
      ['b2', { type: 'list' }],
    ]);
    off();
    a.post({ type: 'deleted', projectId: 'p' });
    await settle();
    expect(got.slice(2)).toEqual([['b2', { type: 'deleted', projectId: 'p' }]]);
    a.close();
    b.close();
  });

  it('channels of another name hear nothing', async () => {
    const a = createTabChannel('t2');
    const b = createTabChannel('t3');
    const got: TabMessage[] = [];
    b.subscribe((m) => got.push(m));
    a.post({ type: 'list' });
    await settle();
    expect(got).toEqual([]);
    a.close();
    b.close();
  });

  it('a closed channel forgets its listeners and opens again on use', async () => {
    const a = createTabChannel('t4');
    const b = createTabChannel('t4');
    const got: TabMessage[] = [];
    b.subscribe((m) => got.push(m));
    b.close();
    a.post({ type: 'list' });
    await settle();
    expect(got).toEqual([]);
    b.subscribe((m) => got.push(m));
    a.post({ type: 'list' });
    await settle();
    expect(got).toEqual([{ type: 'list' }]);
    a.close();
    b.close();
  });

  it('without BroadcastChannel, posting and listening do nothing and do not throw', () => {
    const c = createTabChannel('t5', null);
    const off = c.subscribe(() => {
      throw new Error('never called');
    });
    expect(() => c.post({ type: 'list' })).not.toThrow();
    off();
    c.close();
  });

  it('a post the channel refuses (closed during unload) is dropped quietly', () => {
    class Refusing {
      onmessage: unknown = null;
      postMessage() {
        throw new Error('InvalidStateError');
      }
      close() {}
    }
    const c = createTabChannel('t6', Refusing as unknown as typeof BroadcastChannel);
    expect(() => c.post({ type: 'list' })).not.toThrow();
  });

  it('opens one BroadcastChannel, under the name asked for', () => {
    const names: string[] = [];
    class Spy {
      onmessage: unknown = null;
      constructor(name: string) {
        names.push(name);
      }
      postMessage() {}
      close() {}
    }
    const c = createTabChannel(undefined, Spy as unknown as typeof BroadcastChannel);
    c.subscribe(() => {});
    c.post({ type: 'list' });
    c.post({ type: 'list' });
    expect(names).toEqual([CHANNEL]);
  });

  it('the page channel: broadcast reaches another tab’s onTabMessage', async () => {
    const other = createTabChannel();
    const got: TabMessage[] = [];
    other.subscribe((m) => got.push(m));
    const mine: TabMessage[] = [];
    const off = onTabMessage((m) => mine.push(m));
    broadcast({ type: 'saved', projectId: 'p', rev: 2, writer: 'w' });
    other.post({ type: 'list' });
    await settle();
    expect(got).toEqual([{ type: 'saved', projectId: 'p', rev: 2, writer: 'w' }]);
    expect(mine).toEqual([{ type: 'list' }]);
    off();
    other.close();
  });

  it('resetting (tests) closes the page channel and forgets its listeners', async () => {
    const other = createTabChannel();
    const mine: TabMessage[] = [];
    onTabMessage((m) => mine.push(m));
    resetTabSyncForTests();
    other.post({ type: 'list' });
    await settle();
    expect(mine).toEqual([]);
    other.close();
  });
});
