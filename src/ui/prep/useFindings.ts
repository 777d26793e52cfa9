import { useEffect, useState } from 'react';
import type { Diagram } from '../../model';
import { lintDiagram, type LintResult } from '../../analysis/lint';
import type { PresetName } from '../../analysis/presets';
import type { Finding } from '../../analysis/types';

/** Re-lint this long after the last edit: typing a label does not lint every keystroke. */
export const LINT_DEBOUNCE_MS = 150;

function sameFinding(a: Finding, b: Finding): boolean {
  if (
    a.ruleId !== b.ruleId ||
    a.nodeId !== b.nodeId ||
    a.severity !== b.severity ||
    a.messageKey !== b.messageKey ||
    a.rank !== b.rank ||
    a.key !== b.key ||
    a.impact.score !== b.impact.score ||
    a.impact.reach !== b.impact.reach ||
    a.impact.finalPath !== b.impact.finalPath ||
    a.impact.crossOrg !== b.impact.crossOrg ||
    a.review?.status !== b.review?.status ||
    a.review?.note !== b.review?.note ||
    a.relatedNodeIds.length !== b.relatedNodeIds.length
  )
    return false;
  const ka = Object.keys(a.params);
  return ka.length === Object.keys(b.params).length && ka.every((k) => a.params[k] === b.params[k]);
}

/** Same findings in the same order (a move or a description edit usually changes none). */
export function sameFindings(a: LintResult, b: LintResult): boolean {
  return (
    a.findings.length === b.findings.length &&
    a.findings.every((f, i) => sameFinding(f, b.findings[i])) &&
    a.dismissed.length === b.dismissed.length &&
    a.dismissed.every((f, i) => sameFinding(f, b.dismissed[i]))
  );
}

/**
 * Findings of the diagram, recomputed (debounced) whenever the document changes. When they come
 * out the same, the previous result object is kept, so the panel and the 1,000 box markers do
 * not re-render after every drag.
 */
export function useFindings(diagram: Diagram, preset: PresetName): LintResult {
  const [state, setState] = useState(() => ({
    diagram,
    preset,
    result: lintDiagram(diagram, { preset }),
  }));
  useEffect(() => {
    if (state.diagram === diagram && state.preset === preset) return;
    const t = setTimeout(() => {
      const result = lintDiagram(diagram, { preset });
      setState((prev) => ({
        diagram,
        preset,
        result: sameFindings(prev.result, result) ? prev.result : result,
      }));
    }, LINT_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [diagram, preset, state.diagram, state.preset]);
  return state.result;
}
