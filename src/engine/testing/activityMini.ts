/** The mini playbook with two activity sources, and helpers to load events from CSV text. */
import type { ActivitySource, Playbook } from '../../model';
import { importActivityFile } from '../../data/activity/importActivity';
import { tableFromRows, type AccountTable } from '../../table/columns';
import type { ActivityData } from '../../table/activity';
import { miniPlaybook } from './mini';

export const LOGINS: ActivitySource = {
  id: 'logins',
  label: { ja: 'ログイン', en: 'Logins' },
  account: { column: 'account_id', match: 'key' },
  time: { column: 'logged_in_at' },
  attributes: [
    { id: 'user', label: { ja: 'ユーザー', en: 'User' }, type: 'string' },
    { id: 'kind', label: { ja: '種別', en: 'Kind' }, type: 'category', values: ['web', 'api'] },
  ],
};

export const CONTACTS: ActivitySource = {
  id: 'contacts',
  label: { ja: '接点', en: 'Contacts' },
  account: { column: '会社名', match: 'name' },
  time: { column: '日時' },
  attributes: [
    { id: 'minutes', label: { ja: '分', en: 'Minutes' }, type: 'number' },
    {
      id: 'channel',
      label: { ja: 'チャネル', en: 'Channel' },
      type: 'category',
      values: ['mail', 'call', 'visit'],
    },
    { id: 'done', label: { ja: '完了', en: 'Done' }, type: 'boolean' },
  ],
};

export function activityPlaybook(over: Partial<Playbook> = {}): Playbook {
  const pb = miniPlaybook();
  pb.fields.nameField = 'name';
  pb.fields.fields.push({
    id: 'name',
    label: { ja: '会社名', en: 'Company' },
    type: 'string',
    required: false,
  });
  return { ...pb, activity: [LOGINS, CONTACTS], ...over };
}

export const ACCOUNTS = [
  { id: 'A', name: '株式会社アルファ', mrr: 50, usage: 10 },
  { id: 'B', name: 'ベータ(株)', mrr: 500, usage: 40 },
  { id: 'C', name: 'Gamma Inc.', mrr: 5, usage: 30 },
];

export function accountTable(pb: Playbook, rows = ACCOUNTS): AccountTable {
  return tableFromRows(rows, Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type])));
}

export function loadActivity(
  pb: Playbook,
  accounts: AccountTable,
  files: Partial<Record<string, string>>,
  asOf = pb.asOf as string,
) {
  const data: ActivityData = {};
  const reports = [];
  for (const s of pb.activity ?? []) {
    const text = files[s.id];
    if (text === undefined) continue;
    const r = importActivityFile(
      new TextEncoder().encode(text),
      `${s.id}.csv`,
      s,
      { table: accounts, contract: pb.fields },
      { asOf, ...(pb.timeZone ? { timeZone: pb.timeZone } : {}) },
    );
    data[s.id] = r.table;
    reports.push(r.report);
  }
  return { data, reports };
}
