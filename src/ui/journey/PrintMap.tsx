import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cta, Stage } from '../../model';
import { ctasForStage } from './stageOps';

/** Stages per printed page group: five columns read well on A3 (and A4) landscape. */
export const PRINT_GROUP = 5;

const LANES = [
  'definition',
  'customerActions',
  'momentsOfTruth',
  'resources',
  'touch',
  'exitCriteria',
  'kpis',
  'ctas',
] as const;
type Lane = (typeof LANES)[number];

/** Stage groups of at most `size` columns (the last one may be shorter). */
export function stageGroups<T>(stages: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < stages.length; i += size) out.push(stages.slice(i, i + size));
  return out;
}

/**
 * The map as plain text for paper and images: stages split into groups of `groupSize`
 * columns, each group its own table whose stage-name row the browser repeats on every page
 * the group runs over, so every printed page names its stages.
 */
/** Memoised: JourneyView hands it a deferred copy of the stages, drawn after each keystroke's own render. */
export const PrintMap = memo(function PrintMap({
  goal,
  stages,
  ctas,
  groupSize,
  className,
}: {
  goal: string;
  stages: Stage[];
  ctas: Cta[];
  groupSize: number;
  className: string;
}) {
  const { t } = useTranslation(['journey', 'mapCells']);
  const groups = stageGroups(stages, groupSize);
  let first = 0;
  return (
    <div className={className} data-testid={className}>
      {groups.map((g) => {
        const from = first + 1;
        first += g.length;
        return (
          <section className="jm-print-group" key={g[0].id}>
            <p className="jm-print-goal">
              <span>
                <strong>{t('goal')}:</strong> {goal}
              </span>
              <span className="jm-print-range">
                {t('mapCells:print.pageOf', { from, to: first, count: stages.length })}
              </span>
            </p>
            <table className="jm-print-table">
              <colgroup>
                <col className="jm-print-lanecol" />
                {g.map((s) => (
                  <col key={s.id} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('mapCells:print.lane')}</th>
                  {g.map((s, i) => (
                    <th scope="col" key={s.id} className="jm-print-stage">
                      <span className="jm-stage-num">{from + i}</span> {s.label || s.id}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {LANES.map((lane) => (
                  <tr key={lane}>
                    <th scope="row">{t(`lane.${lane}`)}</th>
                    {g.map((s) => (
                      <td key={s.id}>
                        <PrintCell lane={lane} stage={s} ctas={ctas} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
});

function List({ items }: { items: string[] }) {
  const { t } = useTranslation('mapCells');
  const shown = items.filter((x) => x.trim() !== '');
  if (shown.length === 0) return <span className="jm-muted">{t('print.none')}</span>;
  return (
    <ul>
      {shown.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}

function PrintCell({ lane, stage, ctas }: { lane: Lane; stage: Stage; ctas: Cta[] }) {
  const { t } = useTranslation(['journey', 'mapCells']);
  switch (lane) {
    case 'definition':
      return (
        <>
          {stage.definition}
          {stage.expectedDays !== undefined && (
            <div className="jm-muted">
              {t('expectedDays')}: {stage.expectedDays}
            </div>
          )}
        </>
      );
    case 'touch':
      return <>{t(`touch.${stage.touch}`)}</>;
    case 'momentsOfTruth':
      return (
        <List items={stage.momentsOfTruth.map((m) => `${m.text} (${t(`channel.${m.channel}`)})`)} />
      );
    case 'exitCriteria':
      return (
        <ul>
          {stage.exitCriteria.map((c) => (
            <li key={c.id}>
              {c.label}
              {c.expr && <code> {c.expr}</code>}
            </li>
          ))}
        </ul>
      );
    case 'ctas':
      return (
        <List
          items={ctasForStage(ctas, stage.id).map(
            ({ cta, all }) =>
              `${t(`ctaType.${cta.type}`)}: ${cta.label || cta.id}${all ? ` (${t('mapCells:print.allStages')})` : ''}`,
          )}
        />
      );
    default:
      return <List items={stage[lane].map((x) => x.text)} />;
  }
}
