import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePlaybook, readPlaybookDocument, scoreTable } from '..';
import { historyFiles } from '../historyTransfer';
import { playbookFingerprint } from '../../model';
import { generateDemoTable } from '../../data/demo/generate';
import { ROOT } from './demo';

/**
 * A CLI history folder of demo runs at scale (the e2e test and the bench of the History tab's
 * import): `dates.length` runs of `rows` demo accounts, scored with the playbook of
 * test/fixtures/history-cli (so the English demo project takes the folder as its own).
 */
export function demoHistoryFolder(
  rows: number,
  dates: string[],
  seed: number,
): Map<string, Uint8Array> {
  const read = readPlaybookDocument(
    readFileSync(join(ROOT, 'test/fixtures/history-cli/playbooks/aec4c3873f4833d3.json'), 'utf8'),
  );
  if (!read.ok) throw new Error('fixture playbook');
  const pb = read.playbook;
  const table = generateDemoTable({ rows, seed });
  const runs = dates.map((asOf) => {
    const c = compilePlaybook(pb, { asOf });
    if (!c.ok) throw new Error('fixture playbook does not compile');
    return {
      result: scoreTable(c.compiled, table),
      fingerprint: playbookFingerprint(pb),
      playbook: pb,
      createdAt: `${asOf}T06:00:00.000Z`,
      dataset: 'demo.csv',
    };
  });
  return historyFiles(pb.name, runs).files;
}
