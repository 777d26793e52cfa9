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

export type Route = { kind: 'list' } | { kind: 'project'; id: string; view: ViewId };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'p' && parts[1]) {
    let id: string;
    try {
      id = decodeURIComponent(parts[1]);
    } catch {
      return { kind: 'list' };
    }
    const v = parts[2] as ViewId | undefined;
    return {
      kind: 'project',
      id,
      view: v && (VIEW_IDS as readonly string[]).includes(v) ? v : DEFAULT_VIEW,
    };
  }
  return { kind: 'list' };
}

export function routeHash(r: Route): string {
  return r.kind === 'list' ? '#/' : `#/p/${encodeURIComponent(r.id)}/${r.view}`;
}

export function navigate(r: Route): void {
  const h = routeHash(r);
  if (location.hash !== h) location.hash = h;
}
