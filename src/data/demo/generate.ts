import type { FieldContract } from '../../model';
import {
  isoToDays,
  MISSING_BOOL,
  StringColumnBuilder,
  type AccountTable,
  type Column,
} from '../../table/columns';
import { companyName } from './names';
import { clamp, normal, rng } from './random';
import { columnOf } from '../../table/columns';

/**
 * Synthetic account data for the demo project's field contract (templates/demo.json).
 * Each account has a hidden health h ∈ (0, 1); usage, NPS, tickets, relationship, meetings
 * and the renewal outcome all follow h with noise, so the demo's health score ranks accounts
 * and the backtest shows churn falling and expansion rising with colour. Same seed → same data.
 * Pure TypeScript and column-wise, so the browser generates 1,000,000 rows in about a second.
 */
export interface DemoOptions {
  rows: number;
  seed: number;
  /** The day the export was taken; dates are placed around it. */
  referenceDate?: string;
  /** Share of optional cells left empty, as in a real CRM. */
  missingRate?: number;
}

export const DEMO_REFERENCE_DATE = '2026-11-01';
const STAGES = ['onboarding', 'adoption', 'value', 'advocate'];
/** The demo journey's expectedDays per stage (templates/demo.json). */
const EXPECTED_DAYS = [60, 90, 120, 365];
const INDUSTRIES = ['saas', 'manufacturing', 'retail', 'finance', 'other'];
const RELATIONSHIPS = ['strong', 'normal', 'weak', 'unknown'];
const OUTCOMES = ['renewed', 'churned', 'expanded'];

