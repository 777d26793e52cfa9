import {
  issue,
  parsePlaybookDocument,
  readPlaybook,
  type ParsePlaybookResult,
  type PlaybookIssue,
} from '../playbook/validate';
import { findTooDeep, MAX_JSON_DEPTH } from '../util/jsonDepth';
import { localiseTemplate } from '../model/templateText';

export type PlaybookReadResult = ParsePlaybookResult;

/**
 * Bytes or text of a playbook or project file → validated Playbook (shape, cross-references,
 * expressions). JSON syntax errors name the line and column.
 */
export function readPlaybookDocument(
  text: string | Uint8Array,
  opts: { crossCheck?: boolean } = {},
): PlaybookReadResult {
  const s = typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text);
  // Checked before parsing: validating 10,000 nested arrays would overflow the stack.
  const deep = findTooDeep(s);
  if (deep)
    return {
      ok: false,
      issues: [
        issue(deep.path, 'too_deep', {
          line: deep.line,
          column: deep.column,
          max: MAX_JSON_DEPTH,
        }),
      ],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
  } catch (e) {
    return { ok: false, issues: [jsonSyntaxIssue(s, e as Error)] };
  }
  // A template file (templates/*.json) writes texts as {ja, en}: read as "日本語 / English".
  raw = localiseTemplate(raw, 'both');
  return opts.crossCheck === false ? parsePlaybookDocument(raw) : readPlaybook(raw);
}

function jsonSyntaxIssue(s: string, e: Error): PlaybookIssue {
  // V8: "… in JSON at position 123 (line 4 column 7)"; older: "at position 123".
  const m = /position (\d+)/.exec(e.message);
  let where = '';
  if (m) {
    const pos = Number(m[1]);
    const before = s.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${col}`;
  }
  return issue('$', 'not_json', { where, detail: e.message });
}
