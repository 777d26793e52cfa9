import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../model';
import { LiveCell } from './LiveCell';
import type { LiveLayer } from './useLiveLayer';
import './live.css';

/** The map's live row: one cell of numbers per stage, from the run the bar names. */
export function LiveRow({ layer, stages }: { layer: LiveLayer; stages: readonly Stage[] }) {
  const { t } = useTranslation('journeyLive');
  if (!layer.live || !layer.asRun) return null;
  const { live, asRun } = layer;
  const ran = layer.state.kind === 'ready' ? layer.state.outcome.playbook.stages : [];
  return (
    <tr className="jm-lane jm-lane-live" data-testid="live-row">
      <th scope="row" className="jm-lane-head">
        {t('lane')}
      </th>
      {stages.map((s) => (
        <td key={s.id} className="jm-live-td" aria-label={`${t('lane')} — ${s.label}`}>
          <LiveCell
            stage={s}
            live={live.stages.get(s.id)}
            segmentScope={!!layer.segment}
            health={asRun.health}
            expected={ran.find((x) => x.id === s.id)?.expectedDays}
            open={layer.open}
          />
        </td>
      ))}
    </tr>
  );
}
