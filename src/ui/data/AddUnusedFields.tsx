import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field, FieldContract } from '../../model';
import type { ColumnMapping } from '../../data';
import { inferFieldsFromFile } from '../../data/inferFile';
import { proposeId } from '../../data/inferFields';
import { projectStore } from '../../store/projectStore';
import { Button } from '../common';
import type { PickedFile } from './useImportFlow';

interface Proposal {
  fields: Field[];
  mapping: ColumnMapping;
  /** The company-name field, when the contract has none and the file has one. */
  nameField?: string;
}

/** Inferred fields for the first file's columns no field maps to (ids made unique against the contract). */
function propose(file: PickedFile, contract: FieldContract): Proposal | null {
  const used = new Set(Object.values(file.mapping).filter((v): v is number => v != null));
  let inferred;
  try {
    inferred = inferFieldsFromFile(file.bytes, file.name, { encoding: file.preview.encoding });
  } catch {
    return null; // the import itself reports an unreadable file
  }
  const taken = new Set(contract.fields.map((f) => f.id));
  const fields: Field[] = [];
  const mapping: ColumnMapping = {};
  let nameField: string | undefined;
  for (const f of inferred.fields) {
    if (used.has(f.column)) continue;
    // The contract already has its key: an added column is never required.
    const id = proposeId(f.field.id, taken);
    taken.add(id);
    fields.push({ ...f.field, id, required: false });
    mapping[id] = f.column;
    if (!contract.nameField && f.field.id === inferred.contract.nameField) nameField = id;
  }
  return fields.length ? { fields, mapping, ...(nameField ? { nameField } : {}) } : null;
}

/**
 * "Add N unused columns as fields": the inference (src/data/inferFields.ts) for the columns
 * this import leaves unused, added to the contract as one undo step; the caller re-maps.
 */
export function AddUnusedFields({
  file,
  contract,
  onAdded,
}: {
  file: PickedFile;
  contract: FieldContract;
  onAdded: (file: PickedFile) => void;
}) {
  const { t } = useTranslation('data');
  const proposal = useMemo(() => propose(file, contract), [file, contract]);
  if (!proposal) return null;
  const count = proposal.fields.length;
  return (
    <section className="card" data-testid="add-fields">
      <h3>{t('addFields.title', { count })}</h3>
      <p className="hint">{t('addFields.hint')}</p>
      <ul data-testid="add-fields-list">
        {proposal.fields.map((f) => (
          <li key={f.id}>
            <code>{f.id}</code> — {f.label.ja || f.label.en}: {t(`addFields.types.${f.type}`)}
            {f.unit ? ` (${f.unit})` : ''}
          </li>
        ))}
      </ul>
      <Button
        variant="primary"
        data-testid="add-fields-run"
        onClick={() => {
          const ok = projectStore.edit(t('addFields.undo', { count }), (p) => {
            p.fields.fields.push(...proposal.fields);
            if (proposal.nameField) p.fields.nameField = proposal.nameField;
          });
          if (ok) onAdded({ ...file, mapping: { ...file.mapping, ...proposal.mapping } });
        }}
      >
        {t('addFields.run', { count })}
      </Button>
    </section>
  );
}
