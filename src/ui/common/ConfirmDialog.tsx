import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog } from './Dialog';

/** Ask before something that cannot be undone. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
  testId,
  canConfirm = true,
  extra,
}: {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  /** false: there is nothing to do (the body says why), so only the cancel button is offered. */
  canConfirm?: boolean;
  /** A further choice, drawn between cancel and confirm. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      role="alertdialog"
      testId={testId}
      footer={
        <>
          <Button onClick={onCancel} data-testid="confirm-cancel">
            {t('cancel')}
          </Button>
          {extra}
          {canConfirm && (
            <Button
              variant={danger ? 'danger' : 'primary'}
              onClick={onConfirm}
              data-testid="confirm-ok"
            >
              {confirmLabel}
            </Button>
          )}
        </>
      }
    >
      {children}
    </Dialog>
  );
}
