import type { CliRunner, ExitCode } from '../types';
import { parseArgs, UsageError } from '../args';
import { readInput } from '../io';
import { t, cliLanguage } from '../messages';
import { migrateProject } from '../../model';
import { localiseTemplate } from '../../model/templateText';
import { lintDiagram } from '../../analysis/lint';
import { findingMessage, findingQuestion } from '../../analysis/format';
import { fillTemplate } from '../../i18n/template';
import { PRESET_NAMES, isPresetName } from '../../analysis/presets';
import { findingsReport, involved } from '../../analysis/report';
import { BOM } from '../chunkWriter';
import type { Finding } from '../../analysis/types';
import enPrep from '../../i18n/en/prep';
import jaPrep from '../../i18n/ja/prep';

const msg = (key: keyof typeof enPrep.cli, params: Record<string, string | number> = {}) =>
  fillTemplate((cliLanguage() === 'ja' ? jaPrep : enPrep).cli[key], params);

/**
 * `waymark lint <project.json> [--diagram ID] [--preset NAME] [--format json|md|csv]
 * [--include-dismissed] [--lang ja|en]`: PReP findings, exit 1 on any error finding that is not
 * dismissed.
 */
export const lintCommand: CliRunner = {
  async run(argv, io): Promise<ExitCode> {
    const a = parseArgs(
      argv,
      ['diagram', 'preset', 'format', 'lang'],
      ['include-dismissed', 'no-bom'],
    );
    if (a.positionals.length !== 1)
      throw new UsageError(
        a.positionals.length
          ? t('usage.unexpected', { arg: a.positionals[1] })
          : t('usage.oneProject'),
      );
    const preset = a.options.preset ?? 'recommended';
    if (!isPresetName(preset))
      throw new UsageError(msg('badPreset', { value: preset, presets: PRESET_NAMES.join(', ') }));
    const format = a.options.format ?? 'json';
    if (format !== 'json' && format !== 'md' && format !== 'csv')
      throw new UsageError(msg('badFormat', { value: format }));
    const lang = a.options.lang ?? cliLanguage();
    if (lang !== 'ja' && lang !== 'en') throw new UsageError(msg('badLang', { value: lang }));
    const includeDismissed = a.flags.has('include-dismissed');
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
    // A template (templates/*.json) writes texts as {ja, en}: read them in the report's language.
    const m = migrateProject(localiseTemplate(raw, lang, { splitStrings: false }));
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
    const linted = diagrams.map((diagram) => {
      const lint = lintDiagram(diagram, { preset, includeDismissed });
      errors += lint.errors;
      return { diagram, lint, preset };
    });
    if (format !== 'json') {
      // CSV starts with a BOM, as the editor's download does, so Excel reads it as UTF-8.
      const bom = format === 'csv' && !a.flags.has('no-bom') ? BOM : '';
      io.stdout(bom + findingsReport(linted, format, lang));
      return errors > 0 ? 1 : 0;
    }
    const out = linted.map(({ diagram: d, lint: r }) => {
      const label = new Map(d.nodes.map((n) => [n.id, n.label]));
      const json = (f: Finding) => ({
        rule: f.ruleId,
        severity: f.severity,
        nodeId: f.nodeId,
        label: label.get(f.nodeId) ?? '',
        deliverables: involved(f, d),
        relatedNodeIds: f.relatedNodeIds,
        edgeIds: f.edgeIds,
        rank: f.rank,
        key: f.key,
        impact: f.impact,
        ...(f.review ? { review: f.review } : {}),
        message: { en: findingMessage(f, 'en'), ja: findingMessage(f, 'ja') },
        question: { en: findingQuestion(f, 'en'), ja: findingQuestion(f, 'ja') },
      });
      return {
        id: d.id,
        name: d.name,
        errors: r.errors,
        warnings: r.warnings,
        notices: r.infos,
        findings: r.findings.map(json),
        dismissed: r.dismissed.map(json),
      };
    });
    io.stdout(JSON.stringify({ file, preset, includeDismissed, diagrams: out }, null, 2) + '\n');
    return errors > 0 ? 1 : 0;
  },
};
