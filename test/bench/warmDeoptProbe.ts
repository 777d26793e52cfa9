// What V8 throws away and compiles again after a worker's warm-up, in Node: the warm-up as the
// range worker (1) or the import worker (0) runs it at the preview (warmRange), then that
// worker's part of FILE, and for the import worker the other part and the merge. Run with
// `node --trace-deopt --trace-opt --import tsx test/bench/warmDeoptProbe.ts FILE 0|1`: every
// bailout after "WARM DONE" is code the warm-up compiled and the import threw away (session 39:
// a range worker's writeBytes, packedFacts and dictBytesOf were). Chromium's own flags: see
// browserImportTrace.ts --js-flags.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  mergeRanges,
  packResult,
  parseRangeStream,
  planParallel,
  unpackResult,
  warmRange,
} from '../../src/data/parallelImport';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';
const [file, which] = process.argv.slice(2);
const doc = readPlaybookDocument(readFileSync('templates/demo.json'));
if (!doc.ok) throw new Error('demo');
const contract = doc.playbook.fields;
const bytes = new Uint8Array(readFileSync(file));
const head = bytes.subarray(0, 1 << 20);
const read = (buf: Uint8Array, offset: number, length: number, position: number) => {
  const n = Math.max(0, Math.min(length, bytes.length - position));
  buf.set(bytes.subarray(position, position + n), offset);
  return Promise.resolve(n);
};
const plan = planParallel(bytes, basename(file), contract, {}, 2);
if (!plan) throw new Error('no plan');
const k = Number(which ?? '1');
await warmRange(head, bytes.length, basename(file), contract, {}, 2, { merge: k === 0 });
console.log('WARM DONE');
const t = performance.now();
const r = await parseRangeStream(plan.spec, read, plan.jobs[k]);
console.log('PART DONE', Math.round(performance.now() - t), r.records, 'finish', r.finishMs);
if (k === 0) {
  const r1 = unpackResult(packResult(await parseRangeStream(plan.spec, read, plan.jobs[1])));
  console.log('PART1 DONE');
  const m0 = performance.now();
  const m = mergeRanges(plan.spec, [r, r1]);
  console.log('MERGE DONE', Math.round(performance.now() - m0), m?.table.rowCount);
}
