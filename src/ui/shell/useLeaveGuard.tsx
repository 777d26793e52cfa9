import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { closeProject, currentSession, type CloseHow } from '../../store/openProject';
import { projectStore } from '../../store/projectStore';
import { useOpenProject } from '../common/useProject';
import { notify } from '../common';
import { exportProject } from '../projects/projectIo';
import { LeaveDialog } from './LeaveDialog';
import { DEFAULT_VIEW, navigate, routeHash, type Route } from './routes';
import { useSaveStatus } from './useSaveStatus';

const awayFrom = (route: Route, openId: string | undefined) =>
  openId !== undefined && (route.kind === 'list' || route.id !== openId);

/**
 * Leaving the open project (Back, the brand link, another project's address) closes it, unless
 * that would lose edits: after a storage error the user is asked first (export, discard, retry or
 * stay); during a conflict, a deletion elsewhere or an unreadable stored copy, the dialog already
 * on screen must be answered first. Either way the address goes back to the project.
 * Returns the route to show and the dialog to render.
 */
export function useLeaveGuard(route: Route): { shown: Route; dialog: ReactNode } {
  const { t } = useTranslation('shell');
  useSaveStatus(); // re-render when the blocking state changes
  const open = useOpenProject();
  const openId = open?.id;
  const [home, setHome] = useState<Route | null>(null);
  const [attempt, setAttempt] = useState<Route | null>(null);
  const [releasing, setReleasing] = useState(false);
  const away = awayFrom(route, openId);
  const blockedNow = away && !releasing && currentSession()?.blocked != null;
  const back: Route =
    home && home.kind === 'project' && home.id === openId
      ? home
      : { kind: 'project', id: openId ?? '', view: DEFAULT_VIEW };

  useEffect(() => {
    if (route.kind === 'project' && route.id === openId) setHome(route);
  }, [route, openId]);

  useEffect(() => {
    if (!away || releasing) return;
    const block = (state: string) => {
      // Push the project back on top rather than overwrite the entry Back went to: the list's
      // entry stays, so a later Back (once nothing is at stake) still leaves.
      history.pushState(history.state, '', routeHash(back));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      if (state === 'error') setAttempt(route);
      else notify({ kind: 'info', text: t('leave.chooseFirst') });
    };
    const blocked = currentSession()?.blocked;
    if (blocked) return block(blocked.state);
    // Another project's route: its workspace opens it, which closes this one first.
    if (route.kind === 'list')
      void closeProject().then((r) => {
        if (!r.closed) block(r.state.state);
      });
    // `back` and `t` follow `route`/`openId`; re-running on them alone would repeat the close.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route, openId, away, releasing]);

  /** Close as the user chose, then go where they were going. */
  const leave = async (target: Route, how: CloseHow) => {
    setAttempt(null);
    setReleasing(true);
    try {
      const r = await closeProject(how);
      if (r.closed) navigate(target);
    } finally {
      setReleasing(false);
    }
  };

  const s = currentSession()?.blocked;
  const dialog =
    attempt && s?.state === 'error' ? (
      <LeaveDialog
        name={projectStore.current?.meta.name ?? ''}
        problem={s.problem}
        onExport={() => {
          if (projectStore.current) exportProject(projectStore.current);
          void leave(attempt, 'keep-journal');
        }}
        onDiscard={() => void leave(attempt, 'discard')}
        onRetry={() =>
          void currentSession()
            ?.retry()
            .then(() => {
              if (!currentSession()?.blocked) void leave(attempt, 'save');
            })
        }
        onStay={() => setAttempt(null)}
      />
    ) : null;

  return { shown: releasing ? { kind: 'list' } : blockedNow ? back : route, dialog };
}
