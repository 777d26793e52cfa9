import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';
import { importFileOf, mapImportColumn } from '../data/useImportFlow';
import { proposeMissingField } from './createField';

/** The "create field …" fix under an unknown-field error: one click, one undo step. */
export function CreateFieldFix({ name }: { name: string }) {
  const { t } = useTranslation('fields');
  const projectId = useProject((p) => p.id);
  const contract = useProject((p) => p.fields);
  const proposal = proposeMissingField(name, contract, importFileOf(projectId));
  if (!proposal) return null;
  const { field, column } = proposal;
  return (
    <button
      type="button"
      className="ex-fix"
      data-testid="expr-create-field"
      onClick={() => {
        const ok = projectStore.edit(t('exprEditor.createFieldUndo', { name }), (p) => {
          p.fields.fields.push(field);
        });
        if (ok && column !== null) mapImportColumn(projectId, field.id, column);
      }}
    >
      {t('exprEditor.createField', {
        name,
        type: t(`exprEditor.fieldTypes.${field.type}`),
        unit: field.unit ? ` (${field.unit})` : '',
      })}
    </button>
  );
}
