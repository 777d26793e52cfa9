import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CtaMark } from '../../model';
import { projectStore } from '../../store/projectStore';
import { Button, Dialog } from '../common';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** Store a mark on a CTA task with the project (one undoable edit; replaces an older mark). */
export function markCta(m: Omit<CtaMark, 'markedAt'>, t: T): void {
  projectStore.edit(t(`queue.cmd.${m.state}`), (d) => {
    const list = (d.ctaMarks ??= []);
    const at = list.findIndex((x) => x.accountId === m.accountId && x.dedupeKey === m.dedupeKey);
    const mark: CtaMark = { ...m, markedAt: new Date().toISOString() };
    if (at >= 0) list[at] = mark;
    else list.push(mark);
  });
}

export function unmarkCta(accountId: string, dedupeKey: string, t: T): void {
  projectStore.edit(t('queue.cmd.reopen'), (d) => {
    d.ctaMarks = (d.ctaMarks ?? []).filter(
      (x) => !(x.accountId === accountId && x.dedupeKey === dedupeKey),
    );
  });
}

/** Snooze until a date, or dismiss with a reason. */
export function MarkDialog({
  state,
  asOf,
  account,
  cta,
  onCancel,
  onSave,
}: {
  state: 'snoozed' | 'dismissed';
  asOf: string;
  account: string;
  cta: string;
  onCancel: () => void;
  onSave: (extra: { until?: string; reason?: string }) => void;
}) {
  const { t } = useTranslation('history');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const valid =
    state === 'snoozed' ? /^\d{4}-\d{2}-\d{2}$/.test(until) && until > asOf : !!reason.trim();
  return (
    <Dialog
      open
      testId="mark-dialog"
      title={t(`queue.dialog.${state}`, { account, cta })}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>{t('queue.dialog.cancel')}</Button>
          <Button
            variant="primary"
            data-testid="mark-save"
            disabled={!valid}
            onClick={() => onSave(state === 'snoozed' ? { until } : { reason: reason.trim() })}
          >
            {t('queue.dialog.save')}
          </Button>
        </>
      }
    >
      {state === 'snoozed' ? (
        <label className="inline">
          {t('queue.dialog.until')}
          <input
            type="date"
            data-testid="mark-until"
            value={until}
            min={asOf}
            onChange={(e) => setUntil(e.target.value)}
          />
          {until && !valid && (
            <span className="field-error">{t('queue.dialog.afterAsOf', { asOf })}</span>
          )}
        </label>
      ) : (
        <label>
          {t('queue.dialog.reason')}
          <textarea
            data-testid="mark-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
          />
        </label>
      )}
    </Dialog>
  );
}
