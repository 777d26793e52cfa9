// One import for `npm run bench -- io`: the file read and imported into typed columns
// (importAccountBlocks: read a block at a time into one reused buffer, as the CLI's whole-table
// commands do), timed in-process. Prints JSON:
// { wall, cpu, sys, faults, maxRssMb, rows, reader }. Usage: node --import tsx ioImport.ts <file> <project.json>
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { importAccountBlocks } from '../../src/data/importStream';
import { readPlaybookDocument } from '../../src/engine/readPlaybook';

const [file, project] = process.argv.slice(2);
const doc = readPlaybookDocument(readFileSync(project));
if (!doc.ok) throw new Error(`${project} does not read`);
const r0 = process.resourceUsage();
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const fd = openSync(file, 'r');
const { table, report } = importAccountBlocks(
  {
    size: fstatSync(fd).size,
    read: (buf, offset, length, position) => readSync(fd, buf, offset, length, position),
  },
  basename(file),
  doc.playbook.fields,
);
closeSync(fd);
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const c = process.cpuUsage(c0);
const r1 = process.resourceUsage();
if (report.errorCount > 0) throw new Error(`${file}: ${report.errorCount} import errors`);
console.log(
  JSON.stringify({
    wall,
    cpu: (c.user + c.system) / 1e6,
    sys: c.system / 1e6,
    faults: r1.minorPageFault - r0.minorPageFault,
    maxRssMb: r1.maxRSS / 1024,
    rows: table.rowCount,
    reader: report.reader,
  }),
);
