import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { Diagram } from '../../model';
import {
  disposeLayoutWorker,
  layoutInWorker,
  warmLayoutWorker,
  LayoutCancelledError,
  LayoutTimeoutError,
  type LayoutRun,
} from '../../layout/layoutClient';
import { applyLayout } from '../../layout/applyLayout';
import { notify } from '../common';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { BIG_DIAGRAM, nextTask } from './useFlowSync';
import { startOfFlowView } from './startView';
import { editDiagram } from './actions';
import { freezeMiniMap } from './MiniMapBox';
import { measuredSizes } from './measuredSizes';

const LAYOUT_DEADLINE_MS = 15_000;

/**
 * Auto-layout (ELK in a worker): the run in flight, its cancel, and the worker's warm-up and
 * disposal with the editor.
 */
export function useAutoLayout(opts: {
  diagram: Diagram;
  nodes: PrepFlowNode[];
  rf: ReactFlowInstance<PrepFlowNode, PrepFlowEdge>;
  wrapper: RefObject<HTMLDivElement | null>;
  stageBigChange(views: (() => void)[]): void;
  t: TFunction<'prep'>;
}): { layoutRun: LayoutRun | null; runLayout(): void } {
  const { diagram, nodes, rf, wrapper, stageBigChange, t } = opts;
  const [layoutRun, setLayoutRun] = useState<LayoutRun | null>(null);
  const layoutRunRef = useRef<LayoutRun | null>(null);
  layoutRunRef.current = layoutRun;

  useEffect(() => {
    const idle = setTimeout(() => warmLayoutWorker(), 1500);
    return () => {
      clearTimeout(idle);
      layoutRunRef.current?.cancel();
      // Leaving the diagram: free ELK's memory; the next diagram warms a fresh worker.
      disposeLayoutWorker();
      freezeMiniMap(false);
    };
  }, []);

  const runLayout = () => {
    if (layoutRun) return;
    const run = layoutInWorker(diagram, measuredSizes(nodes), { deadlineMs: LAYOUT_DEADLINE_MS });
    setLayoutRun(run);
    run.result
      .then(async (r) => {
        // Marks for the benchmark (test/bench/prep.bench.ts): answer received, result in the document.
        if (import.meta.env.VITE_BENCH === '1')
          performance.mark('waymark:layout-result', { detail: r.ms });
        const big = diagram.nodes.length > BIG_DIAGRAM;
        // The answer (structured clone of 1,000 positions and 2,000 routes) took this task; the
        // edit gets one of its own.
        if (big) await nextTask();
        if (big && wrapper.current) {
          // Big: show the start of the flow at a readable zoom with only the boxes in view
          // rendered (startView.ts), set before the boxes move (useFlowSync); Fit view shows all.
          const { width, height } = wrapper.current.getBoundingClientRect();
          const start = startOfFlowView(r, width, height);
          stageBigChange([() => void rf.setViewport(start)]);
          editDiagram(diagram.id, t('cmd.layout'), (d) => applyLayout(d as Diagram, r));
          notify({
            kind: 'info',
            text: t('layout.doneBig', { count: diagram.nodes.length }),
            action: { label: t('layout.fitAll'), run: () => void rf.fitView() },
            timeoutMs: 10_000,
          });
        } else {
          // Queued before the edit: React Flow fits in the same update that takes the new positions.
          void rf.fitView({ duration: 300 });
          editDiagram(diagram.id, t('cmd.layout'), (d) => applyLayout(d as Diagram, r));
        }
        if (import.meta.env.VITE_BENCH === '1') performance.mark('waymark:layout-applied');
      })
      .catch((e: Error) => {
        if (e instanceof LayoutCancelledError)
          notify({ kind: 'info', text: t('layout.cancelled') });
        else if (e instanceof LayoutTimeoutError)
          notify({
            kind: 'error',
            text: t('layout.timeout', {
              seconds: LAYOUT_DEADLINE_MS / 1000,
              nodes: diagram.nodes.length,
            }),
          });
        else notify({ kind: 'error', text: t('layout.failed', { reason: e.message }) });
      })
      .finally(() => setLayoutRun(null));
  };
  return { layoutRun, runLayout };
}
