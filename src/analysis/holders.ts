import type { PrepNode } from '../model';

/** Distinct, non-blank holders: "Sato" and " Sato " are one person, "" is nobody. */
export function holdersOf(node: PrepNode): string[] {
  return [...new Set(node.holders.map((h) => h.trim()).filter(Boolean))];
}
