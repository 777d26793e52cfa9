import rule from './disconnected-deliverable';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';

ruleTester(rule, {
  valid: [
    { name: 'a single box is a start, not a problem', diagram: diagram(['a']) },
    { name: 'everything linked', diagram: diagram(['a', 'b', 'c'], ['a>b', 'b~c']) },
    { name: 'an empty diagram', diagram: diagram([]) },
  ],
  invalid: [
    {
      name: 'a stray deliverable',
      diagram: diagram(['a', 'b', 'lost'], ['a>b']),
      findings: [{ nodeId: 'lost', messageKey: 'deliverable' }],
    },
    {
      name: 'unused know-how',
      diagram: diagram(['a', 'b', 'kh:k'], ['a>b']),
      findings: [{ nodeId: 'kh', messageKey: 'knowhow' }],
    },
    {
      name: 'an edge to a deleted node does not count as a link',
      diagram: diagram(['a', 'b'], ['a>ghost']),
      findings: [{ nodeId: 'a' }, { nodeId: 'b' }],
    },
  ],
});
