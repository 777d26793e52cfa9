import { localDate } from '../../util/localDate';

/** The as-of date a run starts with: the project's, else today where the user is (not the UTC date). */
export function defaultAsOf(
  projectAsOf: string | undefined,
  now: Date = new Date(),
  timeZone?: string,
): string {
  return projectAsOf ?? localDate(now, timeZone);
}
