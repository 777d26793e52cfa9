/** Logical output column names of the playbook query (before names.ts fits them to 63 bytes). */
export const SQL_COLUMNS = {
  accountId: 'account_id',
  segment: 'segment',
  stage: 'stage',
  daysInStage: 'days_in_stage',
  progress: 'progress',
  ready: 'ready_to_advance',
  score: 'score',
  color: 'color',
  coverage: 'coverage',
  owner: 'owner',
  ctas: 'ctas',
  raw: (id: string) => `${id}_raw`,
  points: (id: string) => `${id}_points`,
  dimension: (id: string) => `dim_${id}`,
  criterion: (stage: string, id: string) => `${stage}.${id}`,
  cta: (id: string) => `cta.${id}`,
  /** Only for CTAs whose owner comes from a field: who owns it where it fired, else NULL. */
  ctaOwner: (id: string) => `owner.${id}`,
};
