import { localDate } from '../../util/localDate';

/**
 * The date a run scores as of when the user has not picked one: the project's remembered date,
 * else the last run's, else the day the dataset was imported — never silently today. Expression
 * previews use the same date, so "N accounts match" agrees with the run.
 */
export type AsOfSource = 'project' | 'lastRun' | 'dataset' | 'none';

export function defaultAsOf(
  o: {
    projectAsOf?: string;
    lastRunAsOf?: string;
    datasetCreatedAt?: string;
  },
  timeZone?: string,
): { date: string; source: AsOfSource } {
  if (o.projectAsOf) return { date: o.projectAsOf, source: 'project' };
  if (o.lastRunAsOf) return { date: o.lastRunAsOf, source: 'lastRun' };
  // The import's day where the user is, not its UTC date (Tokyo before 09:00 is a day ahead).
  if (o.datasetCreatedAt)
    return { date: localDate(new Date(o.datasetCreatedAt), timeZone), source: 'dataset' };
  return { date: '', source: 'none' };
}
