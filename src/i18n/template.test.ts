import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from './template';
import { formatIssue } from '../playbook/validate';
import { formatMessage } from '../expr/messages';
import { findingMessage } from '../analysis/format';
import { t } from '../cli/messages';

describe('fillTemplate: the one {{name}} filler', () => {
  it('fills every placeholder, as often as it occurs, with String(value)', () => {
    expect(fillTemplate('{{a}} + {{b}} = {{c}}; {{a}}', { a: 1, b: 'two', c: true })).toBe(
      '1 + two = true; 1',
    );
    expect(fillTemplate('{{ a }}!', { a: 0 })).toBe('0!');
  });

  it('leaves a placeholder whose parameter is missing (absent or undefined) as written', () => {
    expect(fillTemplate('at {{line}}, {{col}}', { line: 3 })).toBe('at 3, {{col}}');
    expect(fillTemplate('at {{line}}', { line: undefined })).toBe('at {{line}}');
    // Inherited keys are not parameters.
    expect(fillTemplate('{{toString}}', {})).toBe('{{toString}}');
  });

  it('does not read a filled value as a template again', () => {
    expect(fillTemplate('{{a}} {{b}}', { a: '{{b}}', b: 'x' })).toBe('{{b}} x');
  });

  it('is what the playbook, expression, PReP-finding and CLI texts use (one behaviour)', () => {
    // A missing parameter shows the same way in all four.
    expect(formatIssue('unknown_field', {}, 'en')).toBe('unknown field "{{name}}"');
    expect(formatMessage('unknown_field', {})).toContain('{{name}}');
    const finding = { ruleId: 'insufficient-inputs', messageKey: 'one', params: { label: 'Plan' } };
    expect(findingMessage(finding as unknown as Parameters<typeof findingMessage>[0], 'en')).toBe(
      '“Plan” is made from a single input (“{{input}}”).',
    );
    expect(t('error.readFile', {})).toContain('{{file}}');
  });

  it('no other {{name}} filler exists in src (the rule holds by itself)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n)) files.push(p);
      }
    };
    walk('src');
    const fillers = files.filter((f) =>
      /replace\(\s*\/\\\{\\\{/.test(readFileSync(f, 'utf8').replace(/\s+/g, ' ')),
    );
    expect(fillers).toEqual([join('src', 'i18n', 'template.ts')]);
  });
});
