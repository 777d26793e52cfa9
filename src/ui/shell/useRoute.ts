import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './routes';

let cachedHash = '';
let cached: Route = { kind: 'list' };

function snapshot(): Route {
  if (location.hash !== cachedHash) {
    cachedHash = location.hash;
    cached = parseRoute(cachedHash);
  }
  return cached;
}

function subscribe(l: () => void): () => void {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
}

/** The current hash route; re-renders on hashchange. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
