// One account import for `npm run bench -- import-cpu`: importAccountBlocksAsync (the browser's
// one pass and the CLI's block import) over a file's bytes held in memory, read in blocks as
// the browser's stream source hands them over. Bundled twice by the bench: for a Chromium
// dedicated worker ('load' fetches /data.csv and /demo.json; 'run' imports them, answers its ms)
// and for Node (a fresh process per import: prints JSON with this thread's CPU from /proc,
// its system time and page faults). Usage (Node bundle): node <bundle> <file> <playbook.json>
import { importAccountBlocksAsync } from '../../src/data/importStream';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';

async function importOnce(bytes: Uint8Array, playbook: Uint8Array): Promise<number> {
  const doc = readPlaybookDocument(playbook);
  if (!doc.ok) throw new Error('the playbook does not read');
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
    doc.playbook.fields,
    {},
    async () => bytes,
  );
  return r.table.rowCount;
}

declare const process: { argv: string[]; pid: number } | undefined;

if (typeof process === 'undefined') {
  // A dedicated worker.
  const scope = self as unknown as {
    onmessage: (e: MessageEvent) => void;
    postMessage: (m: unknown) => void;
  };
  let bytes: Uint8Array | null = null;
  let playbook: Uint8Array | null = null;
  // 'load' fetches the bytes (outside the measure), 'run' imports them.
  scope.onmessage = async (e) => {
    if (e.data === 'load') {
      bytes = new Uint8Array(await (await fetch('/data.csv')).arrayBuffer());
      playbook = new Uint8Array(await (await fetch('/demo.json')).arrayBuffer());
      scope.postMessage({ ms: 0, rows: 0 });
      return;
    }
    const t0 = performance.now();
    const rows = await importOnce(bytes!, playbook!);
    scope.postMessage({ ms: performance.now() - t0, rows });
  };
} else {
  const { readFileSync } = await import('node:fs');
  const [file, playbookFile] = process.argv.slice(2);
  const pid = process.pid;
  const bytes = new Uint8Array(readFileSync(file));
  const playbook = new Uint8Array(readFileSync(playbookFile));
  // This thread's user, system time (s) and minor faults, as the bench reads Chromium's worker thread.
  const stat = () => {
    const f = readFileSync(`/proc/self/task/${pid}/stat`, 'utf8');
    const r = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return { user: Number(r[11]) / 100, sys: Number(r[12]) / 100, faults: Number(r[7]) };
  };
  const s0 = stat();
  const t0 = performance.now();
  const rows = await importOnce(bytes, playbook);
  const ms = performance.now() - t0;
  const s1 = stat();
  console.log(
    JSON.stringify({
      ms,
      rows,
      cpu: s1.user + s1.sys - s0.user - s0.sys,
      sys: s1.sys - s0.sys,
      faults: s1.faults - s0.faults,
    }),
  );
}
