// One import for `npm run bench -- io`: the file read and imported into typed columns
// (importAccountFile, as `waymark score` does per block), timed in-process. Prints JSON:
// { wall, cpu, rows, reader }. Usage: node --import tsx ioImport.ts <file> <project.json>
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importAccountFile } from '../../src/data';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';

const [file, project] = process.argv.slice(2);
const doc = readPlaybookDocument(readFileSync(project));
if (!doc.ok) throw new Error(`${project} does not read`);
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const buf = readFileSync(file);
const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
const { table, report } = importAccountFile(bytes, basename(file), doc.playbook.fields);
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const c = process.cpuUsage(c0);
if (report.errorCount > 0) throw new Error(`${file}: ${report.errorCount} import errors`);
console.log(
  JSON.stringify({
    wall,
    cpu: (c.user + c.system) / 1e6,
    rows: table.rowCount,
    reader: report.reader,
  }),
);
