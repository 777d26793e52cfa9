import { useTranslation } from 'react-i18next';
import type { Diagram, PrepEdge, PrepNode } from '../../model';
import { projectStore } from '../../store/projectStore';
import { Button } from '../common';
import { editDiagram } from './actions';
import { HoldersInput } from './HoldersInput';

const seal = () => projectStore.seal();

/** Properties of the selected box or link. Typing coalesces into one undo step per field. */
export function Inspector({
  diagram,
  nodeIds,
  edgeIds,
  onDelete,
}: {
  diagram: Diagram;
  nodeIds: string[];
  edgeIds: string[];
  onDelete: () => void;
}) {
  const { t } = useTranslation('prep');
  if (nodeIds.length === 1 && edgeIds.length === 0) {
    const node = diagram.nodes.find((n) => n.id === nodeIds[0]);
    if (node) return <NodeInspector diagram={diagram} node={node} onDelete={onDelete} />;
  }
  if (edgeIds.length === 1 && nodeIds.length === 0) {
    const edge = diagram.edges.find((e) => e.id === edgeIds[0]);
    if (edge) return <EdgeInspector diagram={diagram} edge={edge} onDelete={onDelete} />;
  }
  if (nodeIds.length + edgeIds.length > 1) {
    return (
      <div className="prep-inspector" data-testid="prep-inspector">
        <p>{t('inspector.multi', { nodes: nodeIds.length, edges: edgeIds.length })}</p>
        <Button variant="danger" onClick={onDelete} data-testid="inspector-delete">
          {t('action.delete')}
        </Button>
      </div>
    );
  }
  return (
    <div className="prep-inspector" data-testid="prep-inspector">
      <p className="hint">{t('inspector.empty')}</p>
    </div>
  );
}

function NodeInspector({
  diagram,
  node,
  onDelete,
}: {
  diagram: Diagram;
  node: PrepNode;
  onDelete: () => void;
}) {
  const { t } = useTranslation('prep');
  const set = (field: string, fn: (n: PrepNode) => void) =>
    editDiagram(
      diagram.id,
      t('cmd.editField', { field: t(`field.${field}`) }),
      (d) => {
        const n = d.nodes.find((x) => x.id === node.id);
        if (n) fn(n as PrepNode);
      },
      { coalesceKey: `prep:${diagram.id}:${node.id}:${field}` },
    );
  const orgs = [...new Set(diagram.nodes.map((n) => n.organisation.trim()).filter(Boolean))];
  const lead = node.leadTimeDays;
  const linkOk = !node.link || /^https?:\/\//i.test(node.link);
  return (
    <div className="prep-inspector form" data-testid="prep-inspector" data-node-id={node.id}>
      <label className="field">
        <span>{t('field.label')}</span>
        <input
          data-testid="inspector-label"
          value={node.label}
          onChange={(e) => set('label', (n) => void (n.label = e.target.value))}
          onBlur={seal}
        />
      </label>
      <label className="field">
        <span>{t('field.kind')}</span>
        <select
          data-testid="inspector-kind"
          value={node.kind}
          onChange={(e) => set('kind', (n) => void (n.kind = e.target.value as PrepNode['kind']))}
        >
          <option value="deliverable">{t('kind.deliverable')}</option>
          <option value="knowhow">{t('kind.knowhow')}</option>
        </select>
      </label>
      <div className="field">
        <span>{t('field.holders')}</span>
        <HoldersInput
          value={node.holders}
          onChange={(h) => set('holders', (n) => void (n.holders = h))}
          onDone={seal}
        />
      </div>
      <label className="field">
        <span>{t('field.organisation')}</span>
        <input
          data-testid="inspector-organisation"
          list="prep-orgs"
          value={node.organisation}
          placeholder={t('inspector.organisationHint')}
          onChange={(e) => set('organisation', (n) => void (n.organisation = e.target.value))}
          onBlur={seal}
        />
        <datalist id="prep-orgs">
          {orgs.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>{t('field.description')}</span>
        <textarea
          data-testid="inspector-description"
          rows={3}
          value={node.description}
          onChange={(e) => set('description', (n) => void (n.description = e.target.value))}
          onBlur={seal}
        />
      </label>
      <label className="field">
        <span>{t('field.leadTimeDays')}</span>
        <input
          data-testid="inspector-lead"
          type="number"
          min={0}
          step="any"
          value={lead ?? ''}
          onChange={(e) => {
            const v = e.target.value;
            if (v === '') set('leadTimeDays', (n) => void delete n.leadTimeDays);
            else if (Number.isFinite(Number(v)) && Number(v) >= 0)
              set('leadTimeDays', (n) => void (n.leadTimeDays = Number(v)));
          }}
          onBlur={seal}
        />
      </label>
      <label className="field">
        <span>{t('field.link')}</span>
        <input
          data-testid="inspector-link"
          type="url"
          value={node.link ?? ''}
          placeholder="https://…"
          onChange={(e) =>
            set('link', (n) =>
              e.target.value ? void (n.link = e.target.value) : void delete n.link,
            )
          }
          onBlur={seal}
        />
        {!linkOk && (
          <span className="field-error" role="alert">
            {t('inspector.badLink')}
          </span>
        )}
        {node.link && linkOk && (
          <a href={node.link} target="_blank" rel="noopener noreferrer">
            {t('inspector.openLink')}
          </a>
        )}
      </label>
      <Button variant="danger" onClick={onDelete} data-testid="inspector-delete">
        {t('action.delete')}
      </Button>
    </div>
  );
}

function EdgeInspector({
  diagram,
  edge,
  onDelete,
}: {
  diagram: Diagram;
  edge: PrepEdge;
  onDelete: () => void;
}) {
  const { t } = useTranslation('prep');
  const set = (field: string, fn: (e: PrepEdge) => void, coalesce = true) =>
    editDiagram(
      diagram.id,
      t('cmd.editLink'),
      (d) => {
        const e = d.edges.find((x) => x.id === edge.id);
        if (e) fn(e as PrepEdge);
      },
      coalesce ? { coalesceKey: `prep:${diagram.id}:${edge.id}:${field}` } : undefined,
    );
  const label = (id: string) => diagram.nodes.find((n) => n.id === id)?.label ?? id;
  return (
    <div className="prep-inspector form" data-testid="prep-inspector" data-edge-id={edge.id}>
      <p className="hint">
        {label(edge.source)} → {label(edge.target)}
      </p>
      <label className="field">
        <span>{t('field.linkKind')}</span>
        <select
          data-testid="inspector-edge-kind"
          value={edge.kind}
          onChange={(e) =>
            set('kind', (x) => void (x.kind = e.target.value as PrepEdge['kind']), false)
          }
        >
          <option value="io">{t('edgeKind.io')}</option>
          <option value="sync">{t('edgeKind.sync')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('field.label')}</span>
        <input
          data-testid="inspector-edge-label"
          value={edge.label ?? ''}
          onChange={(e) =>
            set('label', (x) =>
              e.target.value ? void (x.label = e.target.value) : void delete x.label,
            )
          }
          onBlur={seal}
        />
      </label>
      <Button
        onClick={() =>
          set(
            'reverse',
            (x) => {
              [x.source, x.target] = [x.target, x.source];
              delete x.route;
            },
            false,
          )
        }
        data-testid="inspector-reverse"
      >
        {t('action.reverse')}
      </Button>
      <Button variant="danger" onClick={onDelete} data-testid="inspector-delete">
        {t('action.delete')}
      </Button>
    </div>
  );
}
