import type { RunRow } from '../../store/db';
import { formatCount } from '../../util/format';

/** One row per run, one count column per key: the History tab's funnel and CTA tables. */
export function RunsTable({
  testid,
  asOfLabel,
  runs,
  keys,
  header,
  count,
  lang,
}: {
  testid: string;
  asOfLabel: string;
  runs: RunRow[];
  keys: readonly string[];
  header: (key: string) => string;
  count: (run: RunRow, key: string) => number;
  lang: string;
}) {
  return (
    <table className="grid" data-testid={testid}>
      <thead>
        <tr>
          <th>{asOfLabel}</th>
          {keys.map((k) => (
            <th key={k} className="num">
              {header(k)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>{r.asOf}</td>
            {keys.map((k) => (
              <td key={k} className="num">
                {formatCount(count(r, k), lang)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
