import rule from './coordination-bottleneck';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';
import { indexDiagram } from '../graph';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [
    { name: 'no sync links', diagram: diagram(['a', 'b', 'c'], ['a>c', 'b>c']) },
    {
      name: 'same-organisation coordination between two side documents that feed nothing',
      diagram: diagram(['x', 'y'], ['x~y']),
    },
  ],
  invalid: [
    {
      name: 'coordination across organisations flags both ends',
      diagram: diagram(['svc org=vendor', 'ok org=customer'], ['svc~ok']),
      findings: [
        { nodeId: 'svc', messageKey: 'crossOrg', relatedNodeIds: ['ok'] },
        { nodeId: 'ok', messageKey: 'crossOrg' },
      ],
    },
    {
      name: 'several sync links in one organisation',
      diagram: diagram(['hub', 'a', 'b', 'src'], ['hub~a', 'hub~b', 'src>hub', 'src>a', 'src>b']),
      findings: [
        { nodeId: 'hub', messageKey: 'many' },
        { nodeId: 'a', messageKey: 'finalPath' },
        { nodeId: 'b', messageKey: 'finalPath' },
      ],
    },
    {
      name: 'a sync on the path to the final deliverable',
      diagram: diagram(
        ['plan', 'date', 'final', 'kh:k'],
        ['plan>final', 'date>final', 'kh>final', 'plan~date'],
      ),
      findings: [
        { nodeId: 'plan', messageKey: 'finalPath' },
        { nodeId: 'date', messageKey: 'finalPath' },
      ],
    },
  ],
});

it('ranks cross-organisation coordination above same-organisation', () => {
  const d = diagram(
    ['a org=vendor', 'b org=vendor', 'c org=customer', 'f'],
    ['a>f', 'b>f', 'c>f', 'a~b', 'a~c'],
  );
  const got = rule.check(d, indexDiagram(d));
  const rank = Object.fromEntries(got.map((f) => [f.nodeId, f.rank]));
  expect(rank.a).toBeGreaterThan(rank.b);
  expect(rank.c).toBeGreaterThan(rank.b);
});
