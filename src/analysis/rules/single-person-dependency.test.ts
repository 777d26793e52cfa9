import rule from './single-person-dependency';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';
import { indexDiagram } from '../graph';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [
    { name: 'every box has two holders', diagram: diagram(['a', 'kh:k', 'b'], ['a>b', 'kh>b']) },
    {
      name: 'a final deliverable with one holder has nothing depending on it',
      diagram: diagram(['a', 'b holders=Sato'], ['a>b']),
    },
    { name: 'two distinct holders', diagram: diagram(['a holders=Sato,Ito', 'b'], ['a>b']) },
  ],
  invalid: [
    {
      name: 'know-how held by one person',
      diagram: diagram(['kh:k holders=Sato', 'b'], ['kh>b']),
      findings: [{ nodeId: 'kh', messageKey: 'oneKnowhow' }],
    },
    {
      name: 'know-how nobody holds, even unused',
      diagram: diagram(['kh:k holders=']),
      findings: [{ nodeId: 'kh', messageKey: 'noneKnowhow' }],
    },
    {
      name: 'deliverable with one producer feeding another',
      diagram: diagram(['a holders=Sato', 'b'], ['a>b']),
      findings: [{ nodeId: 'a', messageKey: 'one' }],
    },
    {
      name: 'duplicate and blank holders collapse to one',
      diagram: diagram(['a holders=Sato,,Sato', 'b'], ['a>b']),
      findings: [{ nodeId: 'a', messageKey: 'one' }],
    },
    {
      name: 'deliverable with no producer',
      diagram: diagram(['a holders=', 'b'], ['a>b']),
      findings: [{ nodeId: 'a', messageKey: 'none' }],
    },
  ],
});

it('ranks by the number of deliverables downstream', () => {
  const d = diagram(['a holders=X', 'b holders=Y', 'c', 'd'], ['a>b', 'b>c', 'c>d']);
  const got = rule.check(d, indexDiagram(d));
  expect(got.map((f) => [f.nodeId, f.rank])).toEqual([
    ['a', 3],
    ['b', 2],
  ]);
});
