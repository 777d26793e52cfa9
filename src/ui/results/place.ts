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

export interface ResultsPlace {
  tab: ResultTab;
  account?: string;
  filter: AccountFilter;
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
  const sort = p.get('sort');
  if (sort) {
    const [key, dir] = sort.split(':');
    if ((SORT_KEYS as readonly string[]).includes(key))
      out.sort = { key: key as SortKey, dir: dir === 'desc' ? 'desc' : 'asc' };
  }
  return out;
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
  if (place.sort) p.set('sort', `${place.sort.key}:${place.sort.dir}`);
  return p.toString();
}
