import rule from './insufficient-inputs';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';

ruleTester(rule, {
  valid: [
    { name: 'two inputs', diagram: diagram(['a', 'b', 'c'], ['a>c', 'b>c']) },
    { name: 'input plus know-how', diagram: diagram(['a', 'kh:k', 'c'], ['a>c', 'kh>c']) },
    {
      name: 'a source deliverable has no inputs at all',
      diagram: diagram(['a', 'b', 'c'], ['a>c', 'b>c']),
    },
    {
      name: 'know-how fed by one input is not a produced deliverable',
      diagram: diagram(['a', 'kh:k'], ['a>kh']),
    },
    {
      name: 'a sync link is not an input',
      diagram: diagram(['a', 'b', 'c', 'd'], ['a>c', 'b>c', 'd~c']),
    },
  ],
  invalid: [
    {
      name: 'one input',
      diagram: diagram(['req', 'svc'], ['req>svc']),
      findings: [{ nodeId: 'svc', messageKey: 'one', relatedNodeIds: ['req'] }],
    },
    {
      name: 'the same input linked twice is still one input',
      diagram: diagram(['req', 'svc'], ['req>svc', 'req>svc']),
      findings: [{ nodeId: 'svc' }],
    },
    {
      name: 'one input plus coordination',
      diagram: diagram(['req', 'svc', 'ok'], ['req>svc', 'svc~ok']),
      findings: [{ nodeId: 'svc' }],
    },
  ],
});
