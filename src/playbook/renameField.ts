import type { Draft } from 'immer';
import { referencedFields, renameFieldInExpression } from '../expr';
import { Identifier } from '../model/common';
import { RESERVED_NAMES, type FieldContract } from '../model/fields';
import type { Project } from '../model/project';
import { jsonPath } from '../model/issues';

/**
 * Renaming a field across a project: the contract, the roles that name fields (account key,
 * name field, stage source) and every expression (exit criteria, measures, segments, CTA
 * triggers, routing). Run inside one projectStore.edit() so it is one undo step.
 */

type Doc = Project | Draft<Project>;

/** Every expression of a project with its JSON path; `set` writes it back (drafts only). */
export function projectExpressions(
  p: Doc,
): { path: string; value: string; set: (v: string) => void }[] {
  const out: { path: string; value: string; set: (v: string) => void }[] = [];
  p.journey.stages.forEach((s, i) =>
    s.exitCriteria.forEach((c, k) =>
      out.push({
        path: jsonPath(['journey', 'stages', i, 'exitCriteria', k, 'expr']),
        value: c.expr,
        set: (v) => {
          c.expr = v;
        },
      }),
    ),
  );
  p.health.measures.forEach((m, i) =>
    out.push({
      path: jsonPath(['health', 'measures', i, 'expr']),
      value: m.expr,
      set: (v) => {
        m.expr = v;
      },
    }),
  );
  p.segments.items.forEach((s, i) =>
    out.push({
      path: jsonPath(['segments', 'items', i, 'when']),
      value: s.when,
      set: (v) => {
        s.when = v;
      },
    }),
  );
  p.ctas.forEach((c, i) =>
    out.push({
      path: jsonPath(['ctas', i, 'trigger']),
      value: c.trigger,
      set: (v) => {
        c.trigger = v;
      },
    }),
  );
  p.routing.rules.forEach((r, i) =>
    out.push({
      path: jsonPath(['routing', 'rules', i, 'when']),
      value: r.when,
      set: (v) => {
        r.when = v;
      },
    }),
  );
  return out;
}

/** Does `source` read field `id`? Token-exact: not inside strings, not a function or built-in name. */
export function expressionUsesField(source: string, id: string): boolean {
  return referencedFields(source).includes(id);
}

/** JSON paths of everything in the project that refers to field `id`. */
export function fieldUsage(p: Project, id: string): string[] {
  const paths = projectExpressions(p)
    .filter((e) => expressionUsesField(e.value, id))
    .map((e) => e.path);
  if (p.fields.accountKey === id) paths.push('$.fields.accountKey');
  if (p.fields.nameField === id) paths.push('$.fields.nameField');
  const src = p.journey.stageSource;
  if (src.kind === 'field' && src.stageField === id) paths.push('$.journey.stageSource.stageField');
  if (src.kind === 'field' && src.enteredAtField === id)
    paths.push('$.journey.stageSource.enteredAtField');
  if (p.journey.experienceField === id) paths.push('$.journey.experienceField');
  return paths;
}

export type RenameProblem = 'unknown_field' | 'same' | 'invalid_id' | 'reserved' | 'duplicate';

/** Why `to` cannot replace `from` in this contract, or null when the rename is fine. */
export function checkFieldRename(
  contract: FieldContract,
  from: string,
  to: string,
): RenameProblem | null {
  if (!contract.fields.some((f) => f.id === from)) return 'unknown_field';
  if (from === to) return 'same';
  if (!Identifier.safeParse(to).success) return 'invalid_id';
  if ((RESERVED_NAMES as readonly string[]).includes(to)) return 'reserved';
  if (contract.fields.some((f) => f.id === to)) return 'duplicate';
  return null;
}

/**
 * Rename field `from` to `to` in a project draft. Returns the JSON paths of the expressions it
 * rewrote, or the problem (nothing is changed then).
 */
export function renameField(
  p: Draft<Project>,
  from: string,
  to: string,
): { ok: true; changed: string[] } | { ok: false; problem: RenameProblem } {
  const problem = checkFieldRename(p.fields, from, to);
  if (problem) return { ok: false, problem };
  const f = p.fields.fields.find((x) => x.id === from)!;
  f.id = to;
  if (p.fields.accountKey === from) p.fields.accountKey = to;
  if (p.fields.nameField === from) p.fields.nameField = to;
  const src = p.journey.stageSource;
  if (src.kind === 'field') {
    if (src.stageField === from) src.stageField = to;
    if (src.enteredAtField === from) src.enteredAtField = to;
  }
  if (p.journey.experienceField === from) p.journey.experienceField = to;
  const changed: string[] = [];
  for (const e of projectExpressions(p)) {
    const next = renameFieldInExpression(e.value, from, to);
    if (next !== e.value) {
      e.set(next);
      changed.push(e.path);
    }
  }
  return { ok: true, changed };
}
