import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog } from '../common';

export function RenameDialog({
  open,
  title,
  initial,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  initial: string;
  onSubmit: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('projects');
  const [name, setName] = useState(initial);
  useEffect(() => setName(initial), [initial, open]);
  const submit = () => name.trim() && onSubmit(name.trim());
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      testId="rename-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            variant="primary"
            data-testid="rename-ok"
            disabled={!name.trim()}
            onClick={submit}
          >
            {t('common:ok')}
          </Button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span>{t('common:name')}</span>
          <input
            data-testid="rename-input"
            data-native-undo
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
      </form>
    </Dialog>
  );
}
