/**
 * Synthetic activity logs for the demo accounts (generateDemoTable), consistent with them:
 * logins by each account's active users (accounts that churn or lost their champion log in
 * far less in the last 30 days than in the 30 before: "logins fell by half"), seminar
 * attendance that follows the relationship, and the contact history — including the last
 * meeting date of the account data — written with company names spelled the way a sales
 * sheet spells them (名寄せ joins them back). Same seed → same files.
 */
import { cellValue, isoToDays, type AccountTable } from '../../table/columns';
import type { ActivitySource } from '../../model';
import { DEMO_REFERENCE_DATE } from './generate';
import { clamp, pick, rng } from './random';

export interface DemoActivityOptions {
  seed: number;
  referenceDate?: string;
}

/** CSV text per file name (header first), in account order. */
export type DemoActivityFiles = Record<'logins.csv' | 'seminars.csv' | 'contacts.csv', string[]>;

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
function stamp(days: number, minutes: number, form: number): string {
  const d = new Date(days * DAY + minutes * 60_000);
  const ymd = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  // Exports mix forms: local time, and instants with an offset.
  return form === 0 ? `${ymd} ${hm}:00` : `${ymd}T${hm}:00+09:00`;
}
const csv = (cells: Array<string | number>) =>
  cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',');

const SEMINARS = ['活用セミナー', '新機能説明会', 'ユーザー会', 'Admin training'];
const CHANNELS = ['訪問', '電話', 'メール', 'Web会議'];

/** A company name as someone else's sheet might spell it (legal form moved or dropped). */
function respell(name: string, r: () => number): string {
  const u = r();
  if (u < 0.5) return name;
  const core = name.replace(/株式会社|\(株\)|（株）/g, '').trim();
  return u < 0.75 ? `${core}(株)` : u < 0.9 ? core : `株式会社 ${core}`;
}

/** All lines in memory (the app's first-start demo, tests). */
export function generateDemoActivity(
  accounts: AccountTable,
  opts: DemoActivityOptions,
): DemoActivityFiles {
  const files: DemoActivityFiles = { 'logins.csv': [], 'seminars.csv': [], 'contacts.csv': [] };
  writeDemoActivity(accounts, opts, files);
  return files;
}

/** Where each file's lines go, header first: arrays, or a writer (demo-data streams 50M rows). */
export type DemoActivitySink = Record<keyof DemoActivityFiles, { push(line: string): unknown }>;

