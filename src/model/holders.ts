import type { PrepNode } from './diagram';

/**
 * Separators between people typed or pasted on one line: newline, comma (ASCII, full-width),
 * the Japanese 読点 、, semicolons and ・ (中黒, as in "佐藤・田中"). A slash is not one: "営業/CS"
 * is often one role.
 */
const SEPARATORS = /[\n\r,，、;；・]+/;

/** "佐藤、田中" or "Sato, Tanaka" → two people; blanks dropped, duplicates kept once, order kept. */
export function splitHolders(text: string): string[] {
  return [
    ...new Set(
      text
        .split(SEPARATORS)
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Distinct, non-blank holders: "Sato" and " Sato " are one person, "" is nobody, and an entry
 * stored as "佐藤、田中" (typed on one line before the chip input) is two people.
 */
export function holdersOf(node: PrepNode): string[] {
  // Nodes are immutable (immer): two rules and the renderer ask for the same node's holders.
  let h = cache.get(node.holders);
  if (!h) cache.set(node.holders, (h = splitHolders(node.holders.join('\n'))));
  return h;
}
const cache = new WeakMap<readonly string[], string[]>();
