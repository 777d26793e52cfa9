import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { emptyProject, type Project } from '../../model';
import {
  addStage,
  ctasForStage,
  deleteStage,
  moveStage,
  renameStageId,
  uniqueStageId,
} from './stageOps';
import { nextCell } from './gridKeys';

function withStages(ids: string[]): Project {
  const p = emptyProject('t', '2026-01-01T00:00:00Z');
  return produce(p, (d) => {
    for (const id of ids) {
      addStage(d, id);
      d.journey.stages[d.journey.stages.length - 1].id = id;
    }
  });
}

describe('journey stage operations', () => {
  it('makes unique identifier ids, also from Japanese labels', () => {
    expect(uniqueStageId(['stage_1'], 'stage_1')).toBe('stage_1_2');
    expect(uniqueStageId([], 'オンボーディング 1')).toBe('オンボーディング_1');
    expect(uniqueStageId([], '1st')).toBe('stage_1st');
  });

  it('adds at a position and moves stages', () => {
    let p = withStages(['a', 'b', 'c']);
    p = produce(p, (d) => {
      moveStage(d, 'c', 0);
    });
    expect(p.journey.stages.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    p = produce(p, (d) => {
      moveStage(d, 'c', 99);
    });
    expect(p.journey.stages.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    p = produce(p, (d) => {
      addStage(d, 'New', 1);
    });
    expect(p.journey.stages[1].label).toBe('New');
    expect(p.journey.stages).toHaveLength(4);
  });

  it('deleting a stage drops it from CTAs and removes CTAs that applied only to it', () => {
    let p = withStages(['a', 'b']);
    p = produce(p, (d) => {
      const base = {
        type: 'risk' as const,
        trigger: 'true',
        priority: 'high' as const,
        ownerRole: '',
        dueInDays: 1,
        segments: [],
        steps: [],
      };
      d.ctas.push(
        { ...base, id: 'only_a', label: 'x', stages: ['a'] },
        { ...base, id: 'a_and_b', label: 'y', stages: ['a', 'b'] },
        { ...base, id: 'all', label: 'z', stages: [] },
      );
    });
    let removed: string[] = [];
    p = produce(p, (d) => {
      removed = deleteStage(d, 'a');
    });
    expect(removed).toEqual(['only_a']);
    expect(p.ctas.map((c) => [c.id, c.stages])).toEqual([
      ['a_and_b', ['b']],
      ['all', []],
    ]);
    expect(ctasForStage(p.ctas, 'b').map((x) => [x.cta.id, x.all])).toEqual([
      ['a_and_b', false],
      ['all', true],
    ]);
  });

  it('renames a stage id with its references, and refuses bad ids', () => {
    let p = withStages(['a', 'b']);
    p = produce(p, (d) => {
      d.ctas.push({
        id: 'c',
        label: '',
        type: 'risk',
        trigger: 'true',
        priority: 'low',
        ownerRole: '',
        dueInDays: 0,
        segments: [],
        stages: ['a'],
        steps: [],
      });
      d.fields.fields.push({
        id: 'lifecycle',
        label: { ja: '', en: '' },
        type: 'category',
        values: ['a', 'b'],
        required: false,
      });
      d.journey.stageSource = { kind: 'field', stageField: 'lifecycle' };
    });
    let problem: string | null = 'x';
    const q = produce(p, (d) => {
      problem = renameStageId(d, 'a', 'onboarding');
    });
    expect(problem).toBeNull();
    expect(q.journey.stages[0].id).toBe('onboarding');
    expect(q.ctas[0].stages).toEqual(['onboarding']);
    expect(q.fields.fields[1].values).toEqual(['onboarding', 'b']);
    expect(
      produce(p, (d) => {
        problem = renameStageId(d, 'a', 'b');
      }),
    ).toBe(p);
    expect(problem).toBe('duplicate');
    produce(p, (d) => {
      problem = renameStageId(d, 'a', 'has space');
    });
    expect(problem).toBe('invalid_id');
  });
});

describe('grid keyboard navigation', () => {
  it('moves with arrows and clamps at the edges', () => {
    expect(nextCell('ArrowRight', { row: 0, col: 0 }, 8, 4)).toEqual({ row: 0, col: 1 });
    expect(nextCell('ArrowLeft', { row: 0, col: 0 }, 8, 4)).toEqual({ row: 0, col: 0 });
    expect(nextCell('ArrowDown', { row: 7, col: 2 }, 8, 4)).toEqual({ row: 7, col: 2 });
    expect(nextCell('End', { row: 3, col: 0 }, 8, 4)).toEqual({ row: 3, col: 3 });
    expect(nextCell('Home', { row: 3, col: 2 }, 8, 4, true)).toEqual({ row: 0, col: 0 });
    expect(nextCell('a', { row: 0, col: 0 }, 8, 4)).toBeNull();
  });
});

describe('ids from stage labels', () => {
  it('prefers the Latin words of a bilingual label, else the label, and stays unique', async () => {
    const { stageIdFromLabel, isPlaceholderStageId } = await import('./stageOps');
    expect(stageIdFromLabel('オンボーディング / Onboarding', [])).toBe('onboarding');
    expect(stageIdFromLabel('Value realised', ['value_realised'])).toBe('value_realised_2');
    expect(stageIdFromLabel('利用定着', [])).toBe('利用定着');
    expect(isPlaceholderStageId('stage_3')).toBe(true);
    expect(isPlaceholderStageId('onboarding')).toBe(false);
  });
});
