import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common';
import { fieldUsage } from '../../playbook/renameField';
import { projectStore } from '../../store/projectStore';
import { useOpenProject, useProject } from '../common/useProject';
import { FieldRow } from './FieldRow';
import { FieldRoles } from './FieldRoles';
import '../health/health.css';
import './fields.css';

/** The field contract: the account-data columns the playbook reads. CS edits it themselves. */
export default function FieldsView() {
  const { t } = useTranslation('fields');
  const project = useOpenProject()!;
  const fields = useProject((p) => p.fields.fields);
  const accountKey = useProject((p) => p.fields.accountKey);
  const [notice, setNotice] = useState('');
  const [pendingDelete, setPendingDelete] = useState<{ id: string; usage: string[] } | null>(null);
  const usage = useMemo(
    () => new Map(fields.map((f) => [f.id, fieldUsage(project, f.id)])),
    [project, fields],
  );

  const add = () => {
    projectStore.edit(t('undo.add'), (p) => {
      let n = p.fields.fields.length + 1;
      while (p.fields.fields.some((f) => f.id === `field_${n}`)) n++;
      p.fields.fields.push({
        id: `field_${n}`,
        label: { ja: '', en: '' },
        type: 'number',
        required: false,
      });
    });
    requestAnimationFrame(() => {
      const ids = document.querySelectorAll<HTMLInputElement>('.fc-table .fc-id input');
      ids[ids.length - 1]?.select();
    });
  };
  const doDelete = (id: string) => {
    projectStore.edit(t('undo.delete', { id }), (p) => {
      p.fields.fields = p.fields.fields.filter((f) => f.id !== id);
      if (p.fields.nameField === id) delete p.fields.nameField;
      const s = p.journey.stageSource;
      if (s.kind === 'field' && s.enteredAtField === id) delete s.enteredAtField;
      if (s.kind === 'field' && s.stageField === id) p.journey.stageSource = { kind: 'inferred' };
    });
    setNotice(t('deleted', { id }));
  };

  return (
    <section className="fc-view" aria-labelledby="fc-title">
      <h2 id="fc-title">{t('title')}</h2>
      <p className="hm-muted">{t('intro')}</p>
      <section className="hm-section" aria-labelledby="fc-roles">
        <h3 id="fc-roles">{t('roles.title')}</h3>
        <FieldRoles fields={fields} />
      </section>
      <p className="fc-notice" role="status" data-testid="fields-notice">
        {notice}
      </p>
      <div className="fc-table-wrap">
        <table className="fc-table">
          <thead>
            <tr>
              <th>{t('col.id')}</th>
              <th>{t('col.labelJa')}</th>
              <th>{t('col.labelEn')}</th>
              <th>{t('col.type')}</th>
              <th>{t('col.values')}</th>
              <th>{t('col.unit')}</th>
              <th>{t('col.required')}</th>
              <th>{t('col.description')}</th>
              <th title={t('col.usedInHint')}>{t('col.usedIn')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <FieldRow
                key={f.id}
                f={f}
                usage={usage.get(f.id) ?? []}
                isKey={f.id === accountKey}
                onRenamed={(from, to, changed) =>
                  setNotice(t('renamed', { from, to, count: changed }))
                }
                onDelete={(id, u) => (u.length ? setPendingDelete({ id, usage: u }) : doDelete(id))}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <button type="button" className="hm-add" onClick={add}>
          + {t('add')}
        </button>
      </div>
      <ConfirmDialog
        open={pendingDelete !== null}
        title={t('deleteTitle', { id: pendingDelete?.id ?? '' })}
        confirmLabel={t('deleteConfirm')}
        danger
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => {
          if (pendingDelete) doDelete(pendingDelete.id);
          setPendingDelete(null);
        }}
      >
        <p>{t('deleteUsed', { count: pendingDelete?.usage.length ?? 0 })}</p>
        <ul className="fc-paths">
          {pendingDelete?.usage.map((u) => (
            <li key={u}>
              <code>{u}</code>
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </section>
  );
}
