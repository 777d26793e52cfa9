/**
 * Autocomplete for the expression editor: what may be typed at the cursor, from tokens (the
 * text is usually half-typed, so no parse is needed). Inside quotes after `category ==` or
 * `category in [` it offers the allowed values.
 */
import { FUNCTIONS } from './functions';
import { AGGREGATES } from './aggregate';
import { tokenize, type Token } from './lexer';
import type { ExprEnv, NameInfo, ValueType } from './types';

export type CompletionKind =
  'field' | 'builtin' | 'function' | 'keyword' | 'value' | 'source' | 'attribute';

export interface CompletionItem {
  /** Shown in the list. */
  label: string;
  /** Text replacing source[from, to). */
  insert: string;
  kind: CompletionKind;
  /** Type, signature or field label (in both languages). */
  detail?: string;
  /** i18n key in the `expr` namespace describing it (functions, built-ins). */
  docKey?: string;
  type?: ValueType;
}

export interface Completions {
  from: number;
  to: number;
  items: CompletionItem[];
}

const VALUE_END = new Set(['ident', 'number', 'string']);
const OPERATORS = [
  'and',
  'or',
  'not',
  'in',
  'not in',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
];
const LEADING_KEYWORDS = ['not', 'true', 'false'];

function quote(v: string): string {
  return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** Allowed values of the name compared in `name == '` / `name in ['a', '`, if any. */
function valuesForString(tokens: Token[], at: number, env: ExprEnv): readonly string[] | undefined {
  let i = at - 1;
  // Inside a list: walk back over `'a', 'b',` to `in [`.
  while (
    i >= 0 &&
    (tokens[i].kind === 'string' || (tokens[i].kind === 'punct' && tokens[i].text === ','))
  )
    i--;
  if (i >= 0 && tokens[i].text === '[') i--;
  const op = tokens[i];
  if (!op || !(op.text === '==' || op.text === '!=' || op.text === 'in')) return undefined;
  const name = tokens[i - 1];
  if (!name || name.kind !== 'ident') return undefined;
  const attrs = enclosingSource(tokens, i - 1, env)?.attributes;
  return (
    attrs?.get(name.text)?.values ??
    env.fields.get(name.text)?.values ??
    env.builtins.get(name.text as never)?.values
  );
}

/**
 * The activity source whose aggregate call encloses token `at` after its `where:` (so names
 * there are the source's attributes), if any.
 */
function enclosingSource(tokens: Token[], at: number, env: ExprEnv) {
  if (!env.sources) return undefined;
  let depth = 0;
  let sawWhere = false;
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.text === ')' || t.text === ']') depth++;
    else if (t.text === '(' || t.text === '[') {
      if (depth === 0) {
        const src = tokens[i + 1];
        return sawWhere && src?.kind === 'ident' ? env.sources.get(src.text) : undefined;
      }
      depth--;
    } else if (depth === 0 && t.text === 'where' && tokens[i + 1]?.text === ':') sawWhere = true;
  }
  return undefined;
}

/** After `source.`: the source's attributes. */
function attributeItems(prefix: string, attrs: ReadonlyMap<string, NameInfo>): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [id, info] of attrs)
    if (matches(prefix, id, info.label?.en, info.label?.ja))
      items.push({
        label: id,
        insert: id,
        kind: 'attribute',
        type: info.type,
        detail: info.label ? `${info.label.ja} / ${info.label.en}` : undefined,
      });
  return items;
}

function matches(prefix: string, ...texts: Array<string | undefined>): boolean {
  const p = prefix.toLowerCase();
  return texts.some((t) => t !== undefined && (p === '' || t.toLowerCase().includes(p)));
}

/** Rank: names starting with the prefix first, then those merely containing it (or a label match). */
function rank(prefix: string, item: CompletionItem): number {
  return item.label.toLowerCase().startsWith(prefix.toLowerCase()) ? 0 : 1;
}

