import { useTranslation } from 'react-i18next';
import type { Diagram } from '../../model';
import type { Finding } from '../../analysis/types';
import type { LintResult } from '../../analysis/lint';
import type { PresetName } from '../../analysis/presets';
import { Inspector } from './Inspector';
import FindingsPanel from './FindingsPanel';
import { ComparePanel } from './ComparePanel';
import type { Panel, PrepUi } from './prepUi';
import type { CompareView } from './useCompareView';
import type { useReviews } from './useReviews';

/** The side panel: findings, inspector, compare, and a hint back to the inspector. */
export function SidePanel(p: {
  ui: PrepUi;
  diagram: Diagram;
  diagrams: Diagram[];
  lint: LintResult;
  preset: PresetName;
  onPreset(p: PresetName): void;
  onPick(f: Finding): void;
  reviews: ReturnType<typeof useReviews>;
  selNodes: string[];
  selEdges: string[];
  onDelete(): void;
  compare: CompareView | null;
}) {
  const { t } = useTranslation('prep');
  const { panel, setPanel } = p.ui;
  const selected = p.selNodes.length + p.selEdges.length;
  return (
    <aside className="prep-side">
      <div className="prep-side-tabs" role="tablist">
        {(['findings', 'inspect', 'compare'] as Panel[]).map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={panel === x}
            className={`prep-side-tab${panel === x ? ' active' : ''}`}
            onClick={() => setPanel(x)}
            data-testid={`panel-${x}`}
          >
            {x === 'findings'
              ? t('findings.tab', { count: p.lint.findings.length })
              : t(`panel.${x}`)}
          </button>
        ))}
      </div>
      <div className="prep-side-body">
        {panel === 'findings' && (
          <FindingsPanel
            lint={p.lint}
            preset={p.preset}
            onPreset={p.onPreset}
            onPick={p.onPick}
            onReview={p.reviews.onReview}
            holdersForm={p.reviews.holdersForm}
            onRecordHolders={p.reviews.setHoldersFor}
          />
        )}
        {panel === 'inspect' && (
          <Inspector
            diagram={p.diagram}
            nodeIds={p.selNodes}
            edgeIds={p.selEdges}
            onDelete={p.onDelete}
          />
        )}
        {panel === 'compare' && p.compare && (
          <ComparePanel diagrams={p.diagrams} current={p.diagram} view={p.compare} ui={p.ui} />
        )}
      </div>
      {selected > 0 && panel !== 'inspect' && (
        <button
          type="button"
          className="prep-side-hint"
          onClick={() => setPanel('inspect')}
          data-testid="open-inspector"
        >
          {t('inspector.open', { count: selected })}
        </button>
      )}
    </aside>
  );
}
