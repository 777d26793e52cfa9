import { useTranslation } from 'react-i18next';
import type { LaneLayout } from '../../layout/lanes';

/**
 * The lane view's bands, under the boxes (inside the viewport): one per organisation, its name in
 * a header column at the left that stays readable (it is drawn at the band's full height).
 */
export function LaneBands({ layout }: { layout: LaneLayout }) {
  const { t } = useTranslation('prep');
  return (
    <div className="prep-lanes" aria-hidden="true">
      {layout.lanes.map((lane, i) => (
        <div
          key={lane.key || '(unassigned)'}
          className={`prep-lane prep-lane-${lane.role}${i % 2 ? ' is-odd' : ''}`}
          data-testid="lane"
          data-lane={lane.label}
          data-role={lane.role}
          style={{ top: lane.y, height: lane.height, width: layout.width }}
        >
          <div className="prep-lane-header" data-testid="lane-header">
            <span className="prep-lane-name">{lane.label || t('lanes.unassigned')}</span>
            <span className="prep-lane-role">
              {lane.role === 'named' || lane.role === 'unassigned'
                ? ''
                : t(`lanes.role.${lane.role}`)}
            </span>
            <span className="prep-lane-count">
              {t('lanes.count', { count: lane.nodeIds.length })}
            </span>
          </div>
        </div>
      ))}
    </div>
  );
}

/** What the lane view shows, and how many links cross organisations (counted from the layout). */
export function LaneLegend({ layout }: { layout: LaneLayout }) {
  const { t } = useTranslation('prep');
  return (
    <div className="prep-lane-legend" role="note" data-testid="lane-legend">
      <span className="prep-swatch-line prep-swatch-line-cross" />
      {t('lanes.cross', { count: layout.crossEdgeIds.size })}
      <span className="hint">{t('lanes.positionsKept')}</span>
    </div>
  );
}
