import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a documentation screenshot goes. `npm test` writes them under test-results/ so a test
 * run leaves the tree clean; `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes docs/screenshots.
 */
export function shotPath(name: string): string {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? 'docs/screenshots'
      : join('test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
