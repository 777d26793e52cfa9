import { useTranslation } from 'react-i18next';
import type { Diagram } from '../../model';
import type { Finding } from '../../analysis/types';
import type { CompareView } from './useCompareView';
import type { PrepUi } from './prepUi';

/**
 * As-is / to-be: the two diagrams (picked by default by comparePick.ts's rule, which the panel
 * states), deliverables added, removed, changed, findings resolved or introduced — and, on the
 * to-be's canvas, the same difference marked on the boxes and links (useCompareView, CompareOverlay).
 */
export function ComparePanel({
  diagrams,
  current,
  view,
  ui,
}: {
  diagrams: Diagram[];
  current: Diagram;
  view: CompareView;
  ui: PrepUi;
}) {
  const { t } = useTranslation('prep');
  const { from, to, diff, reason } = view;
  const labelIn = (d: Diagram) => (id: string) => d.nodes.find((n) => n.id === id)?.label ?? id;
  const fmsg = (f: Finding, d: Diagram) =>
    `${t(`rules.${f.ruleId}.name`)}: ${labelIn(d)(f.nodeId)}`;
  const pick = (side: 'fromId' | 'toId', id: string) =>
    ui.setCompare({ fromId: from.id, toId: to.id, [side]: id });
  return (
    <div className="prep-compare" data-testid="prep-compare">
      <div className="prep-compare-pick">
        <label className="field">
          <span>{t('compare.from')}</span>
          <select
            value={from.id}
            onChange={(e) => pick('fromId', e.target.value)}
            data-testid="compare-from"
          >
            {diagrams.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('compare.to')}</span>
          <select
            value={to.id}
            onChange={(e) => pick('toId', e.target.value)}
            data-testid="compare-to"
          >
            {diagrams.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint" data-testid="compare-rule">
        {t(`compare.rule.${reason}`)}
        {reason === 'picked' && (
          <>
            {' '}
            <button
              type="button"
              className="prep-link-button"
              onClick={() => ui.setCompare(null)}
              data-testid="compare-default"
            >
              {t('compare.useDefault')}
            </button>
          </>
        )}
      </p>
      {from.id === to.id ? (
        <p className="hint">{t('compare.same')}</p>
      ) : (
        <div className="prep-compare-canvas">
          <label className="prep-inline">
            <input
              type="checkbox"
              checked={ui.showDiff}
              onChange={(e) => ui.setShowDiff(e.target.checked)}
              data-testid="compare-show"
            />
            <span>{t('compare.showOnCanvas')}</span>
          </label>
          {ui.showDiff && to.id !== current.id && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => ui.openDiagram(to.id)}
              data-testid="compare-open-to"
            >
              {t('compare.openTo', { name: to.name })}
            </button>
          )}
        </div>
      )}
      <Section
        testId="compare-added"
        title={t('compare.added', { count: diff.added.length })}
        items={diff.added.map((n) => n.label)}
        tone="add"
      />
      <Section
        testId="compare-removed"
        title={t('compare.removed', { count: diff.removed.length })}
        items={diff.removed.map((n) => n.label)}
        tone="remove"
      />
      <Section
        testId="compare-changed"
        title={t('compare.changed', { count: diff.changed.length })}
        items={diff.changed.map(
          (c) => `${c.after.label}: ${c.fields.map((f) => t(`field.${f}`)).join(', ')}`,
        )}
        tone="change"
      />
      <p className="hint">
        {t('compare.links', { added: diff.edgesAdded.length, removed: diff.edgesRemoved.length })}
      </p>
      <Section
        testId="compare-resolved"
        title={t('compare.resolved', { count: diff.resolved.length })}
        items={diff.resolved.map((f) => fmsg(f, from))}
        tone="add"
      />
      <Section
        testId="compare-introduced"
        title={t('compare.introduced', { count: diff.introduced.length })}
        items={diff.introduced.map((f) => fmsg(f, to))}
        tone="remove"
      />
    </div>
  );
}

function Section({
  title,
  items,
  tone,
  testId,
}: {
  title: string;
  items: string[];
  tone: 'add' | 'remove' | 'change';
  testId: string;
}) {
  return (
    <section
      className={`prep-compare-section prep-tone-${tone}`}
      data-testid={testId}
      data-count={items.length}
    >
      <h4>{title}</h4>
      {items.length > 0 && (
        <ul>
          {items.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
