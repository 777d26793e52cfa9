import { useTranslation } from 'react-i18next';
import type { Field } from '../../model';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';

/** Fields that play a role: the account key, the company name, where the stage comes from. */
export function FieldRoles({ fields }: { fields: Field[] }) {
  const { t, i18n } = useTranslation('fields');
  const ja = i18n.language?.startsWith('ja');
  const contract = useProject((p) => p.fields);
  const src = useProject((p) => p.journey.stageSource);
  const edit = (recipe: Parameters<typeof projectStore.edit>[1]) =>
    projectStore.edit(t('undo.roles'), recipe);
  const opts = (filter: (f: Field) => boolean) =>
    fields.filter(filter).map((f) => (
      <option key={f.id} value={f.id}>
        {f.id} — {(ja ? f.label.ja : f.label.en) || f.label.ja || f.label.en}
      </option>
    ));
  return (
    <div className="fc-roles">
      <label>
        {t('roles.accountKey')}
        <select
          value={contract.accountKey}
          onChange={(e) =>
            edit((p) => {
              p.fields.accountKey = e.target.value;
            })
          }
        >
          {opts((f) => f.type === 'string' || f.type === 'integer' || f.type === 'category')}
        </select>
      </label>
      <label>
        {t('roles.nameField')}
        <select
          value={contract.nameField ?? ''}
          onChange={(e) =>
            edit((p) => {
              if (e.target.value) p.fields.nameField = e.target.value;
              else delete p.fields.nameField;
            })
          }
        >
          <option value="">{t('roles.none')}</option>
          {opts((f) => f.type === 'string')}
        </select>
      </label>
      <label>
        {t('roles.stageSource')}
        <select
          value={src.kind}
          onChange={(e) =>
            edit((p) => {
              if (e.target.value === 'inferred') p.journey.stageSource = { kind: 'inferred' };
              else {
                const candidate = p.fields.fields.find(
                  (f) => f.type === 'category' || f.type === 'string',
                );
                if (candidate) p.journey.stageSource = { kind: 'field', stageField: candidate.id };
              }
            })
          }
        >
          <option value="inferred">{t('roles.inferred')}</option>
          <option value="field">{t('roles.fromField')}</option>
        </select>
      </label>
      {src.kind === 'field' && (
        <>
          <label>
            {t('roles.stageField')}
            <select
              value={src.stageField}
              onChange={(e) =>
                edit((p) => {
                  if (p.journey.stageSource.kind === 'field')
                    p.journey.stageSource.stageField = e.target.value;
                })
              }
            >
              {opts((f) => f.type === 'category' || f.type === 'string')}
            </select>
          </label>
          <label>
            {t('roles.enteredAt')}
            <select
              value={src.enteredAtField ?? ''}
              onChange={(e) =>
                edit((p) => {
                  const s = p.journey.stageSource;
                  if (s.kind !== 'field') return;
                  if (e.target.value) s.enteredAtField = e.target.value;
                  else delete s.enteredAtField;
                })
              }
            >
              <option value="">{t('roles.none')}</option>
              {opts((f) => f.type === 'date')}
            </select>
          </label>
        </>
      )}
      <p className="fc-muted">
        {src.kind === 'inferred' ? t('roles.inferredHint') : t('roles.fieldHint')}
      </p>
    </div>
  );
}
