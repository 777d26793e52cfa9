/**
 * When the page itself had the dashboard after a reload: the first moment the dashboard's
 * accounts count (stored or re-derived) with the expected text is in the DOM, and the frame
 * after it, on the page's clock (a MutationObserver set up by an init script in every new
 * document). Playwright's `waitFor` polls 0, 20, 50, 100, 100 ms, then every 500 ms, so a time
 * taken from it can be up to ~500 ms after the dashboard was drawn (session 30, reloaddash).
 */
import type { BrowserContext, Page } from 'playwright-core';

type Shown = { dom: number; frame: number };

/** Watch every new document of `target` for the dashboard's accounts count reading `want`. */
export async function watchDashboard(target: BrowserContext | Page, want: string): Promise<void> {
  await target.addInitScript((want: string) => {
    const w = window as unknown as { __dashShown?: Shown };
    const sel = '[data-testid="stored-kpi-accounts"],[data-testid="kpi-accounts"]';
    // No named function here: tsx would wrap it in a `__name` call the page does not have.
    const mo = new MutationObserver(() => {
      if (w.__dashShown) return;
      if (![...document.querySelectorAll(sel)].some((e) => e.textContent?.includes(want))) return;
      const shown = { dom: performance.now(), frame: 0 };
      w.__dashShown = shown;
      mo.disconnect();
      requestAnimationFrame(() => setTimeout(() => (shown.frame = performance.now()), 0));
    });
    mo.observe(document, { childList: true, subtree: true, characterData: true });
  }, want);
}

/**
 * What the current document saw, as wall-clock ms after `w0` (a `Date.now()` of the bench's,
 * e.g. when the reload was asked for): the dashboard in the DOM, the frame after it, and the
 * document's DOMContentLoaded (ms after its navigation started). NaN for what did not happen.
 */
export async function dashboardSeen(
  page: Page,
  w0: number,
): Promise<{ dom: number; frame: number; dcl: number }> {
  const seen = await page.evaluate(() => {
    const s = (window as unknown as { __dashShown?: Shown }).__dashShown;
    const nav = performance.getEntriesByType('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    return {
      origin: performance.timeOrigin,
      dom: s?.dom ?? NaN,
      frame: s?.frame || NaN,
      dcl: nav?.domContentLoadedEventEnd ?? NaN,
    };
  });
  return {
    dom: Math.round(seen.origin + seen.dom - w0),
    frame: Math.round(seen.origin + seen.frame - w0),
    dcl: Math.round(seen.dcl),
  };
}
