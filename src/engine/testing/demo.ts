/** Shared test inputs: the demo template's playbook and a few hand-written accounts. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Playbook } from '../../model';
import { tableFromRows, type AccountTable } from '../../table/columns';
import { readPlaybookDocument } from '../readPlaybook';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function demoPlaybook(): Playbook {
  const r = readPlaybookDocument(readFileSync(join(ROOT, 'templates', 'demo.json')));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.playbook;
}

export function tableFor(pb: Playbook, rows: Record<string, unknown>[]): AccountTable {
  const types = Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));
  return tableFromRows(rows, types);
}

export const DEMO_ROWS: Record<string, unknown>[] = [
  {
    account_id: 'A1',
    company_name: '株式会社あ',
    mrr: 600000,
    employees: 50,
    stage: 'onboarding',
    stage_entered_at: '2026-06-01',
    licenses: 100,
    active_users: 70,
    setup_progress: 90,
    kickoff_done: true,
    logins_30d: 900,
    feature_adoption: 50,
    relationship: 'strong',
    last_meeting_date: '2026-10-01',
    nps: 9,
    open_tickets: 2,
    champion_left: false,
    contacts: 1,
    renewal_date: '2027-05-01',
    outcome: 'renewed',
  },
  {
    account_id: 'A2',
    company_name: 'Y',
    mrr: 20000,
    stage: 'adoption',
    relationship: 'weak',
    champion_left: true,
    outcome: 'churned',
  },
  {
    account_id: 'A3',
    company_name: 'Z',
    mrr: 150000,
    employees: 1200,
    stage: 'value',
    stage_entered_at: '2026-09-01',
    licenses: 0,
    active_users: 0,
    setup_progress: 100,
    logins_30d: 0,
    feature_adoption: 80,
    relationship: 'normal',
    last_meeting_date: '2026-11-20',
    nps: 7,
    open_tickets: 0,
    outcomes_achieved: 4,
    quota_usage: 85,
    contacts: 5,
    outcome: 'expanded',
  },
  {
    account_id: 'A4',
    company_name: 'W',
    mrr: 120000,
    stage: 'nonsense',
    licenses: 10,
    active_users: 10,
    shared_login_suspected: true,
    logins_30d: 10,
    contacts: 2,
    outcome: 'churned',
  },
  {
    account_id: 'A5',
    company_name: 'V',
    mrr: 30000,
    stage: 'onboarding',
    stage_entered_at: '2026-01-01',
    setup_progress: 10,
    kickoff_done: false,
    relationship: 'unknown',
    nps: 3,
    open_tickets: 12,
    outcome: 'renewed',
  },
];
