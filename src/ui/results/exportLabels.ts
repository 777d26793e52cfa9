import type { ScoreResult } from '../../engine';
import type { QueueLabelData, SheetLabelData } from '../../workers/exportProtocol';

type Labels = {
  segment: (id: string) => string;
  stage: (id: string) => string;
  color: (id: string) => string;
  ctaType: (id: string) => string;
  priority: (id: string) => string;
};

const pairs = (ids: readonly string[], f: (id: string) => string): [string, string][] =>
  [...new Set(ids)].map((id) => [id, f(id)]);

/** The score sheet's labels for every id of the run, as data the export worker can receive. */
export function sheetLabelData(
  r: ScoreResult,
  labels: Labels,
  headers: SheetLabelData['headers'],
): SheetLabelData {
  return {
    segment: pairs(r.segmentIds, labels.segment),
    stage: pairs(r.stageIds, labels.stage),
    color: pairs(r.colorIds, labels.color),
    headers,
  };
}

/** The CTA queue's labels for every colour, CTA type and priority of the run. */
export function queueLabelData(r: ScoreResult, labels: Labels): QueueLabelData {
  return {
    color: pairs(r.colorIds, labels.color),
    ctaType: pairs(
      r.ctas.map((c) => c.type),
      labels.ctaType,
    ),
    priority: pairs(
      r.ctas.map((c) => c.priority),
      labels.priority,
    ),
  };
}
