import type { CliRunner } from '../types';
import { parseArgs, UsageError } from '../args';
import { t } from '../messages';
import { HistoryError, loadHistoryRun, readManifest } from '../history';
import { migrationMatrix } from '../../engine';
import { resolve } from 'node:path';

export const historyCommand: CliRunner = {
  async run(argv, io) {
    const a = parseArgs(argv, ['format', 'compare']);
    const format = a.options.format ?? 'text';
    if (format !== 'text' && format !== 'json')
      throw new UsageError(t('history.badFormat', { value: format }));
    const compare = a.options.compare;
    if (a.positionals.length !== (compare === undefined ? 1 : 2))
      throw new UsageError(t('history.usageArgs'));
    const [dir, compareB] = a.positionals;
    try {
      if (compare !== undefined) {
        const A = await loadHistoryRun(io, dir, compare);
        const B = await loadHistoryRun(io, dir, compareB);
        const m = migrationMatrix(A.run, B.run);
        if (format === 'json') {
          io.stdout(JSON.stringify({ from: compare, to: compareB, ...m }, null, 2) + '\n');
          return 0;
        }
        const label = (c: string) => (c === '' ? t('history.noScore') : c);
        const w = Math.max(10, ...m.colors.map((c) => label(c).length)) + 2;
        const lines = [
          t('history.compareTitle', { a: compare, b: compareB }),
          ''.padEnd(w) + m.colors.map((c) => label(c).padStart(w)).join(''),
          ...m.counts.map(
            (row, i) =>
              label(m.colors[i]).padEnd(w) + row.map((v) => String(v).padStart(w)).join(''),
          ),
          t('history.onlyIn', { asOf: compare, count: m.onlyInA }),
          t('history.onlyIn', { asOf: compareB, count: m.onlyInB }),
        ];
        io.stdout(lines.join('\n') + '\n');
        return 0;
      }
      const m = await readManifest(resolve(io.cwd, dir));
      if (!m) throw new HistoryError(t('history.none', { dir }));
      if (format === 'json') {
        io.stdout(JSON.stringify(m, null, 2) + '\n');
        return 0;
      }
      const lines = [t('history.listHeader')];
      for (const r of m.runs)
        lines.push(
          `${r.asOf}  ${String(r.rowCount).padStart(8)}  ${r.fingerprint}  ${r.dataset}  ` +
            r.colors.map((c) => `${c.color || '-'}=${c.count}`).join(' '),
        );
      io.stdout(lines.join('\n') + '\n');
      return 0;
    } catch (e) {
      if (e instanceof HistoryError) {
        io.stderr(e.message + '\n');
        return 1;
      }
      throw e;
    }
  },
};
