/**
 * The date a run scores as of when the user has not picked one: the project's remembered date,
 * else the last run's, else the day the dataset was imported — never silently today. Expression
 * previews use the same date, so "N accounts match" agrees with the run.
 */
export type AsOfSource = 'project' | 'lastRun' | 'dataset' | 'none';

export function defaultAsOf(o: {
  projectAsOf?: string;
  lastRunAsOf?: string;
  datasetCreatedAt?: string;
}): { date: string; source: AsOfSource } {
  if (o.projectAsOf) return { date: o.projectAsOf, source: 'project' };
  if (o.lastRunAsOf) return { date: o.lastRunAsOf, source: 'lastRun' };
  if (o.datasetCreatedAt) return { date: o.datasetCreatedAt.slice(0, 10), source: 'dataset' };
  return { date: '', source: 'none' };
}
