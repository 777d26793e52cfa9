import type { AccountSelection } from '../../engine';
import { CtaType } from '../../model';

/**
 * Where the user is in Results, as the query part of the hash (`#/p/<id>/results?…`): the tab,
 * the open account (by its id, which survives a re-run, not its row) and the account table's
 * filters and sort. Pure, so it is tested without a DOM.
 */
export const RESULT_TABS = ['dashboard', 'ctas', 'accounts', 'backtest', 'history'] as const;
export type ResultTab = (typeof RESULT_TABS)[number];

export const SORT_KEYS = [
  'account',
  'company',
  'segment',
  'stage',
  'score',
  'trend',
  'owner',
  'ctas',
  'mrr',
  'renewal',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface AccountFilter {
  /** A colour id, or 'none' for unscored accounts. */
  color?: string;
  segment?: string;
  /** A stage id, or 'none' for accounts in no stage. */
  stage?: string;
  owner?: string;
  /** Renewal within this many days of the run's date (0 < days). */
  renewal?: number;
  q?: string;
}

/**
 * What the journey map's numbers add to a list (an exit criterion's status, ready, behind or
 * stuck, a CTA that fired): the conditions of the engine's `AccountSelection` beyond the table's
 * own colour, segment and stage filters.
 */
export type LiveSelection = Omit<AccountSelection, 'stage' | 'segment' | 'color'>;

export interface ResultsPlace {
  tab: ResultTab;
  account?: string;
  filter: AccountFilter;
  live?: LiveSelection;
  sort?: { key: SortKey; dir: 'asc' | 'desc' };
}

const FILTER_KEYS = ['color', 'segment', 'stage', 'owner', 'q'] as const;

export function parsePlace(query: string | undefined): ResultsPlace {
  const p = new URLSearchParams(query ?? '');
  const tab = p.get('tab');
  const out: ResultsPlace = {
    tab: (RESULT_TABS as readonly string[]).includes(tab ?? '') ? (tab as ResultTab) : 'dashboard',
    filter: {},
  };
  const account = p.get('account');
  if (account) out.account = account;
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) out.filter[k] = v;
  }
  const renewal = Number(p.get('renewal'));
  if (Number.isInteger(renewal) && renewal > 0) out.filter.renewal = renewal;
  const live = parseLive(p);
  if (live) out.live = live;
  const sort = p.get('sort');
  if (sort) {
    const [key, dir] = sort.split(':');
    if ((SORT_KEYS as readonly string[]).includes(key))
      out.sort = { key: key as SortKey, dir: dir === 'desc' ? 'desc' : 'asc' };
  }
  return out;
}

/**
 * The place now, for a tab, sort or filter to build on: the address's query when it is a
 * project's (newer than the last render's, since the search box writes its text there in place,
 * without a re-render), else the last render's; with the search text typed since (`typed`, not
 * yet in the address) over it — '' clears the search, null keeps the address's.
 */
export function placeNow(
  addressQuery: string | null,
  lastRendered: ResultsPlace,
  typed: string | null,
): ResultsPlace {
  const cur = addressQuery === null ? lastRendered : parsePlace(addressQuery);
  if (typed === null) return cur;
  const filter = { ...cur.filter };
  if (typed) filter.q = typed;
  else delete filter.q;
  return { ...cur, filter };
}

export function placeQuery(place: ResultsPlace): string {
  const p = new URLSearchParams();
  if (place.tab !== 'dashboard') p.set('tab', place.tab);
  if (place.account) p.set('account', place.account);
  for (const k of FILTER_KEYS) {
    const v = place.filter[k];
    if (v) p.set(k, v);
  }
  if (place.filter.renewal) p.set('renewal', String(place.filter.renewal));
  const l = place.live;
  if (l) {
    if (l.criterion !== undefined) p.set('criterion', l.criterion);
    if (l.status !== undefined) p.set('status', l.status);
    if (l.ready) p.set('ready', '1');
    if (l.progress !== undefined) p.set('progress', l.progress);
    if (l.daysKnown) p.set('daysKnown', '1');
    if (l.cta !== undefined) p.set('cta', l.cta);
    if (l.ctaType !== undefined) p.set('ctaType', l.ctaType);
  }
  if (place.sort) p.set('sort', `${place.sort.key}:${place.sort.dir}`);
  return p.toString();
}

const STATUSES = ['met', 'not_met', 'unknown'] as const;
const PROGRESS = ['behind', 'stuck'] as const;

/** The live conditions in a query; a value it does not know drops that condition. */
function parseLive(p: URLSearchParams): LiveSelection | undefined {
  const sel: LiveSelection = {};
  const status = p.get('status');
  const criterion = p.get('criterion');
  if (criterion !== null && (STATUSES as readonly string[]).includes(status ?? '')) {
    sel.criterion = criterion;
    sel.status = status as LiveSelection['status'];
  }
  if (p.get('ready') === '1') sel.ready = true;
  const progress = p.get('progress');
  if ((PROGRESS as readonly string[]).includes(progress ?? ''))
    sel.progress = progress as LiveSelection['progress'];
  if (p.get('daysKnown') === '1') sel.daysKnown = true;
  const cta = p.get('cta');
  if (cta !== null) sel.cta = cta;
  const type = CtaType.safeParse(p.get('ctaType'));
  if (type.success) sel.ctaType = type.data;
  return Object.keys(sel).length ? sel : undefined;
}

/** The engine's selection for a place: the table's colour/segment/stage plus the live ones. */
export function placeSelection(place: Pick<ResultsPlace, 'filter' | 'live'>): AccountSelection {
  const f = place.filter;
  const sel: AccountSelection = { ...place.live };
  if (f.stage !== undefined) sel.stage = f.stage === 'none' ? '' : f.stage;
  if (f.segment !== undefined) sel.segment = f.segment;
  if (f.color !== undefined) sel.color = f.color === 'none' ? '' : f.color;
  return sel;
}

/** A journey-map selection as a place on the accounts tab. */
export function selectionPlace(sel: AccountSelection): ResultsPlace {
  const { stage, segment, color, ...live } = sel;
  const filter: AccountFilter = {};
  if (stage !== undefined) filter.stage = stage === '' ? 'none' : stage;
  if (segment !== undefined) filter.segment = segment;
  if (color !== undefined) filter.color = color === '' ? 'none' : color;
  return Object.keys(live).length ? { tab: 'accounts', filter, live } : { tab: 'accounts', filter };
}
