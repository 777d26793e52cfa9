import { useSyncExternalStore } from 'react';
import { saveStatus, type SaveState } from '../../store/saveStatus';

export function useSaveStatus(): SaveState {
  return useSyncExternalStore(saveStatus.subscribe, () => saveStatus.current);
}
