import fc from 'fast-check';
import type { Draft } from 'immer';
import { describe, expect, it } from 'vitest';
import { Project as ProjectSchema, type Project } from '../model';
import { DocumentHistory } from './history';
import { exportProjectText, parseProjectText } from './projectFile';
import { projectArbitrary } from './testing/projectArbitrary';

describe('generated projects', () => {
  it('are valid documents (the arbitrary matches the schema)', () => {
    fc.assert(
      fc.property(projectArbitrary, (p) => {
        const r = ProjectSchema.safeParse(p);
        if (!r.success) throw new Error(JSON.stringify(r.error.issues.slice(0, 3)));
      }),
      { numRuns: 200 },
    );
  });

  it('export → import gives an identical document', () => {
    fc.assert(
      fc.property(projectArbitrary, (p) => {
        const r = parseProjectText(exportProjectText(p));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.project).toEqual(p);
      }),
      { numRuns: 200 },
    );
  });
});

/** A random edit of the kinds the editors make: set text, add/remove/reorder items, move nodes. */
type Command = { label: string; run: (d: Draft<Project>) => void };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }).map((s) => ({
    label: 'rename',
    run: (d: Draft<Project>) => {
      d.meta.name = s;
    },
  })),
  fc.string({ maxLength: 10 }).map((s) => ({
    label: 'goal',
    run: (d: Draft<Project>) => {
      d.journey.goal = s;
    },
  })),
  fc.stringMatching(/^[a-z]{1,6}$/).map((id) => ({
    label: 'add stage',
    run: (d: Draft<Project>) => {
      d.journey.stages.push({
        id,
        label: id,
        definition: '',
        exitCriteria: [],
        customerActions: [],
        momentsOfTruth: [],
        resources: [],
        touch: 'low',
        kpis: [],
      });
    },
  })),
  fc.nat(5).map((i) => ({
    label: 'remove stage',
    run: (d: Draft<Project>) => {
      if (d.journey.stages.length) d.journey.stages.splice(i % d.journey.stages.length, 1);
    },
  })),
  fc.nat(5).map((i) => ({
    label: 'reorder stages',
    run: (d: Draft<Project>) => {
      const s = d.journey.stages;
      if (s.length > 1) {
        const [x] = s.splice(i % s.length, 1);
        s.push(x);
      }
    },
  })),
  fc.tuple(fc.nat(5), fc.integer({ min: -500, max: 500 })).map(([i, dx]) => ({
    label: 'move node',
    run: (d: Draft<Project>) => {
      const n = d.diagrams[0].nodes;
      if (n.length) n[i % n.length].position.x += dx;
    },
  })),
  fc.nat(5).map((i) => ({
    label: 'remove cta',
    run: (d: Draft<Project>) => {
      if (d.ctas.length) d.ctas.splice(i % d.ctas.length, 1);
    },
  })),
  fc.string({ maxLength: 6 }).map((s) => ({
    label: 'field label',
    run: (d: Draft<Project>) => {
      for (const f of d.fields.fields) f.label.ja += s;
    },
  })),
  fc.constant({
    label: 'as of',
    run: (d: Draft<Project>) => {
      if (d.asOf) delete d.asOf;
      else d.asOf = '2026-01-31';
    },
  }),
);

describe('undo', () => {
  it('undoing N random commands returns the original document, and redo returns the edited one', () => {
    fc.assert(
      fc.property(
        projectArbitrary,
        fc.array(fc.tuple(command, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 25 }),
        (p, cmds) => {
          const original = structuredClone(p);
          let t = 0;
          const h = new DocumentHistory<Project>(p, { now: () => (t += 10) });
          for (const [c, coalesce, gesture] of cmds) {
            if (gesture) h.beginGesture(c.label);
            h.apply(c.label, c.run, coalesce ? { coalesceKey: c.label } : {});
            if (gesture) h.endGesture();
          }
          const edited = structuredClone(h.current);
          while (h.canUndo) h.undo();
          expect(h.current).toEqual(original);
          while (h.canRedo) h.redo();
          expect(h.current).toEqual(edited);
        },
      ),
      { numRuns: 150 },
    );
  });
});
