import { createContext, memo, useContext, useEffect, useRef } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { PrepFlowNode } from './flowModel';
import { holdersOf } from '../../model/holders';
import { DiffMarks } from './useCompareView';

/**
 * Zoomed out on a big diagram (linkLayer.ts): boxes leave out their handles, so that 2,000 fewer
 * components listen to React Flow's store on every drag frame; the editor has the handles
 * measured again when they return.
 */
export const LowDetail = createContext(false);
/** Whether boxes carry a whole-box drop target for links (off on big diagrams: one more store subscriber per box). */
export const DropOnBox = createContext(true);

/** The box whose label is being edited in place (Enter, F2, double-click, a new box). */
export interface LabelEditing {
  id: string | null;
  /**
   * byKey: Enter (focus goes back to the canvas); otherwise the field lost focus to something
   * else. label null: the field was left untouched — close it without writing (its text may be
   * older than an edit made meanwhile, e.g. in the inspector).
   */
  commit(id: string, label: string | null, byKey: boolean): void;
  cancel(): void;
}
export const LabelEdit = createContext<LabelEditing>({
  id: null,
  commit: () => {},
  cancel: () => {},
});

/** The label as a text field on the box: Enter or leaving it commits, Escape cancels. */
function LabelInput({ id, label, edit }: { id: string; label: string; edit: LabelEditing }) {
  const { t } = useTranslation('prep');
  const done = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  const initial = useRef(label);
  // The effect below runs once; it reads the current props through this ref.
  const latest = useRef({ id, edit });
  latest.current = { id, edit };
  // A new box is hidden (visibility) until React Flow has measured it, and a hidden field cannot
  // take the focus: try on each frame until it has it (a few frames at most). If it cannot have
  // it (the user is typing elsewhere, e.g. in the inspector), close the field without writing:
  // an open field nobody can type in would show a stale label over the box.
  useEffect(() => {
    let r = 0;
    let tries = 0;
    const giveUp = () => {
      done.current = true;
      latest.current.edit.commit(latest.current.id, null, false);
    };
    const attempt = () => {
      const el = ref.current;
      if (!el) return;
      if (tries++ > 30) return giveUp();
      // The user is already typing elsewhere: do not take the focus from them.
      const other = document.activeElement;
      if (tries > 1 && other !== el && other?.matches('input, textarea, select, [contenteditable]'))
        return giveUp();
      el.focus();
      if (document.activeElement === el) el.select();
      else r = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(r);
  }, []);
  return (
    <input
      ref={ref}
      className="prep-node-label-input nodrag nopan nowheel"
      data-testid="node-label-input"
      aria-label={t('field.label')}
      defaultValue={label}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          done.current = true;
          const v = e.currentTarget.value;
          edit.commit(id, v === initial.current ? null : v, true);
        } else if (e.key === 'Escape') {
          done.current = true;
          edit.cancel();
        }
      }}
      onBlur={(e) => {
        if (done.current) return;
        const v = e.currentTarget.value;
        edit.commit(id, v === initial.current ? null : v, false);
      }}
    />
  );
}

const SIDE_POSITION = { top: Position.Top, right: Position.Right, bottom: Position.Bottom };

/** A deliverable (solid box) or know-how (dotted box), with its holders and a findings marker. */
function PrepNodeView({ data, selected }: NodeProps<PrepFlowNode>) {
  const { t } = useTranslation('prep');
  const low = useContext(LowDetail);
  const edit = useContext(LabelEdit);
  const dropOnBox = useContext(DropOnBox);
  const editing = edit.id === data.src.id;
  const n = data.src;
  const holders = holdersOf(n);
  const diff = useContext(DiffMarks)?.nodes.get(n.id);
  return (
    <div
      className={`prep-node prep-node-${n.kind}${selected ? ' is-selected' : ''}${data.marker ? ` has-${data.marker}` : ''}${diff ? ` prep-diff-${diff.mark}` : ''}`}
      data-testid="prep-node"
      data-node-id={n.id}
      data-kind={n.kind}
      data-marker={data.marker ?? ''}
      data-diff={diff?.mark ?? ''}
    >
      {diff && (
        <span
          className={`prep-diff-badge prep-diff-badge-${diff.mark}`}
          data-testid="diff-badge"
          title={
            diff.mark === 'changed'
              ? t('compare.changedFields', {
                  fields: diff.fields.map((f) => t(`field.${f}`)).join(', '),
                })
              : undefined
          }
        >
          {t(diff.mark === 'added' ? 'compare.markAdded' : 'compare.markChanged')}
        </span>
      )}
      {!low && (
        <Handle
          type="target"
          position={Position.Left}
          className="prep-handle"
          data-testid="handle-in"
        />
      )}
      {data.marker && (
        <span
          className={`prep-marker prep-marker-${data.marker}`}
          data-testid="prep-marker"
          title={t(`marker.${data.marker}`)}
          aria-label={t(`marker.${data.marker}`)}
        >
          !
        </span>
      )}
      {n.organisation && <span className="prep-node-org">{n.organisation}</span>}
      {editing ? (
        <LabelInput id={n.id} label={n.label} edit={edit} />
      ) : (
        <div className="prep-node-label">{n.label || t('node.untitled')}</div>
      )}
      <div className="prep-node-holders">
        {holders.length ? holders.join(', ') : t('node.noHolders')}
      </div>
      {n.leadTimeDays !== undefined && (
        <div className="prep-node-lead">{t('node.leadTime', { days: n.leadTimeDays })}</div>
      )}
      {!low &&
        // A link can arrive at any side (the nearest to where it was dropped); the left one above
        // is the first target handle, the one a link without a side is drawn to.
        (['top', 'right', 'bottom'] as const).map((side) => (
          <Handle
            key={side}
            type="target"
            id={`in-${side}`}
            position={SIDE_POSITION[side]}
            className="prep-side-in"
            isConnectableStart={false}
          />
        ))}
      {!low && dropOnBox && (
        // The whole box takes a dropped link, not only the small handles (the editor attaches it
        // to the side nearest the drop): it catches the pointer only while a link is being drawn
        // (.prep-connecting in prep.css).
        <Handle
          type="target"
          id="box"
          position={Position.Left}
          className="prep-drop-target"
          isConnectableStart={false}
        />
      )}
      {!low && (
        <Handle
          type="source"
          position={Position.Right}
          className="prep-handle"
          data-testid="handle-out"
        />
      )}
    </div>
  );
}

export default memo(PrepNodeView);
