import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldContract } from '../../src/model';

/** The demo project's field contract, for specs that write data files. */
export function demoContractForTests(): FieldContract {
  return JSON.parse(readFileSync(join(process.cwd(), 'templates/demo.json'), 'utf8')).fields;
}
