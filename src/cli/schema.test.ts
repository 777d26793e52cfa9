import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { playbookJsonSchemaText, SCHEMA_PATH } from './schema';
import { ROOT } from '../engine/testing/demo';

describe('public/schema/playbook-v2.schema.json', () => {
  it('is what the zod model generates (run `npm run schema` after changing src/model)', () => {
    const committed = readFileSync(join(ROOT, SCHEMA_PATH), 'utf8');
    expect(
      committed === playbookJsonSchemaText(),
      'the committed JSON Schema is stale: run `npm run schema`',
    ).toBe(true);
  });

  it('keeps the v1 schema published for files and tools that still name it', () => {
    const v1 = JSON.parse(
      readFileSync(join(ROOT, 'public/schema/playbook-v1.schema.json'), 'utf8'),
    );
    expect(v1.properties.version.const).toBe(1);
    expect(JSON.parse(playbookJsonSchemaText()).properties.version.const).toBe(2);
  });

  it('describes the playbook’s required top-level fields and enums', () => {
    const s = JSON.parse(playbookJsonSchemaText());
    expect(s.required).toEqual(
      expect.arrayContaining([
        'format',
        'version',
        'fields',
        'segments',
        'health',
        'stages',
        'stageSource',
        'ctas',
        'routing',
      ]),
    );
    expect(s.properties.ctas.items.properties.type.enum).toEqual([
      'expansion',
      'risk',
      'lifecycle',
      'other',
    ]);
  });
});
