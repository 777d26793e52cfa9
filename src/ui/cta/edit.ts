import type { Draft } from 'immer';
import type { Cta } from '../../model';
import { projectStore } from '../../store/projectStore';

export function editCta(
  label: string,
  id: string,
  recipe: (c: Draft<Cta>) => void,
  coalesceKey?: string,
): void {
  projectStore.edit(
    label,
    (p) => {
      const c = p.ctas.find((x) => x.id === id);
      if (c) recipe(c);
    },
    coalesceKey ? { coalesceKey } : undefined,
  );
}

/** A CTA id not yet used, from a base. */
export function uniqueCtaId(existing: readonly string[], base = 'cta'): string {
  let n = existing.length + 1;
  while (existing.includes(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** Toggle `id` in a list (stages or segments a CTA applies to; empty = all). */
export function toggle(list: string[], id: string, on: boolean): string[] {
  const has = list.includes(id);
  if (on && !has) return [...list, id];
  if (!on && has) return list.filter((x) => x !== id);
  return list;
}

export const seal = () => projectStore.seal();
