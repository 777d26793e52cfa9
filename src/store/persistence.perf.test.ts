import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyProject, migrateProject, type Project } from '../model';
import { getTemplate } from '../model/templates';
import { WaymarkDB, db, setDbForTests } from './db';
import { DocumentHistory } from './history';
import { closeProject, currentSession, openProject } from './openProject';
import { exportProjectText, parseProjectText } from './projectFile';
import { addProject } from './projects';
import { projectStore } from './projectStore';
import { resetTabSyncForTests } from './tabSync';

/** A big but plausible project: 1,000 diagram boxes, 40 stages, 200 fields, 60 measures. */
function bigProject(): Project {
  const p = emptyProject('Big');
  const demo = getTemplate('demo')!.project;
  p.diagrams[0].nodes = Array.from({ length: 1000 }, (_, i) => ({
    id: `n${i}`,
    kind: i % 3 ? 'deliverable' : 'knowhow',
    label: `成果物 ${i}`,
    holders: ['CSM'],
    organisation: 'vendor',
    description: 'x'.repeat(80),
    position: { x: (i % 40) * 200, y: Math.floor(i / 40) * 120 },
  }));
  p.diagrams[0].edges = Array.from({ length: 999 }, (_, i) => ({
    id: `e${i}`,
    kind: 'io',
    source: `n${i}`,
    target: `n${i + 1}`,
  }));
  p.journey.stages = Array.from({ length: 40 }, (_, i) => ({
    ...demo.journey.stages[i % demo.journey.stages.length],
    id: `s${i}`,
  }));
  p.fields.fields.push(
    ...Array.from({ length: 200 }, (_, i) => ({
      id: `f${i}`,
      label: { ja: `項目${i}`, en: `Field ${i}` },
      type: 'number' as const,
      required: false,
    })),
  );
  p.health.measures = Array.from({ length: 60 }, (_, i) => ({
    ...demo.health.measures[i % demo.health.measures.length],
    id: `m${i}`,
  }));
  return p;
}

function time(f: () => void, runs = 5): number {
  f();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - t0) / runs;
}

afterAll(() => resetTabSyncForTests());

describe('store performance on a big project', () => {
  it('load (migrate + validate), export, import, one edit and one save stay interactive', async () => {
    const p = bigProject();
    const text = exportProjectText(p);
    const ms = {
      validate: time(() => migrateProject(p)),
      export: time(() => exportProjectText(p)),
      import: time(() => parseProjectText(text)),
      edit: time(() =>
        new DocumentHistory(p).apply('move', (d) => {
          d.diagrams[0].nodes[500].position.x += 1;
        }),
      ),
    };
    setDbForTests(new WaymarkDB('perf'));
    await addProject(p);
    await openProject(p.id, { delayMs: 0 });
    const t0 = performance.now();
    projectStore.edit('rename', (d) => {
      d.meta.name = 'Big 2';
    });
    await currentSession()!.flush();
    const save = performance.now() - t0;
    await closeProject();
    db().close();
    console.log(
      JSON.stringify({ name: 'store.bigProject', kb: Math.round(text.length / 1024), ...ms, save }),
    );
    // Generous bounds (2 shared cores): these catch an accidental O(n²), not jitter.
    expect(ms.validate).toBeLessThan(500);
    expect(ms.import).toBeLessThan(800);
    expect(ms.edit).toBeLessThan(100);
    expect(save).toBeLessThan(2000);
  });
});
