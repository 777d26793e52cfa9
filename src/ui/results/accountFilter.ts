import type { AccountSelection } from '../../engine';
import { routeHash } from '../shell/routes';
import { placeQuery, selectionPlace } from './place';

/**
 * The address of a filtered account list (`#/p/<id>/results?tab=accounts&stage=…&status=…`), so
 * the journey map's numbers link to it, Back returns to the map and a reload keeps the list. It
 * is an ordinary Results place (place.ts): the table's own filters plus the live conditions.
 */
export function filterHash(projectId: string, sel: AccountSelection): string {
  return routeHash({
    kind: 'project',
    id: projectId,
    view: 'results',
    query: placeQuery(selectionPlace(sel)),
  });
}
