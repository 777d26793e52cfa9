import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramDiff } from '../../analysis/compare';
import type { Point } from '../../model';
import { placeGhosts } from '../../layout/ghosts';
import type { PrepFlowNode } from './flowModel';

const BOX = { width: 180, height: 64 };

/**
 * On the to-be's canvas (inside the viewport): the as-is boxes the to-be no longer has, ghosted,
 * and the links it no longer has, dashed grey between their boxes (ghosts or the to-be's own).
 */
export function CompareGhosts({ diff, nodes }: { diff: DiagramDiff; nodes: PrepFlowNode[] }) {
  const { t } = useTranslation('prep');
  const { ghosts, links } = useMemo(() => {
    const rect = new Map<string, { x: number; y: number; width: number; height: number }>();
    for (const n of nodes)
      rect.set(n.id, {
        ...n.position,
        width: n.measured?.width ?? BOX.width,
        height: n.measured?.height ?? BOX.height,
      });
    const at = placeGhosts(
      [...rect.values()],
      diff.removed.map((n) => ({ id: n.id, position: n.position, ...(n.size ?? BOX) })),
    );
    const ghosts = diff.removed.map((n) => ({ node: n, at: at[n.id], size: n.size ?? BOX }));
    // A removed link's ends: its as-is box, ghosted, or the to-be box it matched.
    const ghostRect = new Map(ghosts.map((g) => [g.node.id, { ...g.at, ...g.size }]));
    const end = (id: string) => ghostRect.get(id) ?? rect.get(diff.match.get(id) ?? '');
    const links = diff.edgesRemoved.flatMap((e) => {
      const a = end(e.source);
      const b = end(e.target);
      if (!a || !b) return [];
      const s: Point = { x: a.x + a.width, y: a.y + a.height / 2 };
      const d: Point = { x: b.x, y: b.y + b.height / 2 };
      const mx = (s.x + d.x) / 2;
      return [
        { id: e.id, kind: e.kind, d: `M${s.x},${s.y} C${mx},${s.y} ${mx},${d.y} ${d.x},${d.y}` },
      ];
    });
    return { ghosts, links };
  }, [diff, nodes]);
  return (
    <div className="prep-ghosts" aria-hidden="true">
      <svg className="prep-ghost-links">
        {links.map((l) => (
          <path key={l.id} d={l.d} className="prep-ghost-link" data-testid="ghost-link" />
        ))}
      </svg>
      {ghosts.map((g) => (
        <div
          key={g.node.id}
          className={`prep-ghost prep-node-${g.node.kind}`}
          data-testid="ghost-node"
          data-node-id={g.node.id}
          style={{ left: g.at.x, top: g.at.y, width: g.size.width, minHeight: g.size.height }}
        >
          <span className="prep-diff-badge prep-diff-badge-removed">
            {t('compare.markRemoved')}
          </span>
          <div className="prep-node-label">{g.node.label || t('node.untitled')}</div>
        </div>
      ))}
    </div>
  );
}

/** What the marks on the canvas mean, and which two diagrams they compare. */
export function CompareLegend({
  fromName,
  toName,
  diff,
}: {
  fromName: string;
  toName: string;
  diff: DiagramDiff;
}) {
  const { t } = useTranslation('prep');
  return (
    <div className="prep-diff-legend" role="note" data-testid="diff-legend">
      <div className="prep-diff-legend-title">
        {t('compare.legendTitle', { from: fromName, to: toName })}
      </div>
      <ul>
        <li>
          <span className="prep-swatch prep-swatch-added" />
          {t('compare.legendAdded', { count: diff.added.length })}
        </li>
        <li>
          <span className="prep-swatch prep-swatch-changed" />
          {t('compare.legendChanged', { count: diff.changed.length })}
        </li>
        <li>
          <span className="prep-swatch prep-swatch-removed" />
          {t('compare.legendRemoved', { count: diff.removed.length })}
        </li>
        <li>
          <span className="prep-swatch-line prep-swatch-line-added" />
          {t('compare.legendLinkAdded', { count: diff.edgesAdded.length })}
        </li>
        <li>
          <span className="prep-swatch-line prep-swatch-line-removed" />
          {t('compare.legendLinkRemoved', { count: diff.edgesRemoved.length })}
        </li>
      </ul>
    </div>
  );
}
