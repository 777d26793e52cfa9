import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { WaymarkDB, db, setDbForTests } from '../store/db';
import { saveDataset } from '../store/datasets';
import { listActivitySets, loadActivitySet } from '../store/activityStore';
import { seedDemoActivity } from '../store/demoSeed';
import { demoActivityProject } from '../data/demo/activityPlaybook';
import { generateDemoTable } from '../data/demo/generate';
import { linkStoredEvents } from '../data/activity/stored';
import { demoProject } from '../data/testing/helpers';
import { addAggregates } from '../engine';
import { previewExpression } from '../engine/preview';
import { assignSegments } from '../engine/segmentPreview';
import { checkExpression, envFromContract } from '../expr';
import type { AccountTable } from '../table/columns';
import type { ActivityData } from '../table/activity';
import { answerPreview, forgetPreviewReads, type PreviewRequest } from './previewReads';

const project = demoActivityProject(demoProject);
const env = envFromContract(project.fields, 'measure', { activity: project.activity });

function checked(source: string) {
  const c = checkExpression(source, env);
  if (!c.ok) throw new Error(`${source}: ${JSON.stringify(c)}`);
  return c;
}

/** The page's own computation (MatchPreview on a small table): every row, no worker. */
async function onPage(table: AccountTable, source: string, asOf: string) {
  const c = checked(source);
  const data: ActivityData = {};
  for (const s of await listActivitySets('p1')) {
    const loaded = (await loadActivitySet(s.id))!;
    data[s.source] = linkStoredEvents(
      s.source,
      loaded.events,
      table,
      project.fields.accountKey,
    ).table;
  }
  const t = c.aggregates.length ? addAggregates(c.aggregates, table, data, asOf) : table;
  return previewExpression(
    c.expr,
    [...c.fields, ...c.aggregates.map((a) => a.id)],
    t,
    asOf,
    Infinity,
  );
}

async function inWorker(datasetId: string, source: string, asOf: string) {
  const c = checked(source);
  const sets = await listActivitySets('p1');
  const req: PreviewRequest = {
    id: 1,
    type: 'expr',
    datasetId,
    accountKey: project.fields.accountKey,
    activitySets: sets.map((s) => ({ id: s.id, source: s.source })),
    expr: c.expr,
    fields: c.fields,
    aggregates: c.aggregates,
    asOf,
  };
  const r = await answerPreview(structuredClone(req));
  if (!r.ok) throw new Error(r.error);
  return 'result' in r ? r.result : undefined;
}

describe('the preview worker’s reads', () => {
  beforeEach(() => {
    setDbForTests(new WaymarkDB(`test-${Math.random()}`));
    forgetPreviewReads();
  });
  afterAll(() => setDbForTests(null));

  it('answers as the page computes, for plain and activity expressions, every row', async () => {
    const table = generateDemoTable({ rows: 1200, seed: 5 });
    const ds = await saveDataset('p1', table, { name: 'a.csv', sources: [] });
    await seedDemoActivity('p1', table, project.fields, 5, '2026-11-01');
    const exprs = [
      'mrr >= 100000',
      'days_since(last_meeting_date)',
      'change(count(logins, 30d)) <= -0.5 and count(logins, 30d, before: 30d) >= 10',
      'count(logins, 30d)',
      'count(logins, 30d) > 3 and mrr > 50000',
    ];
    // Two dates: the aggregates kept for one must not answer for the other.
    for (const asOf of ['2026-11-01', '2026-10-01', '2026-11-01'])
      for (const e of exprs) {
        const got = await inWorker(ds.id, e, asOf);
        expect(got, `${e} as of ${asOf}`).toEqual(await onPage(table, e, asOf));
        expect(got && 'evaluated' in got && got.evaluated).toBe(1200);
      }
  });

  it('reads a new dataset and new activity instead of answering from what it kept', async () => {
    const a = generateDemoTable({ rows: 800, seed: 1 });
    const dsA = await saveDataset('p1', a, { name: 'a.csv', sources: [] });
    await seedDemoActivity('p1', a, project.fields, 1, '2026-11-01');
    const e = 'count(logins, 30d) > 3';
    expect(await inWorker(dsA.id, e, '2026-11-01')).toEqual(await onPage(a, e, '2026-11-01'));
    // New logins for the same accounts (a new import replaces the set): new counts.
    await seedDemoActivity('p1', a, project.fields, 99, '2026-11-01');
    const fresh = await onPage(a, e, '2026-11-01');
    expect(await inWorker(dsA.id, e, '2026-11-01')).toEqual(fresh);
    // Another dataset.
    const b = generateDemoTable({ rows: 600, seed: 2 });
    const dsB = await saveDataset('p1', b, { name: 'b.csv', sources: [] });
    await seedDemoActivity('p1', b, project.fields, 2, '2026-11-01');
    const got = await inWorker(dsB.id, e, '2026-11-01');
    expect(got).toEqual(await onPage(b, e, '2026-11-01'));
    expect(got && 'total' in got && got.total).toBe(600);
  });

  it('counts segments over every row, as the engine assigns them', async () => {
    const table = generateDemoTable({ rows: 900, seed: 3 });
    const ds = await saveDataset('p1', table, { name: 'a.csv', sources: [] });
    const r = await answerPreview({
      id: 7,
      type: 'segments',
      datasetId: ds.id,
      segments: project.segments,
      fields: project.fields,
      asOf: '2026-11-01',
    });
    expect(r).toEqual({
      id: 7,
      ok: true,
      segments: assignSegments(project.segments, project.fields, table, '2026-11-01', Infinity),
    });
  });

  it('says what went wrong: a dataset that is not stored, an activity set deleted', async () => {
    const r = await answerPreview({
      id: 3,
      type: 'segments',
      datasetId: 'nope',
      segments: project.segments,
      fields: project.fields,
      asOf: '2026-11-01',
    });
    expect(r).toEqual({ id: 3, ok: false, error: 'dataset nope is not stored' });
    const table = generateDemoTable({ rows: 300, seed: 4 });
    const ds = await saveDataset('p1', table, { name: 'a.csv', sources: [] });
    await seedDemoActivity('p1', table, project.fields, 4, '2026-11-01');
    const sets = await listActivitySets('p1');
    await db().activitySets.clear();
    const c = checked('count(logins, 30d)');
    const r2 = await answerPreview({
      id: 4,
      type: 'expr',
      datasetId: ds.id,
      accountKey: project.fields.accountKey,
      activitySets: sets.map((s) => ({ id: s.id, source: s.source })),
      expr: c.expr,
      fields: c.fields,
      aggregates: c.aggregates,
      asOf: '2026-11-01',
    });
    expect(r2).toEqual({ id: 4, ok: false, error: 'activity logins is not stored' });
  });
});
