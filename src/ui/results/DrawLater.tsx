import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Draws `children` (a chart, or the stored dashboard after a reload) in a task of its own, after
 * the rest of the screen, one such part at a time: until then a box of the same height holds its
 * place. A recharts chart mounts with layout effects that measure and draw again at once, so the
 * first dashboard after a reload of a million-account project, drawn with its two charts in the
 * app's first React task, held the main thread 150 ms and more; drawn one part per task, no task
 * holds it that long. What is shown is unchanged, one task later.
 */
export function DrawLater({ height, children }: { height: number; children: ReactNode }) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const turn = { go: () => startTransition(() => setOn(true)) };
    enqueue(turn);
    return () => dequeue(turn);
  }, []);
  // Drawn (committed): the next part waiting may go, in a later task.
  useEffect(() => {
    if (on) release();
  }, [on]);
  return on ? children : <div style={{ height }} aria-hidden="true" />;
}

type Turn = { go: () => void };
const waiting: Turn[] = [];
let running: Turn | null = null;

function enqueue(t: Turn) {
  waiting.push(t);
  if (!running) next();
}
function dequeue(t: Turn) {
  const i = waiting.indexOf(t);
  if (i >= 0) waiting.splice(i, 1);
  // Unmounted before it was drawn: the part after it must not wait for it.
  if (running === t) release();
}
function release() {
  running = null;
  next();
}
function next() {
  const t = waiting.shift();
  if (!t) return;
  running = t;
  setTimeout(() => {
    if (running === t) t.go();
  }, 0);
}
