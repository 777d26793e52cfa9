import { readFileSync } from 'node:fs';

/**
 * The demo CSV's account ids and company names as the row-query worker holds them: the ids, the
 * distinct names and each row's code into them; the strings flattened (as a structured clone
 * gives them) rather than left as slices of the file's one big string. For the node-only search
 * benches (searchKeys.ts, searchFilter.ts).
 */
export function demoIdsAndNames(csv: string): { ids: string[]; names: string[]; codes: number[] } {
  const codes: number[] = [];
  const ids: string[] = [];
  const names: string[] = [];
  const seen = new Map<string, number>();
  const lines = readFileSync(csv, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const a = l.indexOf(',');
    const b = l.indexOf(',', a + 1);
    ids.push(l.slice(0, a));
    const name = l.slice(a + 1, b);
    let c = seen.get(name);
    if (c === undefined) {
      c = names.length;
      names.push(name);
      seen.set(name, c);
    }
    codes.push(c);
  }
  return {
    ids: JSON.parse(JSON.stringify(ids)) as string[],
    names: JSON.parse(JSON.stringify(names)) as string[],
    codes,
  };
}
