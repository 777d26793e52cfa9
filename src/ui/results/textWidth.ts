/**
 * The narrowest width (px) at which every text wraps onto at most `lines` lines, breaking at
 * spaces and between CJK characters as the browser does (a word wider than the line breaks
 * anywhere: `overflow-wrap: anywhere`). `measure` gives a piece's width in the cell's font.
 * Used to size a column to its content when the texts are few (a queue's CTA names).
 */
export function wrapWidth(
  texts: readonly string[],
  lines: number,
  measure: (s: string) => number,
  bounds: { min: number; max: number },
): number {
  const pieces = texts.map((t) =>
    (t.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? []).map(
      (p) => ({ w: measure(p), trail: p.length - p.trimEnd().length > 0 ? measure(' ') : 0 }),
    ),
  );
  const fits = (width: number) =>
    pieces.every((ps) => {
      let used = 1;
      let x = 0;
      for (const p of ps) {
        // Trailing spaces hang past the line's end, as in CSS.
        const body = p.w - p.trail;
        if (x > 0 && x + body > width) {
          used++;
          x = 0;
        }
        if (body > width) {
          used += Math.ceil(body / width) - 1;
          x = body % width;
        }
        x += p.w;
        if (used > lines) return false;
      }
      return true;
    });
  if (fits(bounds.min)) return bounds.min;
  if (!fits(bounds.max)) return bounds.max;
  let lo = bounds.min;
  let hi = bounds.max;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
