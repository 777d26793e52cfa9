/** The names an expression may use: the field contract plus the built-ins of its scope. */
import type { FieldContract, FieldType } from '../model/fields';
import type { ActivitySource } from '../model/activity';
import type { BuiltinName, ExprEnv, NameInfo, Scope, SourceInfo, ValueType } from './types';

export const BUILTIN_TYPES: Readonly<Record<BuiltinName, ValueType>> = {
  score: 'number',
  color: 'string',
  segment: 'string',
  stage: 'string',
  days_in_stage: 'number',
};

/**
 * Built-ins by scope, in the order the engine computes them: segments first (so they see no
 * built-ins), then measures and exit criteria (which may depend on the segment; not on the
 * stage, since an inferred stage is computed from the criteria), then CTAs and routing (which
 * see everything).
 */
export const SCOPE_BUILTINS: Readonly<Record<Scope, readonly BuiltinName[]>> = {
  segment: [],
  measure: ['segment'],
  criterion: ['segment'],
  cta: ['score', 'color', 'segment', 'stage', 'days_in_stage'],
  routing: ['score', 'color', 'segment', 'stage', 'days_in_stage'],
};

/** Result types a scope accepts: conditions must be true/false; a measure's raw value may be any. */
export const SCOPE_EXPECT: Readonly<Record<Scope, readonly ValueType[]>> = {
  segment: ['boolean'],
  measure: ['number', 'string', 'boolean'],
  criterion: ['boolean'],
  cta: ['boolean'],
  routing: ['boolean'],
};

export function valueTypeOf(t: FieldType): ValueType {
  switch (t) {
    case 'number':
    case 'integer':
      return 'number';
    case 'string':
    case 'category':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
  }
}

/** Ids the engine knows, so `stage == 'onbaording'` is caught like a bad category value. */
export interface KnownIds {
  segments?: readonly string[];
  stages?: readonly string[];
  colors?: readonly string[];
  /** The playbook's activity sources, for windowed aggregates. */
  activity?: readonly ActivitySource[];
}

/** Activity sources as the checker sees them. */
export function sourcesEnv(activity: readonly ActivitySource[]): Map<string, SourceInfo> {
  const out = new Map<string, SourceInfo>();
  for (const s of activity) {
    const attributes: SourceInfo['attributes'] extends ReadonlyMap<string, infer V>
      ? Map<string, V>
      : never = new Map();
    for (const a of s.attributes)
      attributes.set(a.id, {
        type: a.type === 'number' ? 'number' : a.type === 'boolean' ? 'boolean' : 'string',
        attrType: a.type,
        ...(a.type === 'category' && a.values ? { values: a.values } : {}),
        label: a.label,
        ...(a.description ? { description: a.description } : {}),
      });
    out.set(s.id, { label: s.label, attributes });
  }
  return out;
}

export function envFromContract(
  contract: FieldContract,
  scope: Scope,
  known: KnownIds = {},
): ExprEnv {
  const fields = new Map<string, NameInfo>();
  for (const f of contract.fields) {
    fields.set(f.id, {
      type: valueTypeOf(f.type),
      ...(f.type === 'category' && f.values ? { values: f.values } : {}),
      label: f.label,
      ...(f.description ? { description: f.description } : {}),
    });
  }
  const builtins = new Map<BuiltinName, NameInfo>();
  const valuesOf: Partial<Record<BuiltinName, readonly string[] | undefined>> = {
    segment: known.segments,
    stage: known.stages,
    color: known.colors,
  };
  for (const b of SCOPE_BUILTINS[scope]) {
    const values = valuesOf[b];
    builtins.set(b, { type: BUILTIN_TYPES[b], ...(values ? { values } : {}) });
  }
  const env: ExprEnv = { scope, fields, builtins, expect: SCOPE_EXPECT[scope] };
  if (known.activity?.length) env.sources = sourcesEnv(known.activity);
  return env;
}
