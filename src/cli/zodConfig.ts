/**
 * zod for a one-shot CLI: without its JIT. By default zod compiles a parser (`new Function`)
 * for each object schema the first time it parses one; a command parses one or two documents
 * (a playbook, a project), so compiling cost more than it saved — the first `migrateProject`
 * of templates/demo.json took 33–58 ms with it and 8–10 ms without (2026-12-05, issue 17
 * point 4). The setting is read when a schema is constructed, so this module must be
 * evaluated before the model modules: src/cli/commands/index.ts imports it before a command.
 * Parsing gives the same results either way.
 */
import { config } from 'zod';

config({ jitless: true });
