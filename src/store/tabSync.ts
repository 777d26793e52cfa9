/**
 * Tab-to-tab notices over BroadcastChannel: "project P was saved at rev R by tab W", "the list
 * changed", "P was deleted". Receivers re-read IndexedDB; the notice carries no document.
 */
export type TabMessage =
  | { type: 'saved'; projectId: string; rev: number; writer: string }
  | { type: 'deleted'; projectId: string }
  | { type: 'list' };

/** What persistence needs of the channel; tests pass an in-memory one (testing/channelHub). */
export interface TabChannel {
  post(m: TabMessage): void;
  subscribe(l: (m: TabMessage) => void): () => void;
}

export const CHANNEL = 'waymark-projects';

type ChannelCtor = new (name: string) => BroadcastChannel;

/**
 * A TabChannel over one BroadcastChannel (opened on first use; none where the browser has no
 * BroadcastChannel, then posts go nowhere and other tabs re-read on their next open).
 */
export function createTabChannel(
  name = CHANNEL,
  Ctor: ChannelCtor | null = globalThis.BroadcastChannel ?? null,
): TabChannel & { close(): void } {
  let channel: BroadcastChannel | null | undefined;
  const listeners = new Set<(m: TabMessage) => void>();
  const ch = (): BroadcastChannel | null => {
    if (channel === undefined) {
      channel = Ctor ? new Ctor(name) : null;
      if (channel)
        channel.onmessage = (e: MessageEvent<TabMessage>) => {
          for (const l of listeners) l(e.data);
        };
    }
    return channel;
  };
  return {
    post(m) {
      try {
        ch()?.postMessage(m);
      } catch {
        /* a closed channel during unload: the other tab re-reads on focus anyway */
      }
    },
    subscribe(l) {
      ch();
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close() {
      channel?.close();
      channel = undefined;
      listeners.clear();
    },
  };
}

let shared = createTabChannel();

/** The page's channel, shared by the list and the open project's session. */
export const tabChannel: TabChannel = {
  post: (m) => shared.post(m),
  subscribe: (l) => shared.subscribe(l),
};

export function broadcast(m: TabMessage): void {
  tabChannel.post(m);
}

export function onTabMessage(l: (m: TabMessage) => void): () => void {
  return tabChannel.subscribe(l);
}

/** Tests: close the channel so the process can exit, and forget listeners. */
export function resetTabSyncForTests(): void {
  shared.close();
  shared = createTabChannel();
}
