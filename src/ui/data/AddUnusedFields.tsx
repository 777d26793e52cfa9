import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field as FieldSchema, RESERVED_NAMES, type Field, type FieldContract } from '../../model';
import type { FieldType } from '../../model/fields';
import { mappedColumn, type ColumnMapping } from '../../data';
import type { InferFileResult } from '../../data/inferFile';
import { proposeId, type InferredField } from '../../data/inferFields';
import { projectStore } from '../../store/projectStore';
import { Button } from '../common';
import type { PickedFile } from './useImportFlow';
import { useInferred } from './inferredFields';

const TYPES: FieldType[] = ['string', 'integer', 'number', 'date', 'boolean', 'category'];

/** One row of the review: the inferred field as the user has edited it. */
interface Row {
  inferred: InferredField;
  include: boolean;
  id: string;
  type: FieldType;
  ja: string;
  en: string;
}

interface Proposal {
  rows: Row[];
  /** The inferred account-key column, when the contract's key has no column in this file. */
  keyColumn: number | null;
  /** The inferred company-name column, when the contract has no name field. */
  nameColumn: number | null;
  samples: string[][];
}

function cellText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * The inference (read in a worker: inferredFields.ts; null when the file does not read, as the
 * import itself reports) for the columns no field maps to (ids made unique against the contract).
 */
function propose(
  file: PickedFile,
  contract: FieldContract,
  inferred: InferFileResult | null | undefined,
): Proposal | null {
  if (!inferred) return null;
  const used = new Set(Object.values(file.mapping).filter((v): v is number => v != null));
  const keyUnmapped = mappedColumn(file.mapping, contract.accountKey) == null;
  const keyInferred = inferred.fields.find((f) => f.field.id === inferred.contract.accountKey);
  const keyColumn = keyUnmapped && keyInferred ? keyInferred.column : null;
  const nameInferred = inferred.fields.find((f) => f.field.id === inferred.contract.nameField);
  const nameColumn = !contract.nameField && nameInferred ? nameInferred.column : null;
  const taken = new Set(contract.fields.map((f) => f.id));
  const rows: Row[] = [];
  for (const f of inferred.fields) {
    if (used.has(f.column) || f.column === keyColumn) continue;
    const id = proposeId(f.field.id, taken);
    taken.add(id);
    rows.push({
      inferred: f,
      include: true,
      id,
      type: f.field.type,
      ja: f.field.label.ja,
      en: f.field.label.en,
    });
  }
  if (!rows.length && keyColumn == null) return null;
  const samples = file.preview.headers.map((_, c) => {
    const seen = new Set<string>();
    for (const r of file.preview.rows) {
      const v = cellText(r[c]).trim();
      if (v) seen.add(v);
      if (seen.size === 3) break;
    }
    return [...seen];
  });
  return { rows, keyColumn, nameColumn, samples };
}

/** What is wrong with an edited id, or null. */
function idProblem(id: string, row: Row, rows: Row[], contract: FieldContract): string | null {
  if (!FieldSchema.shape.id.safeParse(id).success) return 'invalid';
  if ((RESERVED_NAMES as readonly string[]).includes(id)) return 'reserved';
  if (contract.fields.some((f) => f.id === id)) return 'taken';
  if (rows.some((r) => r !== row && r.include && r.id === id)) return 'taken';
  return null;
}

/** The field a row becomes; a changed type drops what belonged to the old one (unit, values). */
function fieldOf(r: Row): Field {
  const f = r.inferred.field;
  const sameKind = (a: FieldType, b: FieldType) =>
    a === b || ((a === 'number' || a === 'integer') && (b === 'number' || b === 'integer'));
  return {
    id: r.id,
    label: { ja: r.ja, en: r.en },
    type: r.type,
    ...(r.type === 'category' && f.values ? { values: f.values } : {}),
    ...(f.unit && sameKind(r.type, f.type) ? { unit: f.unit } : {}),
    required: false,
  };
}

