/**
 * Undo/redo keys, decided in one pure function so it is tested without a browser:
 * Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo. Inputs are controlled by the store, so
 * the keys go to the store even while typing (one typing burst is one step). An element can
 * keep the browser's own undo with `data-native-undo`.
 */
export type HistoryKey = 'undo' | 'redo' | null;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function historyKey(e: KeyLike): HistoryKey {
  if (e.altKey || !(e.ctrlKey || e.metaKey)) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && e.ctrlKey && !e.shiftKey) return 'redo';
  return null;
}
