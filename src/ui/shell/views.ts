import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ViewId } from './routes';

/** Each view is owned by its own area and loaded on demand. */
export const VIEW_COMPONENTS: Record<ViewId, LazyExoticComponent<ComponentType>> = {
  diagrams: lazy(() => import('../prep/PrepView')),
  journey: lazy(() => import('../journey/JourneyView')),
  health: lazy(() => import('../health/HealthView')),
  ctas: lazy(() => import('../cta/CtaView')),
  fields: lazy(() => import('../fields/FieldsView')),
  data: lazy(() => import('../data/DataView')),
  results: lazy(() => import('../results/ResultsView')),
  overview: lazy(() => import('../overview/OverviewView')),
};
