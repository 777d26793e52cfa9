/**
 * Two flat objects with the same keys and the same values (`Object.is`), e.g. the account
 * table's filter: the address makes a new filter object at every change of the place (a sort,
 * a tab), and a memoised part compares it by value so it is not redrawn for an equal one.
 */
export function sameValues(a: object, b: object): boolean {
  if (a === b) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && Object.is(x[k], y[k]));
}
