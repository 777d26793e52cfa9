import { useEffect } from 'react';
import { projectStore } from '../../store/projectStore';
import { historyKey } from './keyboard';

export function useHistoryKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = historyKey(e);
      if (!action || !projectStore.current) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest?.('[data-native-undo]')) return;
      e.preventDefault();
      if (action === 'undo') projectStore.undo();
      else projectStore.redo();
    };
    // Capture: runs before an input's own handling of the keys.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
