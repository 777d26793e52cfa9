// Test helpers for the editors' component tests: an English UI and an open project.
import { localiseTemplate } from '../../model/templateText';
import { readFileSync } from 'node:fs';
import { initI18n, i18next } from '../../i18n';
import { migrateProject, type Project } from '../../model';
import { projectStore } from '../../store/projectStore';

export function templateProject(name: string): Project {
  // Template texts may be {ja, en}: read them "日本語 / English", as the template list does.
  const raw = JSON.parse(readFileSync(`templates/${name}.json`, 'utf8'));
  const r = migrateProject(localiseTemplate(raw, 'both'));
  if (!r.ok)
    throw new Error(
      `template ${name}: ${r.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  return r.project;
}

export function openForTest(p: Project, lang: 'en' | 'ja' = 'en'): void {
  initI18n(lang);
  void i18next.changeLanguage(lang);
  projectStore.load(p);
}
