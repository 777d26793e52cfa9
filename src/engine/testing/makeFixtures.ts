/**
 * Writes test/fixtures/playbooks/*.json from the demo template (run: npx tsx
 * src/engine/testing/makeFixtures.ts). Each bad fixture changes exactly one thing.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoPlaybook, ROOT } from './demo';

const dir = join(ROOT, 'test', 'fixtures', 'playbooks');
mkdirSync(dir, { recursive: true });
const write = (name: string, v: unknown) =>
  writeFileSync(join(dir, name), JSON.stringify(v, null, 2) + '\n');
// Tests poke arbitrary paths of a playbook copy.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fresh = () => structuredClone(demoPlaybook()) as unknown as Record<string, any>;

const demo = fresh();
demo.asOf = '2026-11-23';
write('demo.playbook.json', demo);

let p = fresh();
p.health.measures[1].expr = 'activ_users / licenses';
write('bad-unknown-field.json', p);

p = fresh();
p.ctas[2].trigger = "quota_usage > 'high'";
write('bad-type-error.json', p);

p = fresh();
p.ctas[0].type = 'upsell';
write('bad-enum.json', p);

p = fresh();
p.ctas[3].id = p.ctas[1].id;
write('bad-duplicate-id.json', p);

p = fresh();
p.version = 2;
write('bad-newer-version.json', p);

p = fresh();
p.ctas[4].segments = ['smb', 'midmarket'];
p.health.overrides[0].weights.relation = 5;
p.ctas[6].stages = ['onbording'];
write('bad-unknown-refs.json', p);
