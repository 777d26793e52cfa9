// Runs a Node script (argv[2]) with the rest of argv, and at exit writes its own peak RSS and CPU
// time to $WM_PROBE_OUT as JSON: how io.bench.ts measures a child process without /usr/bin/time.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...rest];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(
    process.env.WM_PROBE_OUT,
    JSON.stringify({ maxRssMb: u.maxRSS / 1024, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 }),
  );
});
await import(pathToFileURL(resolve(script)).href);
