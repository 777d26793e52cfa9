import { completionsAt as exprCompletionsAt, type CompletionKind, type ExprEnv } from '../../expr';

/** One autocomplete entry as the input shows it: what to insert over [from, to) and a detail line. */
export interface Completion {
  kind: CompletionKind;
  insert: string;
  label: string;
  detail: string;
  from: number;
  to: number;
}

const MAX_ITEMS = 40;

/**
 * Completions at the caret, from the expression language's own completer (names by id or by
 * label in either language, the scope's built-ins, functions, operators, and a category's
 * allowed values inside quotes). This adapter only shapes them for the list: field details
 * show the label in the UI language.
 */
export function completionsAt(
  source: string,
  caret: number,
  env: ExprEnv,
  lang: 'ja' | 'en' = 'en',
): Completion[] {
  const c = exprCompletionsAt(source, caret, env);
  return c.items.slice(0, MAX_ITEMS).map((it) => {
    let detail = it.detail ?? it.type ?? '';
    if (it.kind === 'field') {
      const label = env.fields.get(it.label)?.label?.[lang];
      detail = [label, it.type].filter(Boolean).join(' · ');
    }
    return { kind: it.kind, insert: it.insert, label: it.label, detail, from: c.from, to: c.to };
  });
}

/** Apply a completion: the new source and where the caret goes. */
export function applyCompletion(source: string, c: Completion): { source: string; caret: number } {
  const next = source.slice(0, c.from) + c.insert + source.slice(c.to);
  return { source: next, caret: c.from + c.insert.length };
}
