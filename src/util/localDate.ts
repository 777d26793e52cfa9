/**
 * The calendar date where the user is. Scoring "as of today" must mean the user's today: the
 * UTC date is yesterday in Japan until 09:00. `now` and `timeZone` are parameters so tests pin
 * both.
 */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** YYYY-MM-DD of `now` in `timeZone` (default: the runtime's zone). */
export function localDate(now: Date = new Date(), timeZone: string = localTimeZone()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}