export function completionsAt(src: string, cursor: number, env: ExprEnv): Completions {
  const tokens = tokenize(src);
  const idx = tokens.findIndex((t) => t.start < cursor && cursor <= t.end);
  const tok = idx >= 0 ? tokens[idx] : undefined;

  if (tok && tok.kind === 'string' && (tok.unterminated || cursor < tok.end)) {
    const values = valuesForString(tokens, idx, env) ?? [];
    const typed = src.slice(tok.start + 1, cursor);
    const items = values
      .filter((v) => matches(typed, v))
      .map((v): CompletionItem => ({ label: v, insert: quote(v), kind: 'value', type: 'string' }));
    return { from: tok.start, to: tok.end, items };
  }

  // `logins.|` or `logins.us|`: the source's attributes.
  const dotAt =
    tok && tok.kind === 'ident' ? idx - 1 : tokens.filter((t) => t.end <= cursor).length - 1;
  const dot = tokens[dotAt];
  const owner = tokens[dotAt - 1];
  if (dot && dot.text === '.' && owner?.kind === 'ident' && env.sources?.has(owner.text)) {
    const attrs = env.sources.get(owner.text)!.attributes;
    if (tok && tok.kind === 'ident')
      return {
        from: tok.start,
        to: tok.end,
        items: attributeItems(src.slice(tok.start, cursor), attrs),
      };
    return { from: cursor, to: cursor, items: attributeItems('', attrs) };
  }

  if (tok && tok.kind === 'ident') {
    const prefix = src.slice(tok.start, cursor);
    const inWhere = enclosingSource(tokens, idx, env);
    const items = inWhere
      ? [...attributeItems(prefix, inWhere.attributes), ...names(prefix, env, tokens[idx - 1])]
      : names(prefix, env, tokens[idx - 1]);
    return { from: tok.start, to: tok.end, items };
  }

  const prev = tokens.filter((t) => t.end <= cursor).pop();
  const afterValue =
    prev &&
    (VALUE_END.has(prev.kind) || prev.text === ')' || prev.text === ']') &&
    !['and', 'or', 'not', 'in'].includes(prev.text);
  if (afterValue) {
    return {
      from: cursor,
      to: cursor,
      items: OPERATORS.map((op) => ({ label: op, insert: op, kind: 'keyword' })),
    };
  }
  return { from: cursor, to: cursor, items: names('', env, prev) };
}

function names(prefix: string, env: ExprEnv, prev: Token | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [id, info] of env.fields) {
    if (matches(prefix, id, info.label?.en, info.label?.ja)) {
      items.push({
        label: id,
        insert: id,
        kind: 'field',
        type: info.type,
        detail: info.label ? `${info.label.ja} / ${info.label.en}` : undefined,
      });
    }
  }
  for (const [name, info] of env.builtins) {
    if (matches(prefix, name))
      items.push({
        label: name,
        insert: name,
        kind: 'builtin',
        type: info.type,
        docKey: `builtins.${name}`,
      });
  }
  for (const [id, info] of env.sources ?? []) {
    if (matches(prefix, id, info.label.en, info.label.ja))
      items.push({
        label: id,
        insert: id,
        kind: 'source',
        detail: `${info.label.ja} / ${info.label.en}`,
      });
  }
  if (env.sources?.size)
    for (const a of AGGREGATES) {
      if (FUNCTIONS.some((f) => f.name === a.name) || !matches(prefix, a.name)) continue;
      items.push({
        label: a.name,
        insert: `${a.name}(`,
        kind: 'function',
        detail: a.signature,
        docKey: a.docKey,
      });
    }
  for (const f of FUNCTIONS) {
    if (matches(prefix, f.name))
      items.push({
        label: f.name,
        insert: `${f.name}(`,
        kind: 'function',
        detail: f.signature,
        docKey: f.docKey,
      });
  }
  const afterValue =
    prev &&
    (VALUE_END.has(prev.kind) || prev.text === ')') &&
    !['and', 'or', 'not', 'in'].includes(prev.text);
  for (const k of afterValue ? ['and', 'or', 'in', 'not'] : LEADING_KEYWORDS) {
    if (prefix !== '' && k.startsWith(prefix.toLowerCase()))
      items.push({ label: k, insert: k, kind: 'keyword' });
  }
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => rank(prefix, a.it) - rank(prefix, b.it) || a.i - b.i)
    .map((x) => x.it);
}
