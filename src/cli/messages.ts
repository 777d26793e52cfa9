/**
 * CLI text in the user's language (LANG / LC_ALL / LC_MESSAGES starting with `ja` → Japanese).
 * A tiny lookup over the i18n 'cli' namespace: the CLI needs no i18next instance.
 */
import en from '../i18n/en/cli';
import ja from '../i18n/ja/cli';
import { fillTemplate } from '../i18n/template';

type Lang = 'en' | 'ja';
let lang: Lang = detect(typeof process !== 'undefined' ? process.env : {});

function detect(env: Record<string, string | undefined>): Lang {
  const v = env.WAYMARK_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return v.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function setCliLanguage(l: Lang): void {
  lang = l;
}

export function cliLanguage(): Lang {
  return lang;
}

/** `t('error.readFile', {file})`: dotted key into the cli namespace, {{name}} placeholders filled. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const pick = (root: unknown): string | undefined => {
    let o: unknown = root;
    for (const k of key.split('.'))
      o = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
    return typeof o === 'string' ? o : undefined;
  };
  const s = pick(lang === 'ja' ? ja : en) ?? pick(en) ?? key;
  return fillTemplate(s, params);
}
