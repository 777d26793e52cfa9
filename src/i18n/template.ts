/**
 * The one `{{name}}` filler for text used outside i18next (playbook issues, expression errors,
 * PReP findings in the CLI, CLI messages), so it reads the same strings the same way as the app.
 *
 * A placeholder whose parameter is missing (absent or undefined) stays as written, `{{name}}`:
 * i18next does the same for an absent parameter, and a visible gap is a bug a test can catch
 * (the rule tester fails on any `{{` left in a message) where an empty string would hide it.
 * Values are turned into text with String(); spaces inside the braces are allowed (`{{ name }}`).
 */
export function fillTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(params, key) && params[key] !== undefined ? String(params[key]) : whole,
  );
}
