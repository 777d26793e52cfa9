/**
 * The published JSON Schema checked by a second validator (ajv, draft 2020-12, with the `u`
 * flag on patterns), so it is not only zod's own reading of itself that passes. The same
 * patterns were also checked by hand with Python's jsonschema (which rejected `\p{L}`).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Identifier, playbookFromProject } from '../model';
import { listTemplates } from '../model/templates';
import { ROOT } from '../engine/testing/demo';
import { SCHEMA_PATH } from './schema';
import { portablePattern } from './schemaPortable';
import { inferFieldsFromFile } from '../data/inferFile';
import { playbookWithContract } from './commands/fields';

const schema = JSON.parse(readFileSync(join(ROOT, SCHEMA_PATH), 'utf8'));
// v1 files (most fixtures) are checked against the frozen v1 schema, the rest against the current.
const V1_PATH = 'public/schema/playbook-v1.schema.json';
const schemaV1 = JSON.parse(readFileSync(join(ROOT, V1_PATH), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, unicodeRegExp: true });
const validate = ajv.compile(schema);
const validateV1 = ajv.compile(schemaV1);
const PB = join(ROOT, 'test/fixtures/playbooks');
const errorsOf = (doc: unknown) => {
  const v = (doc as { version?: unknown }).version === 1 ? validateV1 : validate;
  return v(doc) ? [] : (v.errors ?? []);
};

describe(`${SCHEMA_PATH} in ajv`, () => {
  it('has no \\p{…} pattern (Python re, RE2 and others reject them), nor has the v1 schema', () => {
    expect(JSON.stringify(schema)).not.toMatch(/\\\\[pP]\{/);
    expect(JSON.stringify(schemaV1)).not.toMatch(/\\\\[pP]\{/);
  });

  const good = readdirSync(PB).filter((f) => f.endsWith('.playbook.json'));
  for (const f of good)
    it(`accepts ${f}`, () => {
      expect(errorsOf(JSON.parse(readFileSync(join(PB, f), 'utf8')))).toEqual([]);
    });

  it('accepts the playbook of every template', () => {
    const templates = listTemplates();
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates)
      expect([t.id, errorsOf(playbookFromProject(t.project))]).toEqual([t.id, []]);
  });

  it('accepts what `waymark fields --format json` prints (Japanese ids)', () => {
    const file = join(ROOT, 'test/fixtures/infer/crm_export.sjis.csv');
    const r = inferFieldsFromFile(new Uint8Array(readFileSync(file)), 'crm.csv');
    expect(errorsOf(JSON.parse(JSON.stringify(playbookWithContract(r, 'CRM'))))).toEqual([]);
  });

  it('rejects shape errors the way zod does (bad enum, newer version)', () => {
    for (const f of ['bad-enum.json', 'bad-newer-version.json'])
      expect(errorsOf(JSON.parse(readFileSync(join(PB, f), 'utf8'))).length).toBeGreaterThan(0);
  });

  it('agrees with zod on identifiers, except non-ASCII non-letters (zod only)', () => {
    const demo = JSON.parse(readFileSync(join(PB, 'demo.playbook.json'), 'utf8'));
    const withId = (id: string) => {
      const d = structuredClone(demo);
      d.fields.accountKey = id;
      return errorsOf(d).length === 0;
    };
    const same = [
      'mrr',
      '_x1',
      '顧客id',
      'Ａ列',
      'ログイン率_30日',
      '1abc',
      'a-b',
      'a b',
      '',
      'x.y',
    ];
    for (const id of same) expect([id, withId(id)]).toEqual([id, Identifier.safeParse(id).success]);
    // The documented difference: the schema accepts any non-ASCII character, zod only letters/digits.
    expect(withId('a→b')).toBe(true);
    expect(Identifier.safeParse('a→b').success).toBe(false);
  });

  it('the generator refuses a \\p{…} pattern it has no portable form for', () => {
    expect(() => portablePattern('pattern', '^\\p{Lu}$')).toThrow(/schemaPortable/);
    expect(portablePattern('pattern', '^#[0-9a-f]{6}$')).toBe('^#[0-9a-f]{6}$');
  });
});
