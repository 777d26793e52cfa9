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
