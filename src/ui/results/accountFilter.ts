import { useSyncExternalStore } from 'react';
import type { AccountSelection } from '../../engine';
import { CtaType } from '../../model';

/**
 * A filtered account list has an address of its own, `#/p/<id>/results/accounts?stage=…`, so
 * the journey map's numbers link to it, Back returns to the map and a reload keeps the list.
 * The route parser reads only `#/p/<id>/results`; the rest is read here.
 */
const MARK = '/results/accounts?';

export function filterHash(projectId: string, sel: AccountSelection): string {
  const q = new URLSearchParams();
  if (sel.stage !== undefined) q.set('stage', sel.stage);
  if (sel.segment !== undefined) q.set('segment', sel.segment);
  if (sel.color !== undefined) q.set('color', sel.color);
  if (sel.criterion !== undefined) q.set('criterion', sel.criterion);
  if (sel.status !== undefined) q.set('status', sel.status);
  if (sel.ready) q.set('ready', '1');
  if (sel.progress !== undefined) q.set('progress', sel.progress);
  if (sel.daysKnown) q.set('daysKnown', '1');
  if (sel.cta !== undefined) q.set('cta', sel.cta);
  if (sel.ctaType !== undefined) q.set('ctaType', sel.ctaType);
  return `#/p/${encodeURIComponent(projectId)}${MARK}${q.toString()}`;
}

const STATUSES = ['met', 'not_met', 'unknown'] as const;
const PROGRESS = ['behind', 'stuck'] as const;

/** The selection in a hash, or null when the hash is not a filtered account list. */
export function parseFilterHash(hash: string): AccountSelection | null {
  const at = hash.indexOf(MARK);
  if (at < 0) return null;
  const q = new URLSearchParams(hash.slice(at + MARK.length));
  const sel: AccountSelection = {};
  const str = (k: string) => q.get(k) ?? undefined;
  if (q.has('stage')) sel.stage = str('stage');
  if (q.has('segment')) sel.segment = str('segment');
  if (q.has('color')) sel.color = str('color');
  if (q.has('criterion')) sel.criterion = str('criterion');
  const status = q.get('status');
  if (status) {
    if (!(STATUSES as readonly string[]).includes(status)) return null;
    sel.status = status as AccountSelection['status'];
  }
  if (q.get('ready') === '1') sel.ready = true;
  const progress = q.get('progress');
  if (progress) {
    if (!(PROGRESS as readonly string[]).includes(progress)) return null;
    sel.progress = progress as AccountSelection['progress'];
  }
  if (q.get('daysKnown') === '1') sel.daysKnown = true;
  if (q.has('cta')) sel.cta = str('cta');
  const type = q.get('ctaType');
  if (type) {
    const t = CtaType.safeParse(type);
    if (!t.success) return null;
    sel.ctaType = t.data;
  }
  return sel;
}

let cachedHash: string | null = null;
let cached: AccountSelection | null = null;
function snapshot(): AccountSelection | null {
  if (location.hash !== cachedHash) {
    cachedHash = location.hash;
    cached = parseFilterHash(cachedHash);
  }
  return cached;
}
function subscribe(l: () => void): () => void {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
}

/** The account-list filter in the address, if any (re-renders when it changes). */
export function useAccountFilter(): AccountSelection | null {
  return useSyncExternalStore(subscribe, snapshot);
}
