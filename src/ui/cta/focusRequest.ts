/**
 * A CTA another view asked the CTA editor to open (the journey map's "Add CTA"): the editor
 * takes it once on mount, scrolls to the card and selects its name.
 */
let pending: { id: string; note: string } | null = null;

export function requestCtaFocus(id: string, note: string): void {
  pending = { id, note };
}

export function takeCtaFocus(): { id: string; note: string } | null {
  const p = pending;
  pending = null;
  return p;
}
