import { useTranslation } from 'react-i18next';
import type { StorageProblem } from '../../store/storageErrors';
import { Button, Dialog } from '../common';
import { problemText } from './SaveStatus';

/** Leaving a project whose edits could not be stored: export, discard on purpose, retry or stay. */
export function LeaveDialog({
  name,
  problem,
  onExport,
  onDiscard,
  onRetry,
  onStay,
}: {
  name: string;
  problem: StorageProblem;
  onExport: () => void;
  onDiscard: () => void;
  onRetry: () => void;
  onStay: () => void;
}) {
  const { t } = useTranslation('shell');
  return (
    <Dialog
      open
      role="alertdialog"
      wide
      title={t('leave.title')}
      onClose={onStay}
      testId="leave-dialog"
      footer={
        <>
          <Button variant="ghost" data-testid="leave-stay" onClick={onStay}>
            {t('leave.stay')}
          </Button>
          <Button data-testid="leave-retry" onClick={onRetry}>
            {t('leave.retry')}
          </Button>
          <Button variant="danger" data-testid="leave-discard" onClick={onDiscard}>
            {t('leave.discard')}
          </Button>
          <Button variant="primary" data-testid="leave-export" onClick={onExport}>
            {t('leave.export')}
          </Button>
        </>
      }
    >
      <p>{t('leave.body', { name, reason: problemText(t, problem) })}</p>
    </Dialog>
  );
}
