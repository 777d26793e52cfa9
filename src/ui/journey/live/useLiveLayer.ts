import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  LIVE_SLICE_ROWS,
  liveStages,
  liveStagesSteps,
  type AccountSelection,
  type LiveMap,
  type ScoreResult,
} from '../../../engine';
import type { Project } from '../../../model';
import { columnOf } from '../../../table/columns';
import { useOpenProject } from '../../common/useProject';
import { filterHash } from '../../results/accountFilter';
import { projectAsRun } from '../../results/runProject';
import { useLiveRun, type LiveState } from './useLiveRun';

const SHOW_KEY = 'waymark.journey.live';
/** The segment picked per project, kept while the user goes to the account list and back. */
const pickedSegment = new Map<string, string>();

/** Live numbers of large runs already counted, by run and segment|experience field. */
const liveKept = new WeakMap<ScoreResult, Map<string, LiveMap>>();
const keptLive = (r: ScoreResult, key: string) => liveKept.get(r)?.get(key) ?? null;
function keepLive(r: ScoreResult, key: string, live: LiveMap) {
  let m = liveKept.get(r);
  if (!m) liveKept.set(r, (m = new Map()));
  m.set(key, live);
}

function readShow(): boolean {
  try {
    return localStorage.getItem(SHOW_KEY) !== 'off';
  } catch {
    return true;
  }
}

/** The experience column of the run's table, or why there is none. */
export type Experience =
  | { kind: 'none' }
  | { kind: 'missing'; field: string }
  | { kind: 'column'; field: string; values: Float64Array };

export interface LiveLayer {
  state: LiveState;
  runNow: () => void;
  /** The stale notice's "preview without saving" (null: no stored run shown). */
  previewNow: (() => void) | null;
  asOf: string;
  show: boolean;
  setShow: (v: boolean) => void;
  /** '' = all segments. */
  segment: string;
  setSegment: (id: string) => void;
  /** The numbers, only with a run and the layer shown. */
  live: LiveMap | null;
  /** The project as the run saw it (labels and colours of the numbers). */
  asRun: Project | null;
  experience: Experience;
  /** Go to the Results account list holding exactly these accounts. */
  open: (sel: AccountSelection) => void;
}

/** State of the journey map's live layer: which run, which segment, shown or hidden. */
export function useLiveLayer(): LiveLayer {
  const project = useOpenProject()!;
  const { state, runNow, previewNow, asOfLabel } = useLiveRun();
  const [show, setShowState] = useState(readShow);
  const setShow = useCallback((v: boolean) => {
    setShowState(v);
    try {
      localStorage.setItem(SHOW_KEY, v ? 'on' : 'off');
    } catch {
      // A browser without storage keeps the choice for this page only.
    }
  }, []);
  const [segment, setSegmentState] = useState(
    () => pickedSegment.get(project.id) ?? project.journey.persona?.segment ?? '',
  );
  const setSegment = useCallback(
    (id: string) => {
      pickedSegment.set(project.id, id);
      setSegmentState(id);
    },
    [project.id],
  );
  const outcome = state.kind === 'ready' ? state.outcome : null;
  // A segment the run does not know (deleted since) falls back to all segments.
  const seg = outcome && segment && outcome.result.segmentIds.includes(segment) ? segment : '';
  const field = project.journey.experienceField;
  const experience = useMemo<Experience>(() => {
    if (!field || !outcome) return { kind: 'none' };
    const col = columnOf(outcome.table, field);
    return col && col.type === 'number'
      ? { kind: 'column', field, values: col.values }
      : { kind: 'missing', field };
  }, [field, outcome]);
  // A million rows took one 100–500 ms task on the page: a large run is counted in slices of
  // ~20 ms, and kept per run, segment and experience field for the next visit.
  const key = `${seg}|${experience.kind === 'column' ? experience.field : ''}`;
  const result = outcome && show ? outcome.result : null;
  const small = useMemo(
    () =>
      result && result.rowCount <= LIVE_SLICE_ROWS
        ? liveStages(result, {
            segment: seg || undefined,
            experience: experience.kind === 'column' ? experience.values : null,
          })
        : null,
    [result, seg, experience],
  );
  const [counted, setCounted] = useState(0);
  useEffect(() => {
    if (!result || result.rowCount <= LIVE_SLICE_ROWS || keptLive(result, key)) return;
    const steps = liveStagesSteps(result, {
      segment: seg || undefined,
      experience: experience.kind === 'column' ? experience.values : null,
    });
    let stop = false;
    const step = () => {
      if (stop) return;
      const t0 = performance.now();
      for (;;) {
        const x = steps.next();
        if (x.done) {
          keepLive(result, key, x.value);
          setCounted((n) => n + 1);
          return;
        }
        if (performance.now() - t0 > 20) break;
      }
      setTimeout(step, 0);
    };
    const first = setTimeout(step, 0);
    return () => {
      stop = true;
      clearTimeout(first);
    };
  }, [result, key, seg, experience]);
  void counted;
  const live = small ?? (result ? keptLive(result, key) : null);
  const asRun = useMemo(
    () => (outcome ? projectAsRun(project, outcome.playbook) : null),
    [outcome, project],
  );
  const open = useCallback(
    (sel: AccountSelection) => {
      location.hash = filterHash(project.id, seg ? { ...sel, segment: seg } : sel);
    },
    [project.id, seg],
  );
  return {
    state,
    runNow,
    previewNow,
    asOf: asOfLabel,
    show,
    setShow,
    segment: seg,
    setSegment,
    live,
    asRun,
    experience,
    open,
  };
}
