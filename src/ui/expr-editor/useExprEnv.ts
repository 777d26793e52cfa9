import { useMemo } from 'react';
import { envFromContract, type ExprEnv, type Scope } from '../../expr';
import { useProject } from '../common/useProject';

/** The names an expression of `scope` may use in the open project (fields + built-ins + known ids). */
export function useExprEnv(scope: Scope): ExprEnv {
  const fields = useProject((p) => p.fields);
  const segments = useProject((p) => p.segments.items);
  const stages = useProject((p) => p.journey.stages);
  const bands = useProject((p) => p.health.bands);
  const activity = useProject((p) => p.activity);
  return useMemo(
    () =>
      envFromContract(fields, scope, {
        segments: segments.map((s) => s.id),
        stages: stages.map((s) => s.id),
        colors: bands.map((b) => b.id),
        ...(activity?.length ? { activity } : {}),
      }),
    [fields, scope, segments, stages, bands, activity],
  );
}
