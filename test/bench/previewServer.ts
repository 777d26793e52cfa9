import { spawn } from 'node:child_process';

/**
 * `vite preview` of a built app on a port, for the ui benches (ui, uiExport, uiJourneyKeys):
 * started in a process group of its own and waited for (up to 30 s). `stop` ends that group.
 */
export async function startPreview(
  outDir: string,
  port: number,
): Promise<{ base: string; stop: () => void }> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop };
}
