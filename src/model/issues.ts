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
export function protoKeyIssues(value: unknown): DocIssue[] {
  const out: DocIssue[] = [];
  // One path array, pushed and popped: runs on every project load, so no copies per value.
  const path: PropertyKey[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    for (const k of Object.keys(v)) {
      path.push(k);
      if (k === '__proto__')
        out.push({
          path: jsonPath(path),
          message:
            'the name "__proto__" cannot be used as a key (a category value, say): rename it, in the data too',
        });
      walk((v as Record<string, unknown>)[k]);
      path.pop();
    }
  };
  walk(value);
  return out;
}
