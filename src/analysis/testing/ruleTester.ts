import { describe, expect, it } from 'vitest';
import type { Diagram } from '../../model';
import type { Rule } from '../types';
import { indexDiagram } from '../graph';
import { findingMessage } from '../format';

export interface InvalidCase {
  name: string;
  diagram: Diagram;
  /** Expected findings in order: flagged node and, when given, the message variant. */
  findings: { nodeId: string; messageKey?: string; relatedNodeIds?: string[] }[];
}

/** bpmnlint's RuleTester: every listed valid diagram passes, every invalid one yields exactly these findings. */
export function ruleTester(
  rule: Rule,
  cases: { valid: { name: string; diagram: Diagram }[]; invalid: InvalidCase[] },
) {
  describe(`rule ${rule.meta.id}`, () => {
    for (const v of cases.valid) {
      it(`valid: ${v.name}`, () => {
        expect(rule.check(v.diagram, indexDiagram(v.diagram))).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const got = rule.check(c.diagram, indexDiagram(c.diagram));
        expect(got.map((f) => f.nodeId)).toEqual(c.findings.map((f) => f.nodeId));
        c.findings.forEach((want, i) => {
          if (want.messageKey) expect(got[i].messageKey).toBe(want.messageKey);
          if (want.relatedNodeIds)
            expect([...got[i].relatedNodeIds].sort()).toEqual([...want.relatedNodeIds].sort());
          // Every variant a rule emits has text in both languages.
          for (const lang of ['en', 'ja'] as const) {
            const text = findingMessage(
              {
                ...got[i],
                ruleId: rule.meta.id,
                severity: 'warn',
                key: got[i].key ?? `${rule.meta.id}@${got[i].nodeId}`,
                impact: { reach: 0, finalPath: false, crossOrg: false, score: 0 },
              },
              lang,
            );
            expect(text).not.toMatch(/\{\{|^[a-z-]+\.\w+$|\(s\)/);
          }
        });
      });
    }
  });
}
