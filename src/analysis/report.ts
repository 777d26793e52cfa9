import en from '../i18n/en/prep';
import ja from '../i18n/ja/prep';
import type { Diagram } from '../model';
import type { Finding } from './types';
import type { LintResult } from './lint';
import { findingMessage, findingQuestion, pluralKey, ruleName } from './format';
import { fillTemplate as interpolate } from '../i18n/template';

/**
 * The findings report the customer keeps after the call (issue 16 §5): every finding with its
 * severity, the deliverables involved and the question to ask, in Markdown or CSV, Japanese or
 * English. Pure (no DOM): the editor downloads it, `waymark lint --format md|csv` prints it.
 */
export type ReportFormat = 'md' | 'csv';
export type Lang = 'en' | 'ja';

export interface ReportInput {
  diagram: Diagram;
  lint: LintResult;
  preset: string;
}

const STRINGS = { en: en.report, ja: ja.report } as const;
const SEVERITY = { en: en.severity, ja: ja.severity } as const;
const PRESET = { en: en.preset, ja: ja.preset } as const;

function text(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const table = STRINGS[lang] as Record<string, string>;
  const tpl = pluralKey(table, key, params, lang) ?? key;
  return interpolate(tpl, params);
}

/** Labels of the flagged box and the others involved (the sync partner, the loop, the input). */
export function involved(f: Finding, diagram: Diagram): string[] {
  const label = new Map(diagram.nodes.map((n) => [n.id, n.label]));
  return [f.nodeId, ...f.relatedNodeIds].map((id) => label.get(id) ?? id);
}

function impactText(f: Finding, lang: Lang): string {
  const parts = [
    interpolate(pluralKey(findingsTable(lang), 'reach', { count: f.impact.reach }, lang)!, {
      count: f.impact.reach,
    }),
  ];
  if (f.impact.finalPath) parts.push(findingsTable(lang).finalPath);
  if (f.impact.crossOrg) parts.push(findingsTable(lang).crossOrg);
  return parts.join(' · ');
}
const findingsTable = (lang: Lang) =>
  (lang === 'ja' ? ja.findings : en.findings) as Record<string, string>;

const status = (f: Finding, lang: Lang) => text(lang, f.review?.status ?? 'open');

/** One line of Markdown: no raw newlines, and | escaped (labels are user text). */
const mdInline = (s: string) =>
  s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([|*_`<>[\]\\])/g, '\\$1');

function markdown(inputs: ReportInput[], lang: Lang): string {
  const out: string[] = [];
  for (const { diagram, lint, preset } of inputs) {
    out.push(`# ${mdInline(text(lang, 'title', { name: diagram.name }))}`, '');
    out.push(
      text(lang, 'counts', {
        errors: text(lang, 'errors', { count: lint.errors }),
        warnings: text(lang, 'warnings', { count: lint.warnings }),
        notices: text(lang, 'notices', { count: lint.infos }),
        dismissed: text(lang, 'dismissed', { count: lint.dismissed.length }),
        preset: (PRESET[lang] as Record<string, string>)[preset] ?? preset,
      }),
      '',
    );
    if (lint.findings.length === 0) out.push(text(lang, 'none'), '');
    lint.findings.forEach((f, i) => {
      out.push(
        `## ${i + 1}. ${SEVERITY[lang][f.severity]}: ${mdInline(ruleName(f.ruleId, lang))}`,
        '',
        mdInline(findingMessage(f, lang)),
        '',
        `- **${text(lang, 'deliverables')}**: ${involved(f, diagram).map(mdInline).join(', ')}`,
        `- **${text(lang, 'ask')}**: ${mdInline(findingQuestion(f, lang))}`,
      );
      if (f.severity !== 'info') out.push(`- **${text(lang, 'impact')}**: ${impactText(f, lang)}`);
      if (f.review)
        out.push(
          `- **${text(lang, 'status')}**: ${status(f, lang)}${f.review.note ? ` (${mdInline(f.review.note)})` : ''}`,
        );
      out.push('');
    });
    const dismissed = lint.dismissed.filter((d) => !lint.findings.includes(d));
    if (dismissed.length) {
      out.push(`## ${text(lang, 'dismissedTitle')} (${dismissed.length})`, '');
      for (const f of dismissed)
        out.push(
          `- ${SEVERITY[lang][f.severity]}: ${mdInline(ruleName(f.ruleId, lang))}: ${mdInline(findingMessage(f, lang))}${f.review?.note ? ` ${text(lang, 'note')}: ${mdInline(f.review.note)}` : ''}`,
        );
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
function csvField(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(inputs: ReportInput[], lang: Lang): string {
  const cols = [
    'colDiagram',
    'colNo',
    'colSeverity',
    'colRule',
    'colDeliverables',
    'colFinding',
    'colQuestion',
    'colReach',
    'colFinalPath',
    'colCrossOrg',
    'colStatus',
    'colNote',
  ];
  const rows: (string | number)[][] = [cols.map((c) => text(lang, c))];
  const yes = (b: boolean) => text(lang, b ? 'yes' : 'no');
  for (const { diagram, lint } of inputs) {
    const all = [...lint.findings, ...lint.dismissed.filter((d) => !lint.findings.includes(d))];
    all.forEach((f, i) =>
      rows.push([
        diagram.name,
        i + 1,
        SEVERITY[lang][f.severity],
        ruleName(f.ruleId, lang),
        involved(f, diagram).join(', '),
        findingMessage(f, lang),
        findingQuestion(f, lang),
        f.impact.reach,
        yes(f.impact.finalPath),
        yes(f.impact.crossOrg),
        status(f, lang),
        f.review?.note ?? '',
      ]),
    );
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function findingsReport(inputs: ReportInput[], format: ReportFormat, lang: Lang): string {
  return format === 'md' ? markdown(inputs, lang) : csv(inputs, lang);
}
