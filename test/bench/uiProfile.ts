/**
 * CPU profile of the page's main thread around one ui-bench interaction (Chrome DevTools
 * Protocol Profiler), summarised as the functions with the most self time — the long-task
 * attribution the longtask API does not give.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export interface Profiling {
  stop(name: string, print: boolean): Promise<void>;
}

const label = (n: Node) => {
  const f = n.callFrame;
  const file = f.url.split('/').pop() ?? '';
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
};

export async function startProfile(page: Page): Promise<Profiling> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return {
    async stop(name, print) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      await cdp.detach().catch(() => undefined);
      // UI_PROFILE_DIR=dir keeps every measured interaction's CPU profile (open it in DevTools).
      const dir = process.env.UI_PROFILE_DIR;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
      }
      if (!print) return;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
      const self = new Map<string, number>();
      const incl = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        const n = byId.get(id)!;
        if (n.callFrame.functionName === '(idle)') return;
        self.set(label(n), (self.get(label(n)) ?? 0) + ms);
        const seen = new Set<string>();
        for (let a: Node | undefined = n; a; a = a.parent ? byId.get(a.parent) : undefined) {
          const l = label(a);
          if (seen.has(l) || !a.callFrame.url) continue;
          seen.add(l);
          incl.set(l, (incl.get(l) ?? 0) + ms);
        }
      });
      const top = (m: Map<string, number>, k: number) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([l, ms]) => `    ${ms.toFixed(0).padStart(6)} ms  ${l}`)
          .join('\n');
      // The longest stretch of samples without idle: about the longest task, and what ran in it.
      let best = { from: 0, to: 0, ms: 0 };
      let from = 0;
      let ms = 0;
      profile.samples.forEach((id, i) => {
        const d = (profile.timeDeltas[i] ?? 0) / 1000;
        if (byId.get(id)!.callFrame.functionName === '(idle)') {
          from = i + 1;
          ms = 0;
        } else if ((ms += d) > best.ms) best = { from, to: i + 1, ms };
      });
      const inTask = new Map<string, number>();
      for (let i = best.from; i < best.to; i++) {
        const n = byId.get(profile.samples[i])!;
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        // Self time, charged to the nearest app-code frame (native work shows under its caller).
        let a: Node | undefined = n;
        while (a && !a.callFrame.url && a.parent) a = byId.get(a.parent);
        const l = `${label(n)}  ← ${a ? label(a) : ''}`;
        inTask.set(l, (inTask.get(l) ?? 0) + ms);
      }
      console.error(
        `profile ${name}: self time\n${top(self, 10)}\n  total time (app code)\n${top(incl, 14)}` +
          `\n  longest busy stretch ${best.ms.toFixed(0)} ms\n${top(inTask, 12)}`,
      );
    },
  };
}
