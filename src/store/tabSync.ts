/**
 * Tab-to-tab notices over BroadcastChannel: "project P was saved at rev R by tab W", "the list
 * changed", "P was deleted". Receivers re-read IndexedDB; the notice carries no document.
 */
export type TabMessage =
  | { type: 'saved'; projectId: string; rev: number; writer: string }
  | { type: 'deleted'; projectId: string }
  | { type: 'list' };

const CHANNEL = 'waymark-projects';
let channel: BroadcastChannel | null | undefined;
const listeners = new Set<(m: TabMessage) => void>();

function ch(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    if (channel) channel.onmessage = (e: MessageEvent<TabMessage>) => deliver(e.data);
  }
  return channel;
}

function deliver(m: TabMessage) {
  for (const l of listeners) l(m);
}

export function broadcast(m: TabMessage): void {
  try {
    ch()?.postMessage(m);
  } catch {
    /* a closed channel during unload: the other tab re-reads on focus anyway */
  }
}

export function onTabMessage(l: (m: TabMessage) => void): () => void {
  ch();
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Tests: close the channel so the process can exit, and forget listeners. */
export function resetTabSyncForTests(): void {
  channel?.close();
  channel = undefined;
  listeners.clear();
}
