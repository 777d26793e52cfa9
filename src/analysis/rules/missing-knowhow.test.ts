import rule from './missing-knowhow';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';

ruleTester(rule, {
  valid: [
    {
      name: 'produced with a know-how input',
      diagram: diagram(['a', 'kh:k', 'c'], ['a>c', 'kh>c']),
    },
    { name: 'sources need no know-how', diagram: diagram(['a']) },
    { name: 'know-how itself is not checked', diagram: diagram(['a', 'kh:k'], ['a>kh']) },
    { name: 'only a sync link', diagram: diagram(['a', 'b'], ['a~b']) },
  ],
  invalid: [
    {
      name: 'two tangible inputs, no know-how',
      diagram: diagram(['a', 'b', 'c'], ['a>c', 'b>c']),
      findings: [{ nodeId: 'c', messageKey: 'none' }],
    },
    {
      name: 'know-how linked by sync does not count',
      diagram: diagram(['a', 'kh:k', 'c'], ['a>c', 'kh~c']),
      findings: [{ nodeId: 'c' }],
    },
  ],
});
