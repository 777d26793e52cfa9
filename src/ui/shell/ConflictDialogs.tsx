import { useTranslation } from 'react-i18next';
import { PROJECT_SCHEMA_VERSION } from '../../model';
import { currentSession } from '../../store/openProject';
import { projectStore } from '../../store/projectStore';
import { Button, Dialog, downloadText } from '../common';
import { exportProject } from '../projects/projectIo';
import { navigate } from './routes';
import { useSaveStatus } from './useSaveStatus';

/**
 * Two tabs edited the same project, another tab deleted it, or stored it in a form this build
 * cannot read: the user chooses, nothing is dropped silently. The dialogs cannot be dismissed
 * without a choice.
 */
export function ConflictDialogs() {
  const s = useSaveStatus();
  const { t } = useTranslation('shell');
  const name = projectStore.current?.meta.name ?? '';
  const exportMine = () => projectStore.current && exportProject(projectStore.current);
  if (s.state === 'conflict') {
    return (
      <Dialog
        open
        role="alertdialog"
        wide
        title={t('conflict.title')}
        onClose={() => {}}
        testId="conflict-dialog"
        footer={
          <>
            <Button data-testid="conflict-export-mine" onClick={exportMine}>
              {t('conflict.exportMine')}
            </Button>
            <Button
              data-testid="conflict-take-theirs"
              onClick={() => currentSession()?.takeTheirs()}
            >
              {t('conflict.takeTheirs')}
            </Button>
            <Button
              variant="primary"
              data-testid="conflict-keep-mine"
              onClick={() => void currentSession()?.keepMine()}
            >
              {t('conflict.keepMine')}
            </Button>
          </>
        }
      >
        <p>{t('conflict.body', { name })}</p>
        <dl className="conflict-versions">
          <dt>{t('conflict.mine')}</dt>
          <dd data-testid="conflict-mine-name">{name}</dd>
          <dt>{t('conflict.theirs')}</dt>
          <dd data-testid="conflict-theirs-name">{s.theirs.meta.name}</dd>
        </dl>
      </Dialog>
    );
  }
  if (s.state === 'deleted') {
    return (
      <Dialog
        open
        role="alertdialog"
        title={t('deleted.title')}
        onClose={() => {}}
        testId="deleted-dialog"
        footer={
          <>
            <Button data-testid="conflict-export-mine" onClick={exportMine}>
              {t('conflict.exportMine')}
            </Button>
            <Button
              variant="danger"
              data-testid="deleted-discard"
              onClick={() => {
                // Drop the in-memory copy; leaving for the list closes the project (nothing to save).
                currentSession()?.discard();
                navigate({ kind: 'list' });
              }}
            >
              {t('deleted.discard')}
            </Button>
            <Button
              variant="primary"
              data-testid="deleted-restore"
              onClick={() => void currentSession()?.keepMine()}
            >
              {t('deleted.restore')}
            </Button>
          </>
        }
      >
        <p>{t('deleted.body', { name })}</p>
      </Dialog>
    );
  }
  if (s.state === 'unreadable') {
    const exportTheirs = () =>
      downloadText(
        JSON.stringify(s.theirRaw, null, 2),
        `stored-${(projectStore.current?.id ?? 'project').replace(/[^\w.-]/g, '_')}.json`,
        'application/json',
      );
    return (
      <Dialog
        open
        role="alertdialog"
        wide
        title={t('unreadable.title')}
        onClose={() => {}}
        testId="unreadable-dialog"
        footer={
          <>
            <Button data-testid="unreadable-export-theirs" onClick={exportTheirs}>
              {t('unreadable.exportTheirs')}
            </Button>
            <Button data-testid="conflict-export-mine" onClick={exportMine}>
              {t('conflict.exportMine')}
            </Button>
            <Button
              variant="danger"
              data-testid="unreadable-discard"
              onClick={() => {
                currentSession()?.discard();
                navigate({ kind: 'list' });
              }}
            >
              {t('unreadable.discard')}
            </Button>
            <Button
              variant="primary"
              data-testid="unreadable-reload"
              onClick={() => {
                // The edits are journaled first: the reloaded (newer) build offers them back.
                currentSession()?.journalNow();
                location.reload();
              }}
            >
              {t('reload')}
            </Button>
          </>
        }
      >
        <p data-testid="unreadable-body">
          {s.newerVersion
            ? t('unreadable.bodyNewer', {
                name,
                theirs: s.newerVersion,
                ours: PROJECT_SCHEMA_VERSION,
              })
            : t('unreadable.bodyDamaged', { name })}
        </p>
      </Dialog>
    );
  }
  return null;
}
