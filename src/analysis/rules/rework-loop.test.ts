import rule from './rework-loop';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';

ruleTester(rule, {
  valid: [
    { name: 'a chain', diagram: diagram(['a', 'b', 'c'], ['a>b', 'b>c']) },
    {
      name: 'a diamond is not a loop',
      diagram: diagram(['a', 'b', 'c', 'd'], ['a>b', 'a>c', 'b>d', 'c>d']),
    },
    {
      name: 'sync links back and forth are not rework',
      diagram: diagram(['a', 'b'], ['a>b', 'b~a']),
    },
  ],
  invalid: [
    {
      name: 'two boxes feeding each other',
      diagram: diagram(['spec', 'review'], ['spec>review', 'review>spec']),
      findings: [{ nodeId: 'spec', messageKey: 'cycle', relatedNodeIds: ['review'] }],
    },
    { name: 'a self-loop', diagram: diagram(['a'], ['a>a']), findings: [{ nodeId: 'a' }] },
    {
      name: 'two separate loops',
      diagram: diagram(['a', 'b', 'c', 'x', 'y'], ['a>b', 'b>c', 'c>a', 'x>y', 'y>x']),
      findings: [
        { nodeId: 'a', relatedNodeIds: ['b', 'c'] },
        { nodeId: 'x', relatedNodeIds: ['y'] },
      ],
    },
  ],
});
