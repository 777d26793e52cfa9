/**
 * Cross-checks of a playbook's activity sources: unique ids, no clash with field ids (an
 * expression could not tell them apart) or reserved names, category attributes with values.
 */
import type { Playbook } from './playbook';
import { RESERVED_NAMES } from './fields';

type Issue = { path: string; code: string; params: Record<string, string | number> };
type MakeIssue<I> = (
  path: string,
  code: 'duplicate_id' | 'reserved_name' | 'schema',
  params: Record<string, string | number>,
) => I;

export function checkActivitySources<I extends Issue>(pb: Playbook, issue: MakeIssue<I>): I[] {
  const out: I[] = [];
  const fieldIds = new Set(pb.fields.fields.map((f) => f.id));
  const seen = new Map<string, number>();
  (pb.activity ?? []).forEach((s, i) => {
    const p = `$.activity[${i}]`;
    const first = seen.get(s.id);
    if (first !== undefined)
      out.push(
        issue(`${p}.id`, 'duplicate_id', {
          id: s.id,
          kind: 'activity source',
          kindKey: 'source',
          first: `$.activity[${first}].id`,
        }),
      );
    else seen.set(s.id, i);
    if (fieldIds.has(s.id))
      out.push(
        issue(`${p}.id`, 'schema', {
          detail: `activity source id "${s.id}" is also a field id: rename one of them`,
        }),
      );
    if ((RESERVED_NAMES as readonly string[]).includes(s.id))
      out.push(
        issue(`${p}.id`, 'reserved_name', { id: s.id, reserved: RESERVED_NAMES.join(', ') }),
      );
    const attrs = new Map<string, number>();
    s.attributes.forEach((a, j) => {
      const ap = `${p}.attributes[${j}]`;
      const f = attrs.get(a.id);
      if (f !== undefined)
        out.push(
          issue(`${ap}.id`, 'duplicate_id', {
            id: a.id,
            kind: 'attribute',
            kindKey: 'attribute',
            first: `${p}.attributes[${f}].id`,
          }),
        );
      else attrs.set(a.id, j);
      if (a.type === 'category' && !a.values?.length)
        out.push(
          issue(`${ap}.values`, 'schema', {
            detail: `category attribute "${a.id}" needs its allowed values`,
          }),
        );
    });
  });
  return out;
}
