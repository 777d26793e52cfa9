import rule from './holders-not-recorded';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';
import { indexDiagram } from '../graph';
import { findingMessage } from '../format';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [
    { name: 'every box has holders', diagram: diagram(['a', 'kh:k', 'b'], ['a>b', 'kh>b']) },
    {
      name: 'one holder is recorded (single-person-dependency covers it)',
      diagram: diagram(['a holders=Sato', 'b'], ['a>b']),
    },
    {
      name: 'a final deliverable without holders: nothing depends on it',
      diagram: diagram(['a', 'b holders='], ['a>b']),
    },
  ],
  invalid: [
    {
      name: 'no holders anywhere: one notice for all of them, not one per box',
      diagram: diagram(
        ['a holders=', 'kh:k holders=', 'b holders=', 'c holders='],
        ['a>b', 'kh>b', 'b>c'],
      ),
      findings: [{ nodeId: 'a', messageKey: 'missing', relatedNodeIds: ['kh', 'b'] }],
    },
    {
      name: 'unused know-how with no holder still counts',
      diagram: diagram(['kh:k holders=']),
      findings: [{ nodeId: 'kh', messageKey: 'missing', relatedNodeIds: [] }],
    },
  ],
});

it('says how many, with a proper plural, and is stored under one key', () => {
  const d = diagram(
    ['a holders=', 'b holders=', 'c holders=', 'kh:k holders=', 'z', 'y holders=Sato'],
    ['a>z', 'b>z', 'c>z', 'kh>z'],
  );
  const [f] = rule.check(d, indexDiagram(d));
  expect(f.key).toBe('holders-not-recorded');
  const full = {
    ...f,
    key: f.key!,
    ruleId: rule.meta.id,
    severity: 'info' as const,
    impact: { reach: 0, finalPath: false, crossOrg: false, score: 0 },
  };
  expect(findingMessage(full, 'en')).toBe(
    'Holders not recorded for 4 deliverables: record them to check 属人化.',
  );
  expect(findingMessage(full, 'ja')).toContain('4件の成果物で担当者が登録されていません');
  expect(findingMessage({ ...full, params: { ...full.params, count: 1 } }, 'en')).toBe(
    'Holders not recorded for 1 deliverable: record them to check 属人化.',
  );
});
