import { migrateProject, type DocIssue, type Project } from '../model';
import { safeFileName } from '../util/fileName';
import { findTooDeep, MAX_JSON_DEPTH } from '../util/jsonDepth';

/**
 * The project file: one JSON document, the Project itself (pretty-printed so it diffs well).
 * Import parses, migrates and validates; any failure says where (line/column or JSON path).
 */
export function exportProjectText(p: Project): string {
  return JSON.stringify(p, null, 2) + '\n';
}

export function projectFileName(p: Project): string {
  return `${safeFileName(p.meta.name, 'project', 80)}.waymark.json`;
}

export type ImportError =
  | { kind: 'empty' }
  | { kind: 'json'; line: number; column: number; message: string }
  | { kind: 'invalid'; issues: DocIssue[] };

export type ImportResult =
  { ok: true; project: Project; migratedFrom: number } | { ok: false; error: ImportError };

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

export function parseProjectText(text: string): ImportResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.trim() === '') return { ok: false, error: { kind: 'empty' } };
  // Before parsing: migrating and validating 10,000 nested arrays would overflow the stack.
  const deep = findTooDeep(src);
  if (deep)
    return {
      ok: false,
      error: {
        kind: 'json',
        line: deep.line,
        column: deep.column,
        message: `nested more than ${MAX_JSON_DEPTH} levels deep at ${deep.path}`,
      },
    };
  let raw: unknown;
  try {
    raw = JSON.parse(src);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 says "... at position N" (newer ones add "(line L column C)"); end of input has no position.
    const m = /position (\d+)/.exec(message);
    const at = m ? lineColumn(src, Number(m[1])) : lineColumn(src, src.length);
    return {
      ok: false,
      error: { kind: 'json', ...at, message: message.replace(/\s*\(line \d+ column \d+\)/, '') },
    };
  }
  const r = migrateProject(raw);
  if (!r.ok) return { ok: false, error: { kind: 'invalid', issues: r.issues } };
  return { ok: true, project: r.project, migratedFrom: r.migratedFrom };
}
