import type { Diagram } from '../model';

/** Names that say which side of a comparison a diagram is (ja and en, as consultants name them). */
const AS_IS = /as[\s_-]?is|現状|現行|before|改善前/i;
const TO_BE = /to[\s_-]?be|あるべき|将来|改善後|after/i;

export type PickReason = 'names' | 'order' | 'single';

export interface ComparePick {
  fromId: string;
  toId: string;
  /** Why these two: by their names (as-is / to-be, 現状 / あるべき…), by tab order, or only one diagram. */
  reason: PickReason;
}

/**
 * The as-is and to-be to compare by default. The rule, in order:
 * 1. Names: a diagram named as-is (as-is, 現状, 現行, before, 改善前) and one named to-be (to-be,
 *    あるべき, 将来, 改善後, after); the open diagram is preferred on its side, else the last
 *    such tab (the most recent).
 * 2. Tab order (tabs are in creation order, a to-be is usually drawn after its as-is): the open
 *    diagram is the to-be and the tab before it the as-is; for the first tab, the tab after it
 *    is the to-be.
 */
export function pickComparison(diagrams: Diagram[], currentId: string): ComparePick {
  const i = Math.max(
    0,
    diagrams.findIndex((d) => d.id === currentId),
  );
  const cur = diagrams[i];
  if (!cur) return { fromId: currentId, toId: currentId, reason: 'single' };
  if (diagrams.length === 1) return { fromId: cur.id, toId: cur.id, reason: 'single' };
  const last = (re: RegExp, not: RegExp) =>
    [...diagrams].reverse().find((d) => re.test(d.name) && !not.test(d.name));
  const isAsIs = AS_IS.test(cur.name) && !TO_BE.test(cur.name);
  const isToBe = TO_BE.test(cur.name) && !AS_IS.test(cur.name);
  const asIs = isAsIs ? cur : last(AS_IS, TO_BE);
  const toBe = isToBe ? cur : last(TO_BE, AS_IS);
  if (asIs && toBe && asIs !== toBe) return { fromId: asIs.id, toId: toBe.id, reason: 'names' };
  // One side named: the open diagram (or its neighbour) is the other side.
  const neighbour = diagrams[i > 0 ? i - 1 : i + 1];
  if (asIs && asIs !== cur) return { fromId: asIs.id, toId: cur.id, reason: 'names' };
  if (toBe && toBe !== cur) return { fromId: cur.id, toId: toBe.id, reason: 'names' };
  if (isAsIs) return { fromId: cur.id, toId: diagrams[i + 1]?.id ?? neighbour.id, reason: 'names' };
  if (isToBe) return { fromId: neighbour.id, toId: cur.id, reason: 'names' };
  return i > 0
    ? { fromId: diagrams[i - 1].id, toId: cur.id, reason: 'order' }
    : { fromId: cur.id, toId: diagrams[1].id, reason: 'order' };
}
