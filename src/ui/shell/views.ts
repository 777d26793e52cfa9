import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { parseRoute, type ViewId } from './routes';

type ViewModule = { default: ComponentType };

/** Each view's chunk, fetched and evaluated on demand (the same import for the view and its preload). */
const VIEW_LOADERS: Record<ViewId, () => Promise<ViewModule>> = {
  diagrams: () => import('../prep/PrepView'),
  journey: () => import('../journey/JourneyView'),
  health: () => import('../health/HealthView'),
  ctas: () => import('../cta/CtaView'),
  fields: () => import('../fields/FieldsView'),
  data: () => import('../data/DataView'),
  results: () => import('../results/ResultsView'),
  overview: () => import('../overview/OverviewView'),
};

/** Each view is owned by its own area and loaded on demand. */
export const VIEW_COMPONENTS = Object.fromEntries(
  Object.entries(VIEW_LOADERS).map(([id, load]) => [id, lazy(load)]),
) as Record<ViewId, LazyExoticComponent<ComponentType>>;

/**
 * At start, the view the address names is fetched at once, beside the bootstrap and the project's
 * opening (which it does not need): the view's chunks were only asked for once the project was
 * open, ~190 ms after the page's scripts ran and ~430 ms of fetching after that in a reload at
 * a million accounts with one CPU hog (docs/dashboard.md, session 30 reloaddash). The module is
 * evaluated once; the view's lazy component gets the same module. A failed fetch is left to the
 * view's own load (its boundary says so). Returns the view preloaded, or null.
 */
export function preloadRouteView(hash: string): ViewId | null {
  const route = parseRoute(hash);
  if (route.kind !== 'project') return null;
  VIEW_LOADERS[route.view]().catch(() => undefined);
  return route.view;
}