export function writeDemoActivity(
  accounts: AccountTable,
  opts: DemoActivityOptions,
  out: DemoActivitySink,
): void {
  const r = rng(opts.seed * 7919 + 17);
  const ref = isoToDays(opts.referenceDate ?? DEMO_REFERENCE_DATE);
  const col = (id: string) => accounts.columns[id];
  const val = (id: string, i: number) => {
    const c = col(id);
    return c ? cellValue(c, i) : null;
  };
  const logins = out['logins.csv'];
  const seminars = out['seminars.csv'];
  const contacts = out['contacts.csv'];
  logins.push(csv(['account_id', 'logged_in_at', 'user_id', 'channel']));
  seminars.push(csv(['アカウントID', '開催日', 'セミナー', '出席']));
  contacts.push(csv(['会社名', '日時', 'チャネル', '担当', '分']));
  for (let i = 0; i < accounts.rowCount; i++) {
    const id = String(val('account_id', i) ?? '');
    const name = String(val('company_name', i) ?? '');
    const active = Number(val('active_users', i) ?? 3);
    const logins30 = Number(val('logins_30d', i) ?? 0);
    const declining = val('champion_left', i) === true || val('outcome', i) === 'churned';
    const rel = String(val('relationship', i) ?? 'unknown');
    // Users who log in, and their daily chance of logging in (from the account's usage level).
    const users = clamp(Math.round(active), 0, 8);
    const perUserDay = clamp(logins30 / Math.max(1, active) / 30 / 10, 0.1, 0.9);
    for (let u = 0; u < users; u++) {
      for (let back = 59; back >= 0; back--) {
        // The last 30 days (back < 30) fall to a quarter for declining accounts.
        const p = declining && back < 30 ? perUserDay * 0.25 : perUserDay;
        if (r() >= p) continue;
        const minutes = 8 * 60 + Math.floor(r() * 11 * 60);
        logins.push(
          csv([
            id,
            stamp(ref - back, minutes, r() < 0.3 ? 1 : 0),
            `${id}-u${u + 1}`,
            r() < 0.85 ? 'web' : 'mobile',
          ]),
        );
      }
    }
    // Seminars: a stronger relationship attends more.
    const pSeminar = rel === 'strong' ? 0.5 : rel === 'normal' ? 0.3 : 0.1;
    for (let k = 0; k < 4; k++) {
      if (r() >= pSeminar) continue;
      const d = new Date((ref - 10 - Math.floor(r() * 170)) * DAY);
      seminars.push(
        csv([
          id,
          `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`,
          pick(r, SEMINARS),
          r() < 0.85 ? '○' : '×',
        ]),
      );
    }
    // Contacts: the last meeting from the account data, plus earlier ones.
    const lm = col('last_meeting_date');
    const last = lm && lm.type === 'date' ? lm.values[i] : NaN;
    const n = clamp(Number(val('contacts', i) ?? 1), 0, 12);
    const dates: number[] = [];
    if (last === last && last <= ref) dates.push(last);
    const oldest = last === last ? last : ref - 30;
    for (let k = 1; k < n; k++) dates.push(oldest - 1 - Math.floor(r() * 170));
    for (const d of dates.sort((a, b) => a - b)) {
      const isLast = d === last;
      const d2 = new Date(d * DAY + (9 + Math.floor(r() * 9)) * 3_600_000);
      contacts.push(
        csv([
          respell(name, r),
          `${d2.getUTCFullYear()}/${d2.getUTCMonth() + 1}/${d2.getUTCDate()} ${d2.getUTCHours()}:${pad(d2.getUTCMinutes())}`,
          isLast ? '訪問' : pick(r, CHANNELS),
          pick(r, ['佐藤', '鈴木', '高橋', 'Tanaka']),
          isLast ? 60 : 15 + 15 * Math.floor(r() * 4),
        ]),
      );
    }
  }
}

/** The activity sources the demo logs fill (added to the demo playbook by demoActivityPlaybook). */
export const DEMO_ACTIVITY_SOURCES: ActivitySource[] = [
  {
    id: 'logins',
    label: { ja: 'ログイン', en: 'Logins' },
    account: { column: 'account_id', match: 'key' },
    time: { column: 'logged_in_at' },
    attributes: [
      { id: 'user', label: { ja: 'ユーザー', en: 'User' }, type: 'string', column: 'user_id' },
      {
        id: 'channel',
        label: { ja: 'チャネル', en: 'Channel' },
        type: 'category',
        values: ['web', 'mobile'],
      },
    ],
  },
  {
    id: 'seminars',
    label: { ja: 'セミナー参加', en: 'Seminars' },
    account: { column: 'アカウントID', match: 'key' },
    time: { column: '開催日' },
    attributes: [
      { id: 'title', label: { ja: 'セミナー', en: 'Seminar' }, type: 'string' },
      { id: 'attended', label: { ja: '出席', en: 'Attended' }, type: 'boolean' },
    ],
  },
  {
    id: 'contact_log',
    label: { ja: '接点履歴', en: 'Contact history' },
    account: { column: '会社名', match: 'name' },
    time: { column: '日時' },
    attributes: [
      {
        id: 'channel',
        label: { ja: 'チャネル', en: 'Channel' },
        type: 'category',
        values: CHANNELS,
      },
      { id: 'owner', label: { ja: '担当', en: 'Owner' }, type: 'string' },
      { id: 'minutes', label: { ja: '分', en: 'Minutes' }, type: 'number' },
    ],
  },
];
