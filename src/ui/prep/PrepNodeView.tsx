import { createContext, memo, useContext } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { PrepFlowNode } from './flowModel';
import { holdersOf } from '../../analysis/holders';

/**
 * Zoomed out on a big diagram (linkLayer.ts): boxes leave out their handles, so that 2,000 fewer
 * components listen to React Flow's store on every drag frame; the editor has the handles
 * measured again when they return.
 */
export const LowDetail = createContext(false);

/** A deliverable (solid box) or know-how (dotted box), with its holders and a findings marker. */
function PrepNodeView({ data, selected }: NodeProps<PrepFlowNode>) {
  const { t } = useTranslation('prep');
  const low = useContext(LowDetail);
  const n = data.src;
  const holders = holdersOf(n);
  return (
    <div
      className={`prep-node prep-node-${n.kind}${selected ? ' is-selected' : ''}${data.marker ? ` has-${data.marker}` : ''}`}
      data-testid="prep-node"
      data-node-id={n.id}
      data-kind={n.kind}
      data-marker={data.marker ?? ''}
    >
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
      <div className="prep-node-label">{n.label || t('node.untitled')}</div>
      <div className="prep-node-holders">
        {holders.length ? holders.join(', ') : t('node.noHolders')}
      </div>
      {n.leadTimeDays !== undefined && (
        <div className="prep-node-lead">{t('node.leadTime', { days: n.leadTimeDays })}</div>
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
