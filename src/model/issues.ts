import type { z } from 'zod';

/** A problem in a document, located by JSON path ($.journey.stages[2].label). */
export interface DocIssue {
  path: string;
  message: string;
}

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let s = '$';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) s += `.${k}`;
    else s += `[${JSON.stringify(String(k))}]`;
  }
  return s;
}

export function formatZodIssues(err: z.ZodError): DocIssue[] {
  return err.issues.map((i) => ({ path: jsonPath(i.path), message: i.message }));
}

/**
 * Every "__proto__" key in a parsed JSON value. JSON.parse keeps it as an ordinary key, but zod
 * drops it from records without a word (as an object key it would set the prototype), so a
 * category named "__proto__" would vanish on import. Reported instead, with its place.
 */
export function protoKeyIssues(value: unknown, path: PropertyKey[] = []): DocIssue[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: DocIssue[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...protoKeyIssues(v, [...path, i])));
  else
    for (const k of Object.keys(value)) {
      if (k === '__proto__') out.push({ path: jsonPath([...path, k]), message: 'the name "__proto__" cannot be used as a key (a category value, say): rename it, in the data too' });
      out.push(...protoKeyIssues((value as Record<string, unknown>)[k], [...path, k]));
    }
  return out;
}
