import type { MrrSummary, Summary } from './types';

/** One count in a stored run (`before`) and in a what-if preview of the same data (`after`). */
export interface CountMove {
  key: string;
  before: number;
  after: number;
}

/** A colour's accounts, their share of all accounts and their MRR, stored and previewed. */
export interface ColorMove extends CountMove {
  /** Percent of the run's accounts (NaN when the run has none). */
  shareBefore: number;
  shareAfter: number;
  /** Summed MRR of the colour's accounts with a value; null when that run has no MRR sums. */
  mrrBefore: number | null;
  mrrAfter: number | null;
}

/** The MRR sums' source on each side (null: that run recorded none). */
export interface MrrSides {
  before: Omit<MrrSummary, 'byColor'> | null;
  after: Omit<MrrSummary, 'byColor'> | null;
  /** Both sides summed the same field: the change in MRR means something. */
  comparable: boolean;
}

export interface SummaryMoves {
  /** Per colour: `order` first (the bands, best first), then others; '' (no score) last. */
  colors: ColorMove[];
  mrr: MrrSides;
  /** Fired CTAs per type (risk, expansion, lifecycle, other). */
  ctaTypes: CountMove[];
  /** Accounts per segment, in `segmentOrder` then others. */
  segments: CountMove[];
}

const CTA_TYPES = ['risk', 'expansion', 'lifecycle', 'other'];

/**
 * How a run's counts move under another model: the colour distribution (accounts, their share
 * of the run's accounts, and the MRR sums each run recorded), CTA counts by type and accounts per
 * segment, from the two runs' summaries (nothing is scored here). A key found in
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
  const share = (n: number, of: number) => (of > 0 ? (100 * n) / of : NaN);
  // A colour missing from a run's MRR sums (a band with no accounts, no score with no MRR) is 0.
  const mrrOf = (m: MrrSummary | undefined, color: string) =>
    m ? (m.byColor.find((c) => c.color === color)?.mrr ?? 0) : null;
  const side = (m: MrrSummary | undefined) =>
    m ? { field: m.field, total: m.total, missing: m.missing } : null;
  return {
    // byColor holds '' (no score) when any account has none.
    colors: moves((s) => s.byColor.map((c) => [c.color, c.count]), order.colors, '').map((m) => ({
      ...m,
      shareBefore: share(m.before, before.rowCount),
      shareAfter: share(m.after, after.rowCount),
      mrrBefore: mrrOf(before.mrr, m.key),
      mrrAfter: mrrOf(after.mrr, m.key),
    })),
    mrr: {
      before: side(before.mrr),
      after: side(after.mrr),
      comparable: !!before.mrr && !!after.mrr && before.mrr.field === after.mrr.field,
    },
    ctaTypes: moves((s) => s.ctasByTypeOwner.map((e) => [e.type, e.count]), CTA_TYPES),
    segments: moves((s) => s.byColorSegmentStage.map((e) => [e.segment, e.count]), order.segments),
  };
}

/** Why MRR is not shown, or not all of it (WhatIfPanel says each in words). */
export type MrrNote =
  | { kind: 'no-field' }
  | { kind: 'not-summed'; field: string }
  | { kind: 'not-stored' }
  | { kind: 'not-preview' }
  | { kind: 'other-field'; before: string; after: string }
  | { kind: 'missing'; before: number | null; after: number | null };

/**
 * What the colour table must say about MRR instead of showing a 0 it does not have: no MRR field
 * in the contract (`declared` null), a field that summed nothing (not a number column), a side
 * without sums, two sides that summed different fields, accounts left out for want of a value.
 */
export function mrrNotes(m: MrrSides, declared: string | null): MrrNote[] {
  if (!m.before && !m.after)
    return [declared ? { kind: 'not-summed', field: declared } : { kind: 'no-field' }];
  const notes: MrrNote[] = [];
  if (!m.before) notes.push({ kind: 'not-stored' });
  if (!m.after) notes.push({ kind: 'not-preview' });
  if (m.before && m.after && !m.comparable)
    notes.push({ kind: 'other-field', before: m.before.field, after: m.after.field });
  if ((m.before?.missing ?? 0) > 0 || (m.after?.missing ?? 0) > 0)
    notes.push({
      kind: 'missing',
      before: m.before ? m.before.missing : null,
      after: m.after ? m.after.missing : null,
    });
  return notes;
}
