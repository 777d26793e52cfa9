import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field, FieldType } from '../../model';
import { FieldType as FieldTypeEnum } from '../../model';
import { projectStore } from '../../store/projectStore';
import { FieldIdInput } from './FieldIdInput';

function editField(
  label: string,
  id: string,
  recipe: (f: Field) => void,
  coalesceKey?: string,
): void {
  projectStore.edit(
    label,
    (p) => {
      const f = p.fields.fields.find((x) => x.id === id);
      if (f) recipe(f as Field);
    },
    coalesceKey ? { coalesceKey } : undefined,
  );
}

/** Parse "strong, normal, weak" into distinct trimmed values. */
function parseValues(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[,、\n]/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** One field of the contract: id (rename), labels, type (retype), allowed values, unit, required. */
export const FieldRow = memo(function FieldRow({
  f,
  usage,
  isKey,
  onRenamed,
  onDelete,
}: {
  f: Field;
  usage: string[];
  isKey: boolean;
  onRenamed: (from: string, to: string, changed: number) => void;
  onDelete: (id: string, usage: string[]) => void;
}) {
  const { t } = useTranslation('fields');
  const ed = (recipe: (x: Field) => void, key?: string) =>
    editField(t('undo.edit'), f.id, recipe, key);
  const [values, setValues] = useState((f.values ?? []).join(', '));
  useEffect(() => setValues((f.values ?? []).join(', ')), [f.values]);
  const seal = () => projectStore.seal();
  return (
    <tr data-field={f.id}>
      <td>
        <FieldIdInput id={f.id} onRenamed={onRenamed} />
      </td>
      <td>
        <input
          value={f.label.ja}
          aria-label={t('labelJaAria', { id: f.id })}
          onChange={(e) =>
            ed((x) => {
              x.label.ja = e.target.value;
            }, `fc.${f.id}.ja`)
          }
          onBlur={seal}
        />
      </td>
      <td>
        <input
          value={f.label.en}
          aria-label={t('labelEnAria', { id: f.id })}
          onChange={(e) =>
            ed((x) => {
              x.label.en = e.target.value;
            }, `fc.${f.id}.en`)
          }
          onBlur={seal}
        />
      </td>
      <td>
        <select
          value={f.type}
          aria-label={t('typeAria', { id: f.id })}
          title={usage.length > 0 ? t('retypeNote') : undefined}
          onChange={(e) =>
            ed((x) => {
              x.type = e.target.value as FieldType;
              if (x.type === 'category') x.values = x.values ?? [];
              else delete x.values;
            })
          }
        >
          {FieldTypeEnum.options.map((o) => (
            <option key={o} value={o}>
              {t(`type.${o}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {f.type === 'category' ? (
          <input
            value={values}
            placeholder={t('valuesPlaceholder')}
            aria-label={t('valuesAria', { id: f.id })}
            onChange={(e) => setValues(e.target.value)}
            onBlur={() =>
              ed((x) => {
                x.values = parseValues(values);
              })
            }
            onKeyDown={(e) => {
              if (e.key === 'Enter')
                ed((x) => {
                  x.values = parseValues(values);
                });
            }}
          />
        ) : (
          <span className="fc-muted">—</span>
        )}
      </td>
      <td>
        <input
          className="fc-unit"
          value={f.unit ?? ''}
          aria-label={t('unitAria', { id: f.id })}
          onChange={(e) =>
            ed((x) => {
              if (e.target.value) x.unit = e.target.value;
              else delete x.unit;
            }, `fc.${f.id}.unit`)
          }
          onBlur={seal}
        />
      </td>
      <td className="fc-center">
        <input
          type="checkbox"
          checked={f.required}
          aria-label={t('requiredAria', { id: f.id })}
          onChange={(e) =>
            ed((x) => {
              x.required = e.target.checked;
            })
          }
        />
      </td>
      <td>
        <input
          value={f.description ?? ''}
          aria-label={t('descriptionAria', { id: f.id })}
          onChange={(e) =>
            ed((x) => {
              if (e.target.value) x.description = e.target.value;
              else delete x.description;
            }, `fc.${f.id}.desc`)
          }
          onBlur={seal}
        />
      </td>
      <td className="fc-center" title={usage.join('\n')}>
        {usage.length}
      </td>
      <td>
        <button
          type="button"
          className="hm-icon hm-danger"
          disabled={isKey}
          title={isKey ? t('cannotDeleteKey') : t('delete', { id: f.id })}
          aria-label={t('delete', { id: f.id })}
          onClick={() => onDelete(f.id, usage)}
        >
          ✕
        </button>
      </td>
    </tr>
  );
});
