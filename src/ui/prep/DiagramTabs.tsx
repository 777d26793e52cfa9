import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId, type Diagram } from '../../model';
import { projectStore } from '../../store/projectStore';
import { Button, ConfirmDialog } from '../common';

/** Several diagrams per project (as-is, to-be, one per phase); each renamable. */
export function DiagramTabs({
  diagrams,
  currentId,
  onSelect,
}: {
  diagrams: Diagram[];
  currentId: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('prep');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const current = diagrams.find((d) => d.id === currentId);

  const add = () => {
    const id = newId('d_');
    projectStore.edit(
      t('cmd.addDiagram'),
      (p) =>
        void p.diagrams.push({
          id,
          name: t('diagram.newName', { n: p.diagrams.length + 1 }),
          nodes: [],
          edges: [],
        }),
    );
    onSelect(id);
  };
  // A copy keeps node ids, so comparing it with the original matches every box (as-is → to-be).
  const duplicate = () => {
    if (!current) return;
    const id = newId('d_');
    projectStore.edit(t('cmd.duplicateDiagram'), (p) => {
      const src = p.diagrams.find((d) => d.id === current.id);
      if (src)
        p.diagrams.push({
          ...(JSON.parse(JSON.stringify(src)) as Diagram),
          id,
          name: t('diagram.copyName', { name: src.name }),
        });
    });
    onSelect(id);
  };
  const remove = () => {
    setConfirmDelete(false);
    if (!current || diagrams.length < 2) return;
    const next = diagrams.find((d) => d.id !== current.id)!;
    projectStore.edit(
      t('cmd.deleteDiagram'),
      (p) => void (p.diagrams = p.diagrams.filter((d) => d.id !== current.id)),
    );
    onSelect(next.id);
  };
  const rename = (id: string, name: string) =>
    projectStore.edit(
      t('cmd.renameDiagram'),
      (p) => {
        const d = p.diagrams.find((x) => x.id === id);
        if (d) d.name = name;
      },
      { coalesceKey: `prep:rename:${id}` },
    );

  return (
    <div className="prep-tabs" role="tablist" aria-label={t('diagram.list')}>
      {diagrams.map((d) =>
        renaming === d.id ? (
          <input
            key={d.id}
            className="prep-tab-input"
            data-testid="diagram-rename-input"
            autoFocus
            value={d.name}
            aria-label={t('diagram.name')}
            onChange={(e) => rename(d.id, e.target.value)}
            onBlur={() => {
              projectStore.seal();
              if (!d.name.trim())
                rename(d.id, t('diagram.newName', { n: diagrams.indexOf(d) + 1 }));
              setRenaming(null);
            }}
            onKeyDown={(e) =>
              (e.key === 'Enter' || e.key === 'Escape') &&
              (e.currentTarget as HTMLInputElement).blur()
            }
          />
        ) : (
          <button
            key={d.id}
            type="button"
            role="tab"
            aria-selected={d.id === currentId}
            className={`prep-tab${d.id === currentId ? ' active' : ''}`}
            data-testid="diagram-tab"
            data-diagram-id={d.id}
            onClick={() => onSelect(d.id)}
            onDoubleClick={() => setRenaming(d.id)}
            title={t('diagram.renameHint')}
          >
            {d.name || t('diagram.unnamed')}
          </button>
        ),
      )}
      <Button variant="ghost" onClick={add} data-testid="diagram-add" title={t('diagram.add')}>
        ＋ {t('diagram.add')}
      </Button>
      <Button
        variant="ghost"
        onClick={duplicate}
        data-testid="diagram-duplicate"
        disabled={!current}
      >
        {t('diagram.duplicate')}
      </Button>
      <Button
        variant="ghost"
        onClick={() => current && setRenaming(current.id)}
        data-testid="diagram-rename"
        disabled={!current}
      >
        {t('diagram.rename')}
      </Button>
      <Button
        variant="ghost"
        onClick={() => setConfirmDelete(true)}
        data-testid="diagram-delete"
        disabled={diagrams.length < 2}
      >
        {t('diagram.delete')}
      </Button>
      <ConfirmDialog
        open={confirmDelete}
        title={t('diagram.deleteTitle', { name: current?.name ?? '' })}
        confirmLabel={t('diagram.delete')}
        danger
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
        testId="diagram-delete-dialog"
      >
        <p>{t('diagram.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