/**
 * The review of a file's columns before they become fields: one table (column, sample values,
 * inferred type with its reason, label ja/en, proposed id), the account key and company name
 * proposed; the user changes a type, renames an id or drops a column, then accepts — all in one
 * undo step. The caller maps the new fields to their columns.
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
  const { t } = useTranslation(['data', 'cli']);
  // Every column mapped and the key among them: nothing to propose, so the file is not read.
  const mapped = new Set(Object.values(file.mapping));
  const allMapped =
    mappedColumn(file.mapping, contract.accountKey) != null &&
    file.preview.headers.every((_, c) => mapped.has(c));
  const inferred = useInferred(allMapped ? null : file);
  const proposal = useMemo(() => propose(file, contract, inferred), [file, contract, inferred]);
  const [edits, setEdits] = useState<Row[] | null>(null);
  const [useName, setUseName] = useState(true);
  if (!proposal) return null;
  const rows = edits ?? proposal.rows;
  const set = (i: number, patch: Partial<Row>) =>
    setEdits(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const chosen = rows.filter((r) => r.include);
  const problems = rows.map((r) => (r.include ? idProblem(r.id, r, rows, contract) : null));
  const blocked = problems.some(Boolean);
  const nameRow =
    proposal.nameColumn == null
      ? null
      : rows.find((r) => r.inferred.column === proposal.nameColumn);
  const count = chosen.length;
  const headers = file.preview.headers;

  const accept = () => {
    const fields = chosen.map(fieldOf);
    const nameField = useName && nameRow?.include ? nameRow.id : undefined;
    const ok =
      fields.length === 0 ||
      projectStore.edit(t('addFields.undo', { count: fields.length }), (p) => {
        p.fields.fields.push(...fields);
        if (nameField) p.fields.nameField = nameField;
      });
    if (!ok) return;
    const mapping: ColumnMapping = { ...file.mapping };
    for (const r of chosen) mapping[r.id] = r.inferred.column;
    if (proposal.keyColumn != null) mapping[contract.accountKey] = proposal.keyColumn;
    setEdits(null);
    onAdded({ ...file, mapping });
  };

  return (
    <section className="card" data-testid="add-fields">
      <h3>{t('addFields.title', { count: proposal.rows.length })}</h3>
      <p className="hint">{t('addFields.reviewHint')}</p>
      {proposal.keyColumn != null && (
        <p data-testid="add-fields-key">
          {t('addFields.key', { field: contract.accountKey, column: headers[proposal.keyColumn] })}
        </p>
      )}
      {nameRow && (
        <label className="review-name" data-testid="add-fields-name">
          <input type="checkbox" checked={useName} onChange={(e) => setUseName(e.target.checked)} />{' '}
          {t('addFields.name', { column: nameRow.inferred.header })}
        </label>
      )}
      <div className="mapping-scroll">
        <table className="grid mapping" data-testid="add-fields-list">
          <thead>
            <tr>
              <th>{t('addFields.col.include')}</th>
              <th>{t('preview.column')}</th>
              <th>{t('preview.sample')}</th>
              <th>{t('addFields.col.type')}</th>
              <th>{t('addFields.col.ja')}</th>
              <th>{t('addFields.col.en')}</th>
              <th>{t('addFields.col.id')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const f = r.inferred;
              const unit = fieldOf(r).unit;
              return (
                <tr
                  key={f.column}
                  data-testid={`review-${f.column}`}
                  className={r.include ? '' : 'unmapped'}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('addFields.include', { column: f.header })}
                      data-testid={`review-include-${f.column}`}
                      checked={r.include}
                      onChange={(e) => set(i, { include: e.target.checked })}
                    />
                  </td>
                  <td>{f.header}</td>
                  <td className="sample">{proposal.samples[f.column]?.join(' · ')}</td>
                  <td>
                    <select
                      aria-label={t('addFields.col.type')}
                      data-testid={`review-type-${f.column}`}
                      value={r.type}
                      disabled={!r.include}
                      onChange={(e) => set(i, { type: e.target.value as FieldType })}
                    >
                      {TYPES.map((ty) => (
                        <option key={ty} value={ty}>
                          {t(`addFields.types.${ty}`)}
                        </option>
                      ))}
                    </select>
                    {unit ? ` (${unit})` : ''}
                    <div className="hint" data-testid={`review-reason-${f.column}`}>
                      {t(`cli:fields.reason.${f.reason}`, {
                        ...f.detail,
                        odd: f.detail.odd?.join(', ') ?? '',
                        values: f.field.values?.join(', ') ?? '',
                      })}
                    </div>
                  </td>
                  <td>
                    <input
                      aria-label={t('addFields.col.ja')}
                      value={r.ja}
                      disabled={!r.include}
                      onChange={(e) => set(i, { ja: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('addFields.col.en')}
                      value={r.en}
                      disabled={!r.include}
                      onChange={(e) => set(i, { en: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('addFields.col.id')}
                      data-testid={`review-id-${f.column}`}
                      value={r.id}
                      disabled={!r.include}
                      aria-invalid={problems[i] ? true : undefined}
                      onChange={(e) => set(i, { id: e.target.value.trim() })}
                    />
                    {problems[i] && (
                      <div className="field-error" role="alert">
                        {t(`addFields.idProblem.${problems[i]}`)}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Button
        variant="primary"
        data-testid="add-fields-run"
        disabled={blocked || (count === 0 && proposal.keyColumn == null)}
        onClick={accept}
      >
        {t('addFields.run', { count })}
      </Button>
    </section>
  );
}
