import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable } from '../../engine';
import { importAccountFile } from '../../data';
import { csvText as csvCell } from '../../util/csvCell';
import { playbookFromProject } from '../../model';
import {
  buildQueue,
  filterQueue,
  filterQueueSteps,
  prepareQueue,
  queueBuilt,
  queueCsv,
  queueOf,
  type QueueFilter,
  type QueueLifeFilter,
} from './queue';
import { runSteps } from './useSteps';
import { resultLabels } from './labels';
import { i18next, initI18n } from '../../i18n';
import { demoProject, fixture } from '../../data/testing/helpers';
import { generateDemoTable } from '../../data/demo/generate';

initI18n('en');
const t = (lang: 'ja' | 'en', key: string) => i18next.getFixedT(lang, 'results')(key);

describe('CTA queue', () => {
  const pb = playbookFromProject(demoProject);
  const c = compilePlaybook(pb, { asOf: '2026-11-01' });
  if (!c.ok) throw new Error('demo playbook does not compile');
  const { table } = importAccountFile(fixture('crm_ja.utf8.csv'), 'crm.csv', pb.fields);
  const r = scoreTable(c.compiled, table);
  const q = buildQueue(r);

  it('is built in steps while the page is idle, equal to the one-task build; a cancel stops it', async () => {
    const r2 = scoreTable(c.compiled, table);
    const stop = prepareQueue(r2);
    stop();
    await new Promise((res) => setTimeout(res, 20));
    expect(queueBuilt(r2)).toBe(false);
    prepareQueue(r2);
    for (let i = 0; i < 200 && !queueBuilt(r2); i++) await new Promise((res) => setTimeout(res, 5));
    expect(queueBuilt(r2)).toBe(true);
    expect(queueOf(r2)).toEqual(buildQueue(r2));
  });

  it('filters in steps to the same indices as in one go, whatever the step size', () => {
    // 3,000 generated accounts; random filters, lifecycles and marks; steps of 1 to 500 entries.
    const table = generateDemoTable({ rows: 3000, seed: 11 });
    const r0 = scoreTable(c.compiled, table);
    const q0 = buildQueue(r0);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const owners = [...new Set(r0.ctas.map((x) => x.ownerRole).concat(r0.ownerIds))];
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      const runs = Int32Array.from({ length: q0.length }, () => 1 + Math.floor(rnd() * 3));
      const markedRows = new Set(Array.from({ length: 40 }, () => Math.floor(rnd() * 3000)));
      const life: QueueLifeFilter | null | undefined = pick([
        undefined,
        null,
        { runs, markedRows, marked: (row, cta, k) => (row + cta + k) % 3 === 0 },
      ]);
      const f: QueueFilter = {
        sort: pick(['priority', 'mrr', 'score', 'due'] as const),
        status: pick([undefined, 'open', 'new', 'continuing', 'marked', 'all'] as const),
        type: pick([undefined, undefined, 'risk', 'expansion']),
        priority: pick([undefined, undefined, 'high', 'low']),
        owner: pick([undefined, undefined, undefined, ...owners]),
        search: pick([undefined, '', 'a0', 'renew', '商事']),
      };
      const want = [...filterQueue(q0, r0, table, pb.fields, f, life)];
      const entries = pick([1, 2, 7, 64, 500]);
      const job = {
        g: filterQueueSteps(q0, r0, table, pb.fields, f, life, entries),
        done: false,
        value: undefined as Int32Array | undefined,
      };
      let steps = 0;
      while (!runSteps(job, 0)) steps++;
      expect([...job.value!]).toEqual(want);
      if (want.length > entries) expect(steps).toBeGreaterThan(want.length / entries - 1);
      if (want.length > 0) checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('has one entry per fired CTA and account', () => {
    const fired = r.ctaFired.reduce((s, f) => s + f.reduce((a, b) => a + b, 0), 0);
    expect(q.length).toBe(fired);
    expect(fired).toBeGreaterThan(0);
  });

  it('filters by type and priority and sorts by priority then due', () => {
    const all = filterQueue(q, r, table, pb.fields, { sort: 'priority' });
    const prios = [...all].map((k) => r.ctas[q.cta[k]].priority);
    expect(prios).toEqual(
      [...prios].sort(
        (a, b) => ['high', 'medium', 'low'].indexOf(a) - ['high', 'medium', 'low'].indexOf(b),
      ),
    );
    const risk = filterQueue(q, r, table, pb.fields, { sort: 'priority', type: 'risk' });
    expect([...risk].every((k) => r.ctas[q.cta[k]].type === 'risk')).toBe(true);
    const byMrr = [...filterQueue(q, r, table, pb.fields, { sort: 'mrr' })].map(
      (k) => (table.columns.mrr as { values: Float64Array }).values[q.row[k]],
    );
    expect(byMrr).toEqual([...byMrr].sort((a, b) => b - a));
  });

  it('sorts by priority or due date as a stable sort by (key, row) does, CTAs of one key merged', () => {
    // CTAs sharing a priority and due date interleave by row (2,000 generated accounts).
    const table = generateDemoTable({ rows: 2000, seed: 5 });
    const r0 = scoreTable(c.compiled, table);
    const q = buildQueue(r0);
    const tied = {
      ...r0,
      ctas: r0.ctas.map((x, k) =>
        k % 2 ? { ...x, priority: 'high' as const, dueInDays: 3 } : { ...x, dueInDays: 7 - k },
      ),
    };
    const PRIO = { high: 0, medium: 1, low: 2 };
    for (const sort of ['priority', 'due'] as const)
      for (const type of [undefined, 'risk']) {
        const key = (k: number) => {
          const x = tied.ctas[q.cta[k]];
          return sort === 'due'
            ? x.dueInDays * 10 + PRIO[x.priority]
            : PRIO[x.priority] * 1e6 + x.dueInDays;
        };
        const want = Array.from({ length: q.length }, (_, k) => k)
          .filter((k) => !type || tied.ctas[q.cta[k]].type === type)
          .sort((a, b) => key(a) - key(b) || q.row[a] - q.row[b]);
        expect([...filterQueue(q, tied, table, pb.fields, { sort, type, status: 'all' })]).toEqual(
          want,
        );
      }
    // Tied CTAs that fired for the same and for different accounts.
    const fired = (k: number) => q.cta.filter((c) => c === k).length;
    expect(fired(1) * fired(3)).toBeGreaterThan(0);
  });

  const exportIn = (lang: 'ja' | 'en') => {
    const csv = queueCsv(
      q,
      filterQueue(q, r, table, pb.fields, { sort: 'priority' }),
      r,
      table,
      pb,
      resultLabels(demoProject, i18next.getFixedT(lang, 'results')),
    );
    expect(csv.startsWith('\ufeff')).toBe(true);
    return csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
  };

  it.each([
    ['ja', '守り (リスク)', '高'],
    ['en', 'Risk', 'High'],
  ] as const)(
    'exports CSV in %s: ids and labels side by side, the champion_left CTA for ガンマ商事',
    (lang, riskLabel, highLabel) => {
      const lines = exportIn(lang);
      // The header is the same in every language, so scripts keep working.
      expect(lines[0]).toBe(
        'account_id,company_name,cta_id,cta_label,type,type_label,priority,priority_label,owner,due_date,score,color,color_id,mrr,trigger',
      );
      const a003 = lines.find((l) => l.startsWith('A003,'))!;
      expect(a003).toMatch(
        new RegExp(
          `^A003,ガンマ商事,champion_left,.*,risk,${riskLabel.replace(/[()]/g, '\\$&')},high,${highLabel},CS high-touch,2026-11-04,`,
        ),
      );
      // The colour as the screen names it, then its id.
      const row = r.accountIds.indexOf('A003');
      const id = r.colorIds[r.color[row]];
      expect(a003).toContain(`,${t(lang, `colors.${id}`)},${id},`);
      // Every row's labels match its ids (a label column shifted against its id would not).
      const head = lines[0].split(',');
      let checked = 0;
      for (const l of lines.slice(1)) {
        const cells = l.split(',');
        if (cells.length !== head.length) continue; // a quoted comma; covered by csvCell tests
        checked++;
        const at = (name: string) => cells[head.indexOf(name)];
        expect(at('type_label')).toBe(t(lang, `ctaTypes.${at('type')}`));
        expect(at('priority_label')).toBe(t(lang, `priorities.${at('priority')}`));
      }
      expect(checked).toBeGreaterThan(lines.length / 2);
    },
  );

  it('neutralises spreadsheet formulas in cells', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
  });

  it('exports the formula fixture safely', () => {
    const { table: t } = importAccountFile(fixture('formula.csv'), 'formula.csv', pb.fields);
    const names = t.columns.company_name as { dict: string[]; codes: Int32Array };
    const cells = [...names.codes].map((code) => csvCell(names.dict[code]));
    expect(cells.filter((s) => s.replace(/^"/, '').startsWith("'")).length).toBe(4);
  });
});
