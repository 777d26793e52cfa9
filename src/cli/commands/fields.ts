import { basename } from 'node:path';
import type { CliRunner } from '../types';
import { parseArgs, UsageError } from '../args';
import { readInput, writeOutput } from '../io';
import { formatImportIssue } from '../importIssue';
import { t } from '../messages';
import { ImportError, type Encoding } from '../../data';
import { inferFieldsFromFile, type InferFileResult } from '../../data/inferFile';
import type { InferredField } from '../../data/inferFields';
import { emptyProject, playbookFromProject, type Playbook } from '../../model';

const ENCODINGS: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  shift_jis: 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
};

/**
 * The smallest valid playbook around the proposed contract (one "all" segment, no measures,
 * stages or CTAs), so `waymark score` accepts the output as it is and the user adds the model.
 */
export function playbookWithContract(r: InferFileResult, name: string): Playbook {
  const p = emptyProject(name);
  return { ...playbookFromProject(p), fields: r.contract };
}

function reasonText(f: InferredField): string {
  const d = f.detail;
  return t(`fields.reason.${f.reason}`, {
    odd: (d.odd ?? []).map((s) => `"${s}"`).join(', '),
    oddCount: d.oddCount ?? 0,
    distinct: d.distinct,
    values: (f.field.values ?? []).join(', '),
  });
}

function table(r: InferFileResult, file: string): string {
  const rows = r.fields.map((f) => [
    f.header,
    f.field.id,
    f.field.type + (f.field.unit ? ` (${f.field.unit})` : ''),
    reasonText(f),
  ]);
  const head = [
    t('fields.col.header'),
    t('fields.col.id'),
    t('fields.col.type'),
    t('fields.col.why'),
  ];
  // Width by code points, East Asian characters counting double, so the columns line up in a terminal.
  const w = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffdc]/.test(c) ? 2 : 1), 0);
  const widths = [0, 1, 2].map((i) => Math.max(w(head[i]), ...rows.map((x) => w(x[i]))));
  const line = (x: string[]) =>
    x
      .map((c, i) => (i < 3 ? c + ' '.repeat(widths[i] - w(c)) : c))
      .join('  ')
      .trimEnd();
  return [
    t('fields.summary', { file, encoding: r.encoding, rows: r.rowsRead, count: r.fields.length }),
    t('fields.key', { key: r.contract.accountKey, name: r.contract.nameField ?? '—' }),
    '',
    line(head),
    ...rows.map(line),
    '',
    t('fields.next', { file }),
    '',
  ].join('\n');
}

export const fieldsCommand: CliRunner = {
  async run(argv, io) {
    const a = parseArgs(argv, ['format', 'encoding', 'out', 'name', 'sheet']);
    if (a.positionals.length !== 1) throw new UsageError(t('usage.oneData'));
    const file = a.positionals[0];
    const format = a.options.format ?? 'table';
    if (format !== 'table' && format !== 'json')
      throw new UsageError(t('fields.badFormat', { value: format }));
    const encName = a.options.encoding?.toLowerCase();
    const encoding = encName === undefined ? undefined : ENCODINGS[encName];
    if (encName !== undefined && !encoding)
      throw new UsageError(t('fields.badEncoding', { value: a.options.encoding ?? '' }));
    const bytes = await readInput(io, file);
    if (!bytes) return 1;
    let r: InferFileResult;
    try {
      r = inferFieldsFromFile(bytes, basename(file), { encoding, sheet: a.options.sheet });
    } catch (e) {
      if (e instanceof ImportError) {
        io.stderr(formatImportIssue(e.issue) + '\n');
        return 1;
      }
      throw e;
    }
    const text =
      format === 'json'
        ? JSON.stringify(playbookWithContract(r, a.options.name ?? basename(file)), null, 2) + '\n'
        : table(r, file);
    return writeOutput(io, a.options.out, text);
  },
};
