import { useSyncExternalStore } from 'react';
import { saveStatus, type SaveState } from '../../store/saveStatus';

export function useSaveStatus(): SaveState {
  return useSyncExternalStore(saveStatus.subscribe, () => saveStatus.current);
}

/** Why the crash journal could not be written (null while it can). */
export function useJournalProblem(): string | null {
  return useSyncExternalStore(saveStatus.subscribe, () => saveStatus.journalProblem);
}
