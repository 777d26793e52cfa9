import rule from './single-person-dependency';
import { ruleTester } from '../testing/ruleTester';
import { diagram } from '../testing/build';
import { indexDiagram } from '../graph';
import { findingMessage, findingQuestion } from '../format';
import { expect, it } from 'vitest';
import type { Diagram } from '../../model';

/** A box whose holders were typed as one line (before the chip input, or via the CLI/JSON). */
const oneLine = (d: Diagram, id: string, line: string): Diagram => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === id ? { ...n, holders: [line] } : n)),
});

ruleTester(rule, {
  valid: [
    { name: 'every box has two holders', diagram: diagram(['a', 'kh:k', 'b'], ['a>b', 'kh>b']) },
    {
      name: 'a final deliverable with one holder has nothing depending on it',
      diagram: diagram(['a', 'b holders=Sato'], ['a>b']),
    },
    { name: 'two distinct holders', diagram: diagram(['a holders=Sato,Ito', 'b'], ['a>b']) },
    {
      name: 'no holders recorded is not one person (holders-not-recorded covers it)',
      diagram: diagram(['kh:k holders=', 'a holders=', 'b'], ['kh>b', 'a>b']),
    },
    {
      name: 'two holders on one line with 、',
      diagram: oneLine(diagram(['kh:k', 'b'], ['kh>b']), 'kh', '佐藤、田中'),
    },
    {
      name: 'two holders on one line with a comma',
      diagram: oneLine(diagram(['a', 'b'], ['a>b']), 'a', 'Sato, Tanaka'),
    },
  ],
  invalid: [
    {
      name: 'know-how held by one person',
      diagram: diagram(['kh:k holders=Sato', 'b'], ['kh>b']),
      findings: [{ nodeId: 'kh', messageKey: 'singleKnowhow' }],
    },
    {
      name: 'know-how held by one person, even unused',
      diagram: diagram(['kh:k holders=Sato']),
      findings: [{ nodeId: 'kh', messageKey: 'singleKnowhow' }],
    },
    {
      name: 'deliverable with one producer feeding another',
      diagram: diagram(['a holders=Sato', 'b'], ['a>b']),
      findings: [{ nodeId: 'a', messageKey: 'single' }],
    },
    {
      name: 'duplicate and blank holders collapse to one',
      diagram: diagram(['a holders=Sato,,Sato', 'b'], ['a>b']),
      findings: [{ nodeId: 'a', messageKey: 'single' }],
    },
    {
      name: 'one person on a know-how with no organisation recorded is still one holder',
      diagram: diagram(['kh:k holders=佐藤 org=', 'b org='], ['kh>b']),
      findings: [{ nodeId: 'kh', messageKey: 'singleKnowhow' }],
    },
    {
      name: 'one person producing a deliverable with no organisation, others depending on it',
      diagram: diagram(['a holders=Sato org=', 'b org=customer'], ['a>b']),
      findings: [{ nodeId: 'a', messageKey: 'single' }],
    },
    {
      name: 'one holder on one line with stray separators',
      diagram: oneLine(diagram(['a', 'b'], ['a>b']), 'a', ' 佐藤、 '),
      findings: [{ nodeId: 'a', messageKey: 'single' }],
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

it('reads naturally in both languages: plurals, the holder named in the question', () => {
  const d = diagram(
    ['kh:k holders=佐藤 label=業界ノウハウ', 'a holders=X label=Draft', 'b', 'c'],
    ['kh>b', 'a>b', 'b>c'],
  );
  const [kh, a] = rule.check(d, indexDiagram(d)).map((f) => ({
    ...f,
    ruleId: rule.meta.id,
    severity: 'error' as const,
    key: '',
    impact: { reach: 0, finalPath: false, crossOrg: false, score: 0 },
  }));
  expect(findingMessage(kh, 'en')).toBe(
    'Only 佐藤 holds the know-how “業界ノウハウ”, and 2 deliverables depend on it.',
  );
  expect(findingMessage(kh, 'ja')).toBe(
    'ノウハウ「業界ノウハウ」を持っているのは佐藤さんだけで、2件の成果物がこれに依存しています。',
  );
  expect(findingQuestion(kh, 'en')).toBe(
    'If 佐藤 were away for a month, who else could produce “業界ノウハウ”, and from what material?',
  );
  expect(findingMessage(a, 'en')).toBe('Only X produces “Draft”, and 2 deliverables depend on it.');
  const one = { ...a, params: { ...a.params, count: 1 } };
  expect(findingMessage(one, 'en')).toBe(
    'Only X produces “Draft”, and 1 deliverable depends on it.',
  );
  for (const lang of ['en', 'ja'] as const)
    expect(findingMessage(kh, lang) + findingQuestion(kh, lang)).not.toMatch(/\(s\)/);
});
