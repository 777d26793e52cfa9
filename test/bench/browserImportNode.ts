// The browser import's work measured in Node, for `npm run bench -- browser-import --node`:
// the same bytes through importAccountFile (the import worker's one pass) or through
// planParallel + parseRangeStream per part + mergeRanges (what the import worker and the
// range workers do), each phase's CPU. Prints one JSON line. Usage:
// node --import tsx browserImportNode.ts <file> <parts> [notouch]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { touchRoom } from '../../src/data/absorbPart';
import { importAccountFile } from '../../src/data/importFile';
import {
  mergeRanges,
  parseRangeStream,
  planParallel,
  type RangeResult,
} from '../../src/data/parallelImport';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';

const [file, partsArg] = process.argv.slice(2);
const parts = Number(partsArg ?? '1');
const TOUCH = process.argv[4] !== 'notouch';
const doc = readPlaybookDocument(readFileSync('templates/demo.json'));
if (!doc.ok) throw new Error('templates/demo.json does not read');
const contract = doc.playbook.fields;
const bytes = new Uint8Array(readFileSync(file));
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const read = (buf: Uint8Array, offset: number, length: number, position: number) => {
  const n = Math.max(0, Math.min(length, bytes.length - position));
  buf.set(bytes.subarray(position, position + n), offset);
  return Promise.resolve(n);
};
const out: Record<string, number> = {};
const c0 = cpu();
const t0 = performance.now();
let rows: number;
if (parts < 2) {
  rows = importAccountFile(bytes, basename(file), contract, {}).table.rowCount;
} else {
  const plan = planParallel(bytes, basename(file), contract, {}, parts);
  if (!plan) throw new Error('no plan');
  const results: RangeResult[] = [];
  for (const [k, job] of plan.jobs.entries()) {
    const c = cpu();
    results.push(await parseRangeStream(plan.spec, read, job));
    out[`part${k}_cpu`] = cpu() - c;
    // The part's finish (its importer's build and the merge's bytes and hashes), wall ms.
    out[`finish${k}_ms`] = Math.round(results[k].finishMs ?? -1);
    const r = results[k];
    if (k === 0 && r.table && TOUCH) {
      // As importInParts: the room for the other parts' rows touched while they are parsed.
      const t = cpu();
      const rows =
        (r.records * (bytes.length - plan.spec.start) * 1.01) / (r.end - plan.spec.start);
      for (const col of Object.values(r.table.columns)) touchRoom(col, rows);
      out.touch_cpu = cpu() - t;
    }
  }
  const c = cpu();
  const merged = mergeRanges(plan.spec, results);
  out.merge_cpu = cpu() - c;
  if (!merged) throw new Error('no merge');
  rows = merged.table.rowCount;
}
out.wall = (performance.now() - t0) / 1000;
out.cpu = cpu() - c0;
console.log(JSON.stringify({ parts, rows, ...out }));