export function generateDemoTable(opts: DemoOptions): AccountTable {
  const n = opts.rows;
  const r = rng(opts.seed);
  const ref = isoToDays(opts.referenceDate ?? DEMO_REFERENCE_DATE);
  const miss = opts.missingRate ?? 0.02;
  const num = () => new Float64Array(n);
  const bool = () => new Uint8Array(n);
  const c = {
    mrr: num(),
    employees: num(),
    contract_start: num(),
    renewal_date: num(),
    stage_entered_at: num(),
    licenses: num(),
    active_users: num(),
    setup_progress: num(),
    logins_30d: num(),
    feature_adoption: num(),
    quota_usage: num(),
    outcomes_achieved: num(),
    nps: num(),
    csat: num(),
    open_tickets: num(),
    contacts: num(),
    last_meeting_date: num(),
    kickoff_done: bool(),
    training_completed: bool(),
    shared_login_suspected: bool(),
    champion_left: bool(),
  };
  const id = new StringColumnBuilder(n);
  const name = new StringColumnBuilder(n);
  const industry = new StringColumnBuilder(n);
  const stage = new StringColumnBuilder(n);
  const relationship = new StringColumnBuilder(n);
  const outcome = new StringColumnBuilder(n);
  const m = (v: number) => (r() < miss ? NaN : v);
  const mb = (v: boolean) => (r() < miss ? MISSING_BOOL : v ? 1 : 0);

  for (let i = 0; i < n; i++) {
    // Hidden health: most accounts in the middle-upper range, a tail of troubled ones.
    const h = clamp(0.62 + 0.2 * normal(r), 0.02, 0.98);
    const noise = (s: number) => s * normal(r);
    id.set(i, `AC${String(i + 1).padStart(7, '0')}`);
    name.set(i, companyName(r, i));
    const size = r();
    const employees = Math.round(Math.exp(2.5 + 5.5 * size + noise(0.4)));
    c.employees[i] = m(employees);
    c.mrr[i] = Math.round(Math.exp(9.8 + 3.8 * size + noise(0.35)) / 1000) * 1000;
    industry.set(i, r() < miss ? null : INDUSTRIES[Math.floor(r() * INDUSTRIES.length)]);

    const tenure = Math.floor(15 + r() * 1400);
    const start = ref - tenure;
    c.contract_start[i] = start;
    const years = Math.floor(tenure / 365) + 1;
    c.renewal_date[i] = m(start + years * 365);

    // Stage from tenure and health; some unhealthy accounts stay in onboarding far too long.
    let s =
      tenure < 60
        ? 0
        : tenure < 200
          ? h > 0.45
            ? 1
            : 0
          : h > 0.8 && tenure > 500
            ? 3
            : h > 0.55
              ? 2
              : 1;
    if (s > 0 && h < 0.3 && r() < 0.3) s = 0;
    stage.set(i, STAGES[s]);
    // Time in stage against the stage's expected days: healthy accounts mostly on track,
    // unhealthy ones behind or stuck (beyond twice the expected time).
    const expected = EXPECTED_DAYS[s];
    const stretch = 0.1 + 0.7 * r() + 2.4 * (1 - h) * r() * r();
    const sinceEnter = Math.min(s === 0 ? tenure : tenure - 30, Math.floor(expected * stretch));
    c.stage_entered_at[i] = m(ref - Math.max(0, sinceEnter));

    const licenses = Math.max(3, Math.round(employees * (0.05 + 0.4 * r())));
    const utilisation = clamp(0.15 + 0.85 * h + noise(0.12), 0.02, 1.15);
    const active = Math.max(1, Math.round(licenses * utilisation));
    c.licenses[i] = m(licenses);
    c.active_users[i] = active;
    c.setup_progress[i] = m(s > 0 ? 100 : Math.round(clamp(25 + 85 * h + noise(12), 0, 100)));
    c.kickoff_done[i] = mb(s > 0 || r() < 0.4 + 0.6 * h);
    c.training_completed[i] = mb(r() < 0.2 + 0.7 * h);
    c.logins_30d[i] = m(Math.max(0, Math.round(active * clamp(1 + 19 * h + noise(3), 0, 30))));
    c.feature_adoption[i] = m(Math.round(clamp(5 + 80 * h + noise(10), 0, 100)));
    c.quota_usage[i] = m(Math.round(clamp(20 + 75 * h + noise(15), 0, 120)));
    c.shared_login_suspected[i] = mb(r() < (active >= licenses ? 0.3 : 0.03));
    c.outcomes_achieved[i] = m(
      s === 0 ? 0 : Math.max(0, Math.round(7 * h * Math.min(1, tenure / 500) + noise(1))),
    );
    c.nps[i] = m(Math.round(clamp(2 + 8.5 * h + noise(1.5), 0, 10)));
    c.csat[i] = m(Math.round(clamp(1.5 + 3.5 * h + noise(0.5), 1, 5) * 10) / 10);
    c.open_tickets[i] = m(Math.max(0, Math.round((1 - h) * 9 + noise(1.5))));
    const rel = h + noise(0.15);
    relationship.set(
      i,
      r() < miss ? null : RELATIONSHIPS[rel > 0.75 ? 0 : rel > 0.5 ? 1 : r() < 0.8 ? 2 : 3],
    );
    c.champion_left[i] = mb(r() < 0.02 + 0.12 * (1 - h) * (1 - h));
    c.contacts[i] = m(
      Math.max(1, Math.round(1 + (9 * h * Math.log10(10 + employees)) / 3 + noise(1))),
    );
    c.last_meeting_date[i] = m(ref - Math.max(0, Math.round(5 + (1 - h) * 220 * r() + noise(10))));

    // Outcome at the last renewal, only for accounts old enough to have had one.
    if (tenure >= 365) {
      const pChurn = 0.03 + 0.55 * (1 - h) ** 2.2;
      const pExpand = 0.02 + 0.5 * h ** 3;
      const u = r();
      outcome.set(i, OUTCOMES[u < pChurn ? 1 : u < pChurn + pExpand ? 2 : 0]);
    } else outcome.set(i, null);
  }
  const columns: Record<string, Column> = {
    account_id: id.build(),
    company_name: name.build(),
    industry: industry.build(),
    stage: stage.build(),
    relationship: relationship.build(),
    outcome: outcome.build(),
  };
  const dates = new Set([
    'contract_start',
    'renewal_date',
    'stage_entered_at',
    'last_meeting_date',
  ]);
  for (const [k, v] of Object.entries(c)) {
    columns[k] =
      v instanceof Uint8Array
        ? { type: 'boolean', values: v }
        : dates.has(k)
          ? { type: 'date', values: v }
          : { type: 'number', values: v };
  }
  return { rowCount: n, columns };
}

/** Field ids of a contract the generator does not fill (empty for the demo contract; tested). */
export function uncoveredFields(contract: FieldContract, table: AccountTable): string[] {
  return contract.fields.map((f) => f.id).filter((f) => !columnOf(table, f));
}
