import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { diffPlaybooks, playbookFingerprint } from '../../model';
import { runHeader } from '../../store/runStore';
import { Button, ConfirmDialog } from '../common';
import { replaceStore } from './replaceRun';

/**
 * "A run as of 2026-06-01 is already stored (model 1a2b3c4d, run on …): replace it?" Asked before
 * a run for a date the history already holds (replaceRun.ts); replace or cancel, never both kept.
 * Results also offers a what-if preview (whatIf.ts) when the model changed since that run.
 */
export function ReplaceRunDialog() {
  const { t, i18n } = useTranslation('history');
  const p = useSyncExternalStore(replaceStore.subscribe, replaceStore.get);
  // The third choice, where the caller offers it and the model differs from the stored run's.
  const canPreview =
    !!p?.onPreview &&
    !!p.same[p.same.length - 1].playbook &&
    playbookFingerprint(p.same[p.same.length - 1].playbook!) !==
      playbookFingerprint(p.opts.playbook);
  const model = useMemo(() => {
    if (!p) return '';
    const next = p.opts.playbook;
    const last = p.same[p.same.length - 1];
    if (!last.playbook) return t('replace.modelUnknown');
    if (playbookFingerprint(last.playbook) === playbookFingerprint(next))
      return t('replace.modelSame');
    const list = diffPlaybooks(last.playbook, next)
      .map((c) => t(`stale.kinds.${c.kind}`, { count: c.count }))
      .join(t('stale.separator'));
    return list ? t('replace.modelChanged', { changes: list }) : t('replace.modelChangedNoList');
  }, [p, t]);
  const asOf = p?.opts.asOf ?? '';
  return (
    <ConfirmDialog
      open={!!p}
      testId="replace-run"
      title={t('replace.title', { asOf })}
      confirmLabel={t('replace.confirm', { asOf })}
      onCancel={() => replaceStore.cancel()}
      onConfirm={() => replaceStore.confirm()}
      extra={
        canPreview && (
          <Button data-testid="replace-run-preview" onClick={() => replaceStore.preview()}>
            {t('whatIf.dialogPreview')}
          </Button>
        )
      }
    >
      {p && (
        <>
          <ul data-testid="replace-run-stored">
            {p.same.map((r) => (
              <li key={r.id}>
                {t('replace.stored', {
                  date: new Date(r.createdAt).toLocaleString(i18n.language),
                  fingerprint: (r.fingerprint ?? '').slice(0, 8) || '—',
                  dataset: r.imported?.dataset ?? runHeader(r).datasetName ?? '',
                  count: r.rowCount,
                  formatted: r.rowCount.toLocaleString(i18n.language),
                })}
                {r.imported && <> {t('transfer.importedBadge')}</>}
              </li>
            ))}
          </ul>
          <p>{model}</p>
          <p>{t('replace.body', { asOf, count: p.same.length })}</p>
          {canPreview && <p>{t('whatIf.dialogPreviewNote')}</p>}
        </>
      )}
    </ConfirmDialog>
  );
}
