import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagram } from '../../model';
import { compareDiagrams } from '../../analysis/compare';
import type { Finding } from '../../analysis/types';
import type { PresetName } from '../../analysis/presets';

/** As-is / to-be: pick two diagrams, see deliverables added, removed, changed and findings resolved or introduced. */
export function ComparePanel({
  diagrams,
  current,
  preset,
}: {
  diagrams: Diagram[];
  current: Diagram;
  preset: PresetName;
}) {
  const { t } = useTranslation('prep');
  const others = diagrams.filter((d) => d.id !== current.id);
  const [fromId, setFromId] = useState(others[0]?.id ?? current.id);
  const [toId, setToId] = useState(current.id);
  const from = diagrams.find((d) => d.id === fromId) ?? diagrams[0];
  const to = diagrams.find((d) => d.id === toId) ?? current;
  const diff = useMemo(() => compareDiagrams(from, to, { preset }), [from, to, preset]);
  const labelIn = (d: Diagram) => (id: string) => d.nodes.find((n) => n.id === id)?.label ?? id;
  const fmsg = (f: Finding, d: Diagram) =>
    `${t(`rules.${f.ruleId}.name`)}: ${labelIn(d)(f.nodeId)}`;
  return (
    <div className="prep-compare" data-testid="prep-compare">
      <div className="prep-compare-pick">
        <label className="field">
          <span>{t('compare.from')}</span>
          <select
            value={from.id}
            onChange={(e) => setFromId(e.target.value)}
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
          <select value={to.id} onChange={(e) => setToId(e.target.value)} data-testid="compare-to">
            {diagrams.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {from.id === to.id && <p className="hint">{t('compare.same')}</p>}
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
