import { useState } from 'react';

/**
 * False until a render where `value` is true, then true for good (this mount). The account
 * table starts its idle indexing (textsAhead.ts) once its first query is answered, not when
 * rows are first drawn: every row can be drawn before the worker's answer (everyRowFirst.ts).
 */
export function useOnceTrue(value: boolean): boolean {
  const [held, setHeld] = useState(value);
  // Set during the render that first sees it (React re-renders at once, before the commit).
  if (!held && value) setHeld(true);
  return held || value;
}
