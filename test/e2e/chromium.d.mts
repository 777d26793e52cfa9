export interface FindChromiumOptions {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  /** Playwright's own browser path ('' for none); looked up when absent. */
  playwrightPath?: string;
}
export function chromiumCandidates(opts?: Omit<FindChromiumOptions, 'exists'>): string[];
export function findChromium(opts?: FindChromiumOptions): string | null;
export const INSTALL_HINT: string;
