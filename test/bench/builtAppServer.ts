import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * A built app served on 127.0.0.1:`port` with no caching, from the directory `root()` names at
 * each request — so a bench can serve two builds on one origin in turn (both read the same
 * IndexedDB: uiReloadAb.ts) or one (reloadProbe.ts). Unknown paths get index.html.
 */
export async function serveBuiltApp(
  root: () => string,
  port: number,
): Promise<{ base: string; close: () => void }> {
  const server = createServer((req, res) => {
    void (async () => {
      const dir = root();
      let p = join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]));
      if (!p.startsWith(dir)) p = join(dir, 'index.html');
      try {
        if ((await stat(p)).isDirectory()) p = join(p, 'index.html');
      } catch {
        p = join(dir, 'index.html');
      }
      try {
        const body = await readFile(p);
        res.writeHead(200, {
          'content-type': types[extname(p)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
}
