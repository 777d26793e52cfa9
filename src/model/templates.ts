import { migrateProject } from './migrations';
import type { Project } from './project';
import { newId } from './ids';
import type { DocIssue } from './issues';
import { localiseTemplate, type TemplateLang } from './templateText';

/**
 * Starter projects: every templates/*.json, picked up at build time (Vite's eager glob also
 * works under vitest). Each file is a full Project document; its id is the file name.
 * templates/i18n/<id>.json is the two-language source of a template whose templates/<id>.json
 * stays a plain one-language project for the CLI, benches and tests (the demo): the source wins.
 */
const files = import.meta.glob(['../../templates/*.json', '../../templates/i18n/*.json'], {
  eager: true,
  import: 'default',
}) as Record<string, unknown>;

/** File id → document, a templates/i18n/ source replacing the plain file of the same id. */
function sources(): [string, unknown][] {
  const byId = new Map<string, unknown>();
  const entries = Object.entries(files);
  for (const [path, raw] of entries) if (!path.includes('/i18n/')) byId.set(idOf(path), raw);
  for (const [path, raw] of entries) if (path.includes('/i18n/')) byId.set(idOf(path), raw);
  return [...byId];
}

export interface TemplateInfo {
  /** File name without .json, e.g. 'demo'. */
  id: string;
  /** Name and description with both languages ("日本語 / English"). */
  name: string;
  description: string;
  /** Name and description in one language (for the template picker). */
  nameIn: (lang: 'ja' | 'en') => string;
  descriptionIn: (lang: 'ja' | 'en') => string;
  /** The project with every text in both languages. */
  project: Project;
  /** The file as written (texts may be `{ja, en}`): instantiation localises this. */
  doc: unknown;
}

export interface BrokenTemplate {
  id: string;
  issues: DocIssue[];
}

function idOf(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.json$/, '');
}

let cache: { ok: TemplateInfo[]; broken: BrokenTemplate[] } | null = null;

function load() {
  if (cache) return cache;
  const ok: TemplateInfo[] = [];
  const broken: BrokenTemplate[] = [];
  for (const [id, raw] of sources()) {
    // Valid in each language, not only with both texts side by side.
    const [r, ja, en] = (['both', 'ja', 'en'] as TemplateLang[]).map((l) =>
      migrateProject(localiseTemplate(raw, l)),
    );
    if (r.ok && ja.ok && en.ok) {
      const meta = { ja: ja.project.meta, en: en.project.meta };
      ok.push({
        id,
        name: r.project.meta.name,
        description: r.project.meta.description,
        nameIn: (l) => meta[l].name,
        descriptionIn: (l) => meta[l].description,
        project: r.project,
        doc: raw,
      });
    } else broken.push({ id, issues: [r, ja, en].flatMap((x) => (x.ok ? [] : x.issues)) });
  }
  // The demo first, then by name.
  ok.sort((a, b) => (a.id === 'demo' ? -1 : b.id === 'demo' ? 1 : a.name.localeCompare(b.name)));
  cache = { ok, broken };
  return cache;
}

/** Valid templates (a broken file is left out, and reported by brokenTemplates()). */
export function listTemplates(): TemplateInfo[] {
  return load().ok;
}

export function brokenTemplates(): BrokenTemplate[] {
  return load().broken;
}

export function getTemplate(id: string): TemplateInfo | undefined {
  return load().ok.find((t) => t.id === id);
}

/**
 * A new project from a template: a deep copy with a new id, fresh timestamps and the given name;
 * with `lang`, its "日本語 / English" texts in that language (templateText.ts).
 */
export function instantiateTemplate(
  id: string,
  opts: { name?: string; id?: string; now?: string; lang?: 'ja' | 'en' } = {},
): Project {
  const t = getTemplate(id);
  if (!t) throw new Error(`no template "${id}"`);
  const now = opts.now ?? new Date().toISOString();
  const m = opts.lang ? migrateProject(localiseTemplate(t.doc, opts.lang)) : null;
  if (m && !m.ok) throw new Error(`template "${id}" is not valid in ${opts.lang}`);
  const p = m?.ok ? m.project : structuredClone(t.project);
  p.id = opts.id ?? newId('p_');
  p.meta = {
    ...p.meta,
    name: opts.name?.trim() || p.meta.name,
    createdAt: now,
    updatedAt: now,
    template: id,
  };
  return p;
}
