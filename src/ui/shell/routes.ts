/** Hash routes, so a reload keeps the place: `#/` (projects), `#/p/<id>/<view>`. */
export const VIEW_IDS = [
  'diagrams',
  'journey',
  'health',
  'ctas',
  'fields',
  'data',
  'results',
  'overview',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];
export const DEFAULT_VIEW: ViewId = 'diagrams';

/**
 * `query` is what follows `?` in the hash (`#/p/<id>/results?tab=accounts&color=red`): a view's
 * own place (a results tab, an account, filters), so reload and Back keep it.
 */
export type Route =
  { kind: 'list' } | { kind: 'project'; id: string; view: ViewId; query?: string };

export function parseRoute(hash: string): Route {
  const q = hash.indexOf('?');
  const query = q >= 0 ? hash.slice(q + 1) : '';
  const parts = (q >= 0 ? hash.slice(0, q) : hash).replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'p' && parts[1]) {
    let id: string;
    try {
      id = decodeURIComponent(parts[1]);
    } catch {
      return { kind: 'list' };
    }
    const v = parts[2] as ViewId | undefined;
    const view = v && (VIEW_IDS as readonly string[]).includes(v) ? v : DEFAULT_VIEW;
    return query ? { kind: 'project', id, view, query } : { kind: 'project', id, view };
  }
  return { kind: 'list' };
}

export function routeHash(r: Route): string {
  if (r.kind === 'list') return '#/';
  const base = `#/p/${encodeURIComponent(r.id)}/${r.view}`;
  return r.query ? `${base}?${r.query}` : base;
}

export function navigate(r: Route): void {
  const h = routeHash(r);
  if (location.hash !== h) location.hash = h;
}

/** Change the open view's own place (`query`): a new history entry, or in place with `replace`. */
export function setViewQuery(query: string, replace = false): void {
  const cur = parseRoute(location.hash);
  if (cur.kind !== 'project') return;
  const h = routeHash({ kind: 'project', id: cur.id, view: cur.view, query });
  if (location.hash === h) return;
  if (replace) {
    history.replaceState(history.state, '', h);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = h;
}

/**
 * Write the open view's place into the address in place, telling no one (no hashchange): for a
 * place the view already shows from its own state — the account search's text, written at every
 * key — so that a key does not re-render the app through the route. The address is right at
 * once (reload and Back find it); whoever renders next reads it (useRoute reads location.hash).
 */
export function writeViewQuery(query: string): void {
  const cur = parseRoute(location.hash);
  if (cur.kind !== 'project') return;
  const h = routeHash({ kind: 'project', id: cur.id, view: cur.view, query });
  if (location.hash !== h) history.replaceState(history.state, '', h);
}
