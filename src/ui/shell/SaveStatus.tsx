import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { currentSession } from '../../store/openProject';
import type { StorageProblem } from '../../store/storageErrors';
import { Button, dismiss, notify } from '../common';
import { exportProject } from '../projects/projectIo';
import { useJournalProblem, useSaveStatus } from './useSaveStatus';

export function problemText(
  t: (k: string, o?: Record<string, unknown>) => string,
  p: StorageProblem,
): string {
  return p.kind === 'other' ? t('storage.other', { detail: p.detail }) : t(`storage.${p.kind}`);
}

/** "Saved" / "Saving…" / "Could not save: …" with retry and export when saving fails. */
export function SaveStatus() {
  const s = useSaveStatus();
  const { t } = useTranslation('shell');
  const text =
    s.state === 'error'
      ? t('save.error', { reason: problemText(t, s.problem) })
      : t(`save.${s.state}`);
  // Entering the error state: say what to do, once, with export at hand; clear it when saved.
  const shown = useRef<number | null>(null);
  useEffect(() => {
    if (s.state === 'error' && shown.current === null) {
      shown.current = notify({
        kind: 'error',
        text: `${text}. ${t('storage.keep')}`,
        action: {
          label: t('storage.exportNow'),
          run: () => projectStore.current && exportProject(projectStore.current),
        },
      });
    } else if (s.state === 'saved' && shown.current !== null) {
      dismiss(shown.current);
      shown.current = null;
    }
  }, [s.state, text, t]);
  // The emergency copy (localStorage) failed too: say so while it lasts, with export at hand.
  const journalProblem = useJournalProblem();
  const journalMsg = useRef<number | null>(null);
  useEffect(() => {
    if (journalMsg.current !== null) dismiss(journalMsg.current);
    journalMsg.current = journalProblem
      ? notify({
          kind: 'error',
          text: t('journalFailed', { detail: journalProblem }),
          action: {
            label: t('storage.exportNow'),
            run: () => projectStore.current && exportProject(projectStore.current),
          },
        })
      : null;
  }, [journalProblem, t]);
  return (
    <div className={`save-status save-${s.state}`}>
      <span
        data-testid="save-status"
        data-state={s.state}
        role="status"
        title={s.state === 'error' ? t('storage.keep') : undefined}
      >
        <span className="save-dot" aria-hidden="true" />
        {text}
      </span>
      {journalProblem && (
        <span
          className="journal-problem"
          data-testid="journal-problem"
          title={t('journalFailed', { detail: journalProblem })}
        >
          ⚠
        </span>
      )}
      {s.state === 'error' && (
        <>
          <Button
            variant="ghost"
            data-testid="save-retry"
            onClick={() => void currentSession()?.retry()}
          >
            {t('common:retry')}
          </Button>
          <Button
            variant="ghost"
            data-testid="save-export"
            onClick={() => projectStore.current && exportProject(projectStore.current)}
          >
            {t('storage.exportNow')}
          </Button>
        </>
      )}
    </div>
  );
}
