import { useEffect } from 'react';
import { projectStore } from '../../store/projectStore';
import { generatePrepDiagram } from '../../analysis/generate';
import i18next from 'i18next';

/**
 * `?bench=prep&n=1000` in the page URL: add a generated diagram of n deliverables to the open
 * project through the normal store (one undo step) and show it. Used by test/bench/prep.bench.ts
 * to measure dragging on a big diagram; creates data only, nothing else.
 */
function useBenchHookImpl(select: (id: string) => void): void {
  useEffect(() => {
    const q = new URLSearchParams(globalThis.location?.search ?? '');
    if (q.get('bench') !== 'prep') return;
    const n = Math.min(5000, Math.max(1, Number(q.get('n') ?? 1000) || 1000));
    const d = generatePrepDiagram(n);
    const exists = projectStore.current?.diagrams.some((x) => x.id === d.id);
    if (!exists) projectStore.edit(i18next.t('prep:cmd.generate'), (p) => void p.diagrams.push(d));
    select(d.id);
  }, [select]);
}

const noBenchHook = (_select: (id: string) => void): void => {};

/**
 * Only builds made with VITE_BENCH=1 (the benchmarks, the e2e suite, vitest) carry the hook; in a
 * production build the condition is a constant, so the hook and what it imports are dropped.
 */
export const useBenchHook = import.meta.env.VITE_BENCH === '1' ? useBenchHookImpl : noBenchHook;
