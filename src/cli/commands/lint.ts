import type { CliCommand, ExitCode } from '../types';
import { parseArgs, UsageError } from '../args';
import { readInput } from '../io';
import { t, cliLanguage } from '../messages';
import { migrateProject } from '../../model';
import { lintDiagram } from '../../analysis/lint';
import { findingMessage, findingQuestion } from '../../analysis/format';
import { fillTemplate } from '../../i18n/template';
import { PRESET_NAMES, isPresetName } from '../../analysis/presets';
import enPrep from '../../i18n/en/prep';
import jaPrep from '../../i18n/ja/prep';

const msg = (key: keyof typeof enPrep.cli, params: Record<string, string | number> = {}) =>
  fillTemplate((cliLanguage() === 'ja' ? jaPrep : enPrep).cli[key], params);

/** `waymark lint <project.json> [--diagram ID] [--preset NAME]`: PReP findings as JSON, exit 1 on any error finding. */
export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'print the findings of PReP diagrams as JSON (exit 1 if any is an error)',
  usage: `Usage: waymark lint <project.json> [--diagram ID] [--preset ${PRESET_NAMES.join('|')}]

Runs the PReP diagram rules (single-person dependency, insufficient inputs, missing know-how,
coordination bottleneck, rework loop, disconnected deliverable) and prints the findings as JSON,
with messages and the question to ask the customer in English and Japanese.
  --diagram ID   only this diagram (id or exact name); default: every diagram of the project
  --preset NAME  severities: ${PRESET_NAMES.join(', ')} (default recommended)
Exit code: 0 no error finding, 1 an error finding or an invalid file, 2 usage error.
`,
  async run(argv, io): Promise<ExitCode> {
    const a = parseArgs(argv, ['diagram', 'preset']);
    if (a.positionals.length !== 1)
      throw new UsageError(
        a.positionals.length
          ? `unexpected argument "${a.positionals[1]}"`
          : 'missing <project.json>',
      );
    const preset = a.options.preset ?? 'recommended';
    if (!isPresetName(preset))
      throw new UsageError(msg('badPreset', { value: preset, presets: PRESET_NAMES.join(', ') }));
    const file = a.positionals[0];
    const bytes = await readInput(io, file);
    if (!bytes) return 1;
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      io.stderr(t('error.badJson', { file, reason: (e as Error).message }) + '\n');
      return 1;
    }
    const m = migrateProject(raw);
    if (!m.ok) {
      for (const i of m.issues)
        io.stderr(t('error.issue', { file, path: i.path, message: i.message }) + '\n');
      io.stderr(msg('notProject', { file, count: m.issues.length }) + '\n');
      return 1;
    }
    const all = m.project.diagrams;
    const want = a.options.diagram;
    const diagrams = want === undefined ? all : all.filter((d) => d.id === want || d.name === want);
    if (want !== undefined && diagrams.length === 0) {
      io.stderr(
        msg('unknownDiagram', { file, id: want, ids: all.map((d) => d.id).join(', ') || '—' }) +
          '\n',
      );
      return 1;
    }
    let errors = 0;
    const out = diagrams.map((d) => {
      const r = lintDiagram(d, { preset });
      errors += r.errors;
      const label = new Map(d.nodes.map((n) => [n.id, n.label]));
      return {
        id: d.id,
        name: d.name,
        errors: r.errors,
        warnings: r.warnings,
        findings: r.findings.map((f) => ({
          rule: f.ruleId,
          severity: f.severity,
          nodeId: f.nodeId,
          label: label.get(f.nodeId) ?? '',
          relatedNodeIds: f.relatedNodeIds,
          edgeIds: f.edgeIds,
          rank: f.rank,
          message: { en: findingMessage(f, 'en'), ja: findingMessage(f, 'ja') },
          question: { en: findingQuestion(f, 'en'), ja: findingQuestion(f, 'ja') },
        })),
      };
    });
    io.stdout(JSON.stringify({ file, preset, diagrams: out }, null, 2) + '\n');
    return errors > 0 ? 1 : 0;
  },
};
