import { compilePlaybook } from '../../engine';
import type { Playbook } from '../../model';
import { afterDrawn, type FrameHooks } from './afterDrawn';

type Compiled = ReturnType<typeof compilePlaybook>;

/**
 * A stored run shown again after a reload is scored again once the dataset has arrived, and its
 * playbook is compiled on the page too (an account page explains with it). Compiled in the task
 * that starts the run, the engine's first run on the page (~10–15 ms of CPU) fell beside V8
 * finishing the major GC the dataset's arrival had begun (10–16 ms): one task of 25–45 ms of CPU,
 * ~60–110 ms of wall with one hog (docs/page-speed-log.md, session 32 reloadtask). So the page
 * compiles it ahead, once the dashboard is drawn and the page is idle (the dataset is still being
 * read in its worker then), and the run's start takes it.
 *
 * One playbook is held at a time, taken once: a run takes it only for the same playbook object
 * and date, and compiles for itself otherwise (the result is the same; compiling is pure).
 */
let held: { playbook: Playbook; asOf: string; result: Compiled } | null = null;

/** Compile `playbook` as of `asOf` after the page has drawn and is idle. Returns a cancel. */
export function compileAhead(playbook: Playbook, asOf: string, hooks?: FrameHooks): () => void {
  return afterDrawn(() => {
    try {
      held = { playbook, asOf, result: compilePlaybook(playbook, { asOf }) };
    } catch {
      // Left to the run, which compiles again and reports the error where it is shown.
      held = null;
    }
  }, hooks);
}

/** The compiled playbook: the one compiled ahead when it is this one, else compiled now. */
export function compiledPlaybook(playbook: Playbook, asOf: string): Compiled {
  const h = held;
  held = null;
  if (h && h.playbook === playbook && h.asOf === asOf) return h.result;
  return compilePlaybook(playbook, { asOf });
}

/** Whether a compiled playbook is held (tests). */
export function holdsCompiled(): boolean {
  return held !== null;
}
