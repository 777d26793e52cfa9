import {
  memo,
  useCallback,
  useDeferredValue,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Cta, Stage, TouchModel } from '../../model';
import { TouchModel as TouchEnum } from '../../model';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';
import { addStage } from './stageOps';
import { CtaCell } from './CtaCell';
import { KpiCell } from './KpiCell';
import { useLatestRun } from '../overview/useLatestRun';
import type { RunRow } from '../../store/db';
import { MapExport } from './MapExport';
import { PRINT_GROUP, PrintMap } from './PrintMap';
import { useHeadHeight } from './useHeadHeight';
import { editStage, seal } from './edit';
import { LaneItems } from './LaneItems';
import { ExitCriteriaCell } from './ExitCriteriaCell';
import { StageHeader } from './StageHeader';
import { cellElement, nextCell, parseCell, type Cell } from './gridKeys';
import { LiveBar } from './live/LiveBar';
import { LiveRow } from './live/LiveRow';
import { EmotionRow } from './live/EmotionRow';
import { PersonaCard } from './live/PersonaCard';
import { useLiveLayer } from './live/useLiveLayer';
import './journey.css';

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

/** The success roadmap: the customer's goal on top, stages as columns, lanes as rows. */
export default function JourneyView() {
  const { t } = useTranslation('journey');
  const journey = useProject((p) => p.journey);
  const ctas = useProject((p) => p.ctas);
  const name = useProject((p) => p.meta.name);
  const projectId = useProject((p) => p.id);
  const { run } = useLatestRun(projectId);
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [notice, setNotice] = useState('');
  const grid = useRef<HTMLTableElement>(null);
  const stages = journey.stages;
  const live = useLiveLayer();
  useHeadHeight(grid, stages.length);
  // A keystroke in a cell changes one stage: the headers get the ids (the same array while no
  // id changes) and the lane cells are memoised, so only the edited stage's cells re-render; the
  // print copy of the whole map follows in a deferred (interruptible) render.
  const idKey = stages.map((s) => s.id).join('\u0000');
  const stageIds = useMemo(
    () => stages.map((s) => ({ id: s.id })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the ids by value (idKey)
    [idKey],
  );
  const laneLabel = useMemo(
    () => Object.fromEntries(LANES.map((l) => [l, t(`lane.${l}`)])) as Record<Lane, string>,
    [t],
  );
  const printStages = useDeferredValue(stages);

  const onDeleted = useCallback(
    (label: string, removed: string[]) => {
      setNotice(
        removed.length
          ? t('deletedWithCtas', { stage: label, count: removed.length, ctas: removed.join(', ') })
          : t('deleted', { stage: label }),
      );
    },
    [t],
  );

  const add = () => {
    projectStore.edit(t('undo.addStage'), (p) => {
      addStage(p, t('newStageLabel', { n: p.journey.stages.length + 1 }));
    });
    setNotice('');
    requestAnimationFrame(() => {
      const labels = grid.current?.querySelectorAll<HTMLTextAreaElement>('textarea.jm-stage-label');
      labels?.[labels.length - 1]?.select();
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const target = e.target as HTMLElement;
    const cell = parseCell(target);
    if (cell) {
      if (e.key === 'Enter' || e.key === 'F2') {
        const f = target.querySelector<HTMLElement>('input, textarea, select, button');
        if (f) {
          e.preventDefault();
          f.focus();
        }
        return;
      }
      const next = nextCell(e.key, cell, LANES.length, stages.length, e.ctrlKey || e.metaKey);
      if (next) {
        e.preventDefault();
        setActive(next);
        cellElement(grid.current, next)?.focus();
      }
    } else if (e.key === 'Escape') {
      const td = target.closest<HTMLElement>('[data-cell]');
      if (td && !e.defaultPrevented) {
        e.preventDefault();
        td.focus();
      }
    }
  };

  return (
    <section className="jm-view" aria-labelledby="jm-title">
      <header className="jm-head">
        <h2 id="jm-title">{t('title')}</h2>
        <div className="jm-toolbar no-print">
          <button type="button" onClick={add}>
            + {t('addStage')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
          <MapExport
            name={name}
            goal={journey.goal}
            stages={stages}
            ctas={ctas}
            onError={setNotice}
          />
        </div>
      </header>
      <label className="jm-goal">
        <span>{t('goal')}</span>
        <textarea
          rows={2}
          value={journey.goal}
          placeholder={t('goalPlaceholder')}
          onChange={(e) =>
            projectStore.edit(
              t('undo.editGoal'),
              (p) => {
                p.journey.goal = e.target.value;
              },
              { coalesceKey: 'jm.goal' },
            )
          }
          onBlur={seal}
        />
      </label>
      <PersonaCard layer={live} />
      <p className="jm-notice" role="status">
        {notice}
      </p>
      <LiveBar layer={live} stages={stages} />
      {stages.length === 0 ? (
        <div className="jm-empty">
          <p>{t('empty')}</p>
          <button type="button" onClick={add}>
            + {t('addStage')}
          </button>
        </div>
      ) : (
        <div className="jm-scroll" data-stages={stages.length}>
          <table
            className="jm-grid"
            ref={grid}
            onKeyDown={onKeyDown}
            aria-label={t('gridAria')}
            style={{ ['--jm-cols' as string]: stages.length }}
          >
            <thead>
              <tr>
                <th scope="col" className="jm-corner">
                  {t('laneHeader')}
                </th>
                {stages.map((s, i) => (
                  <StageHeader
                    key={s.id}
                    stage={s}
                    index={i}
                    stages={stageIds}
                    onDeleted={onDeleted}
                  />
                ))}
              </tr>
            </thead>
            <tbody>
              <LiveRow layer={live} stages={stages} />
              <EmotionRow layer={live} stages={stages} />
              {LANES.map((lane, r) => (
                <tr key={lane} className={`jm-lane jm-lane-${lane}`}>
                  <th scope="row" className="jm-lane-head">
                    <span className="jm-lane-label">{laneLabel[lane]}</span>
                  </th>
                  {stages.map((s, c) => (
                    <td
                      key={s.id}
                      data-cell={`${r}:${c}`}
                      tabIndex={active.row === r && active.col === c ? 0 : -1}
                      onFocus={() => setActive({ row: r, col: c })}
                      aria-label={`${laneLabel[lane]} — ${s.label}`}
                    >
                      <LaneCell lane={lane} stage={s} ctas={ctas} run={run} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PrintMap
        goal={journey.goal}
        stages={printStages}
        ctas={ctas}
        groupSize={PRINT_GROUP}
        className="jm-print"
      />
      <p className="jm-hint no-print">{t('keysHint')}</p>
    </section>
  );
}

const LaneCell = memo(function LaneCell({
  lane,
  stage,
  ctas,
  run,
}: {
  lane: Lane;
  stage: Stage;
  ctas: Cta[];
  run: RunRow | null;
}) {
  const { t } = useTranslation('journey');
  switch (lane) {
    case 'definition':
      return (
        <div className="jm-def">
          <textarea
            rows={3}
            value={stage.definition}
            placeholder={t('definitionPlaceholder')}
            aria-label={t('definitionAria', { stage: stage.label })}
            onChange={(e) =>
              editStage(
                t('undo.editDefinition'),
                stage.id,
                (s) => {
                  s.definition = e.target.value;
                },
                `jm.${stage.id}.def`,
              )
            }
            onBlur={seal}
          />
          <label className="jm-days">
            {t('expectedDays')}
            <input
              type="number"
              min={1}
              step={1}
              value={stage.expectedDays ?? ''}
              aria-label={t('expectedDaysAria', { stage: stage.label })}
              onChange={(e) => {
                const n = e.target.valueAsNumber;
                editStage(
                  t('undo.editDefinition'),
                  stage.id,
                  (s) => {
                    if (Number.isInteger(n) && n > 0) s.expectedDays = n;
                    else delete s.expectedDays;
                  },
                  `jm.${stage.id}.days`,
                );
              }}
              onBlur={seal}
            />
          </label>
        </div>
      );
    case 'touch':
      return (
        <select
          className={`jm-touch jm-touch-${stage.touch}`}
          value={stage.touch}
          aria-label={t('touchAria', { stage: stage.label })}
          onChange={(e) =>
            editStage(t('undo.editTouch'), stage.id, (s) => {
              s.touch = e.target.value as TouchModel;
            })
          }
        >
          {TouchEnum.options.map((o) => (
            <option key={o} value={o}>
              {t(`touch.${o}`)}
            </option>
          ))}
        </select>
      );
    case 'exitCriteria':
      return <ExitCriteriaCell stage={stage} />;
    case 'ctas':
      return <CtaCell stage={stage} ctas={ctas} />;
    case 'kpis':
      return <KpiCell stage={stage} run={run} />;
    default:
      return <LaneItems stage={stage} lane={lane} />;
  }
});
