import type { Summary } from './types';

/** One count in a stored run (`before`) and in a what-if preview of the same data (`after`). */
export interface CountMove {
  key: string;
  before: number;
  after: number;
}

export interface SummaryMoves {
  /** Per colour: `order` first (the bands, best first), then others; '' (no score) last. */
  colors: CountMove[];
  /** Fired CTAs per type (risk, expansion, lifecycle, other). */
  ctaTypes: CountMove[];
  /** Accounts per segment, in `segmentOrder` then others. */
  segments: CountMove[];
}

const CTA_TYPES = ['risk', 'expansion', 'lifecycle', 'other'];

/**
 * How a run's counts move under another model: the colour distribution, CTA counts by type and
 * accounts per segment, from the two runs' summaries (nothing is scored here). A key found in
 * only one run counts 0 in the other, so a band renamed or removed shows as leaving and arriving.
 */
export function summaryMoves(
  before: Summary,
  after: Summary,
  order: { colors: string[]; segments: string[] },
): SummaryMoves {
  const sums = (s: Summary, pick: (x: Summary) => [string, number][]) => {
    const m = new Map<string, number>();
    for (const [k, n] of pick(s)) m.set(k, (m.get(k) ?? 0) + n);
    return m;
  };
  const moves = (pick: (x: Summary) => [string, number][], first: string[], last?: string) => {
    const b = sums(before, pick);
    const a = sums(after, pick);
    const keys = [...first];
    for (const k of [...b.keys(), ...a.keys()]) if (!keys.includes(k) && k !== last) keys.push(k);
    if (last !== undefined) keys.push(last);
    return keys
      .map((key) => ({ key, before: b.get(key) ?? 0, after: a.get(key) ?? 0 }))
      .filter((m) => first.includes(m.key) || m.before || m.after);
  };
  return {
    // byColor holds '' (no score) when any account has none.
    colors: moves((s) => s.byColor.map((c) => [c.color, c.count]), order.colors, ''),
    ctaTypes: moves((s) => s.ctasByTypeOwner.map((e) => [e.type, e.count]), CTA_TYPES),
    segments: moves((s) => s.byColorSegmentStage.map((e) => [e.segment, e.count]), order.segments),
  };
}
