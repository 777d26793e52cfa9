import * as z from 'zod';
import { Playbook, PLAYBOOK_VERSION } from '../model';
import { portablePattern } from './schemaPortable';

export const SCHEMA_PATH = `public/schema/playbook-v${PLAYBOOK_VERSION}.schema.json`;

/**
 * The playbook's JSON Schema, generated from the zod schema (the one source of truth).
 * `io: 'input'` describes what a person may write (optional fields stay optional).
 */
export function playbookJsonSchemaText(): string {
  const schema = z.toJSONSchema(Playbook, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = schema;
  const doc = {
    $schema,
    $id: `https://waymark.local/schema/playbook-v${PLAYBOOK_VERSION}.schema.json`,
    title: `Waymark playbook v${PLAYBOOK_VERSION}`,
    description:
      'A portable Waymark playbook: field contract, activity sources, segments, health model, lifecycle stages, CTAs and owner routing. See docs/playbook-format.md.',
    ...rest,
  };
  return JSON.stringify(doc, portablePattern, 2) + '\n';
}
