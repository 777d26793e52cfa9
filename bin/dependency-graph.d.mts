/** dependency-cruiser's JSON result for `src` under `cwd` (the repo by default) and our rules. */
export function cruise(cwd?: string): {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
};
/** The text of docs/dependency-graph.md for a cruise result. */
export function render(result: ReturnType<typeof cruise>): string;
