import { useMemo, useState, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { editDiagram } from './actions';
import type { LabelEditing } from './PrepNodeView';

/** In-place label editing: Enter, F2, double-click, and every new box. */
export function useLabelEditing(
  diagramId: string,
  wrapper: RefObject<HTMLDivElement | null>,
  t: TFunction<'prep'>,
): { labelEdit: LabelEditing; setEditingId(id: string | null): void } {
  const [editingId, setEditingId] = useState<string | null>(null);
  const labelEdit = useMemo(
    () => ({
      id: editingId,
      commit: (id: string, label: string | null, byKey: boolean) => {
        setEditingId(null);
        if (label !== null)
          editDiagram(diagramId, t('cmd.editField', { field: t('field.label') }), (d) => {
            const n = d.nodes.find((x) => x.id === id);
            if (n && n.label !== label) n.label = label;
          });
        // After Enter, keys go to the canvas again (F2, arrows, Delete); a click elsewhere keeps its focus.
        if (byKey) wrapper.current?.focus();
      },
      cancel: () => {
        setEditingId(null);
        wrapper.current?.focus();
      },
    }),
    [editingId, diagramId, t, wrapper],
  );
  return { labelEdit, setEditingId };
}
