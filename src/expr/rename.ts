/**
 * Token-level edits that keep the user's formatting: renaming a field and listing the names an
 * expression refers to. They work on half-typed or invalid text too (the editors need them
 * while the user types), so they read tokens rather than the parse tree.
 */
import { isCallee, tokenize } from './lexer';
import { BUILTIN_TYPES } from './env';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** True for identifier tokens naming a field: not a keyword, built-in, function name or member after `.`. */
function isFieldRef(tokens: ReturnType<typeof tokenize>, i: number): boolean {
  const t = tokens[i];
  if (t.kind !== 'ident' || KEYWORDS.has(t.text) || Object.hasOwn(BUILTIN_TYPES, t.text))
    return false;
  if (isCallee(tokens, i)) return false;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  // `where:` / `before:` name an option of an activity aggregate, not a field.
  if (next && next.kind === 'op' && next.text === ':') return false;
  return !(prev && prev.kind === 'op' && prev.text === '.');
}

/**
 * `src` with every reference to field `oldId` replaced by `newId`; text inside strings, function
 * names and everything else stay byte for byte. Throws when `newId` is not a valid identifier.
 */
export function renameFieldInExpression(src: string, oldId: string, newId: string): string {
  if (!IDENTIFIER.test(newId)) {
    throw new Error(
      `\`${newId}\` is not a valid field id: start with a letter or _ and use only letters, digits and _.`,
    );
  }
  const tokens = tokenize(src);
  let out = '';
  let last = 0;
  tokens.forEach((t, i) => {
    if (t.text === oldId && isFieldRef(tokens, i)) {
      out += src.slice(last, t.start) + newId;
      last = t.end;
    }
  });
  return out + src.slice(last);
}

/** Field ids `src` refers to, once each, in order of first appearance (built-ins and functions left out). */
export function referencedFields(src: string): string[] {
  const tokens = tokenize(src);
  const seen: string[] = [];
  tokens.forEach((t, i) => {
    if (isFieldRef(tokens, i) && !seen.includes(t.text)) seen.push(t.text);
  });
  return seen;
}
