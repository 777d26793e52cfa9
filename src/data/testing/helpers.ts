import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, type FieldContract } from '../../model';

export const FIXTURES = join(__dirname, '../../../test/fixtures/data');
export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(join(FIXTURES, name)));
export const demoProject = Project.parse(
  JSON.parse(readFileSync(join(__dirname, '../../../templates/demo.json'), 'utf8')),
);
export const demoContract: FieldContract = demoProject.fields;
export const utf8 = (s: string) => new TextEncoder().encode(s);

export { sjis } from './sjisEncode';
