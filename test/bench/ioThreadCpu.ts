/**
 * CPU time per thread of one run of a command, read from /proc/PID/task/TID/stat every 50 ms
 * until it exits (Linux only; a thread's last < 50 ms before it exits is missed). On a machine
 * shared through autogroup scheduling (each session an equal share of the cores, whatever its
 * thread count) wall time cannot show what a second thread saves; the busiest thread's CPU time,
 * the critical path on free cores, can.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  /** The main thread's CPU seconds (its tid is the process id). */
  main: number;
  /** Other threads named like the main one ("node"): worker threads and V8's helpers, largest first. */
  others: { name: string; cpu: number }[];
}

export async function threadCpu(cmd: string, argv: string[], cwd: string): Promise<ThreadCpu> {
  const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const pid = child.pid!;
  const last = new Map<string, { name: string; cpu: number }>();
  const poll = () => {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        last.set(tid, { name, cpu: (Number(f[11]) + Number(f[12])) / 100 });
      } catch {
        // the thread ended between readdir and read
      }
    }
  };
  const timer = setInterval(poll, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${argv.join(' ')} failed (${code}): ${stderr}`);
  const main = last.get(String(pid))?.cpu ?? NaN;
  last.delete(String(pid));
  return { main, others: [...last.values()].sort((a, b) => b.cpu - a.cpu) };
}
