// One block import (importAccountBlocksAsync) in Node with its columns' and string sinks' memory
// faulted in before the clock, as the browser's one pass has it after a second on the preview
// (blockColumnBytes + blockSinkPlan, each buffer written once per 4 KB page): the import
// worker's own work, for profiling the parse (`node --cpu-prof`). Prints JSON: ms, this
// thread's CPU, system time and minor faults, buffers taken. Bundle with esbuild, then:
// node <bundle> <file.csv> <playbook.json>
import { readFileSync } from 'node:fs';
import {
  blockColumnBytes,
  blockSinkPlan,
  importAccountBlocksAsync,
  PLAN_HEAD_BYTES,
} from '../../src/data/importStream';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';

const [file, playbookFile] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const doc = readPlaybookDocument(new Uint8Array(readFileSync(playbookFile)));
if (!doc.ok) throw new Error('the playbook does not read');
const contract = doc.playbook.fields;
const head = bytes.subarray(0, PLAN_HEAD_BYTES);
const faulted = (n: number) => {
  const b = new ArrayBuffer(n);
  const u = new Uint8Array(b);
  for (let i = 0; i < n; i += 4096) u[i] = 0;
  return b;
};
const cols = blockColumnBytes(head, bytes.length, 'data.csv', contract, {}, 384 << 20).map(faulted);
const plan = blockSinkPlan(head, bytes.length, 'data.csv', contract, {}, 384 << 20);
const sinkBufs = plan.sizes.map(faulted);
let taken = 0;
let sinkTaken = 0;
const takeFrom = (left: ArrayBuffer[], n: number) => {
  const i = left.findIndex((b) => b.byteLength === n);
  return i < 0 ? null : left.splice(i, 1)[0];
};
const memory = {
  take: (n: number) => {
    const b = takeFrom(cols, n);
    if (b) taken++;
    return b;
  },
  takeSink: (n: number) => {
    const b = takeFrom(sinkBufs, n);
    if (b) sinkTaken++;
    return b;
  },
  keptBytes: (f: string) => plan.keptBytes[f] ?? 0,
};
const pid = process.pid;
const stat = () => {
  const f = readFileSync(`/proc/self/task/${pid}/stat`, 'utf8');
  const r = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return { user: Number(r[11]) / 100, sys: Number(r[12]) / 100, faults: Number(r[7]) };
};
const s0 = stat();
const t0 = performance.now();
const r = await importAccountBlocksAsync(
  {
    size: bytes.length,
    read: async (buf, offset, length, position) => {
      const n = Math.min(length, bytes.length - position);
      buf.set(bytes.subarray(position, position + n), offset);
      return n;
    },
  },
  'data.csv',
  contract,
  { memory },
  async () => bytes,
);
const ms = performance.now() - t0;
const s1 = stat();
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    rows: r.table.rowCount,
    cpu: +(s1.user + s1.sys - s0.user - s0.sys).toFixed(2),
    sys: +(s1.sys - s0.sys).toFixed(2),
    faults: s1.faults - s0.faults,
    taken,
    sinkTaken,
    sinkPlanned: plan.sizes.length,
  }),
);
