/**
 * Resolves in a task of its own (a MessageChannel message: not clamped to 4 ms as a nested
 * setTimeout is), so input, rendering and other messages queued meanwhile are handled first —
 * in a worker, another part's result. setTimeout where there is no MessageChannel.
 */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
