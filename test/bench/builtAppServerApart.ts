/**
 * `serveBuiltApp` in a process of its own, started in a session of its own (`detached`): with
 * Linux autogroup scheduling on, it is then scheduled apart from the bench's process and its CPU
 * hogs (cpuHog.ts, children of the bench, in the bench's autogroup), as `vite preview` is in the
 * ui bench (previewServer.ts) and as a real server is. In the bench's own process under `--hog 1`
 * the scripts of a reload took 160–500 ms each to arrive (uiReloadAb, session 30 reloaddash).
 * The served directory is switched with `setRoot` (acknowledged before it returns).
 *
 * Run as a script (`node --import tsx builtAppServerApart.ts PORT`) it is the server itself.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveBuiltApp } from './builtAppServer';

export async function serveBuiltAppApart(
  port: number,
  root: string,
): Promise<{ base: string; setRoot: (dir: string) => Promise<void>; close: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), `${port}`],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    },
  );
  const ask = (dir: string) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send(dir);
    });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  await ask(root);
  return {
    base: `http://127.0.0.1:${port}`,
    setRoot: ask,
    close: () => child.kill(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  let root = '';
  process.on('message', (dir: string) => {
    root = dir;
    process.send!('ok');
  });
  // Gone with the bench (its IPC channel closed).
  process.on('disconnect', () => process.exit(0));
  await serveBuiltApp(() => root, Number(process.argv[2]));
  process.send('up');
}
