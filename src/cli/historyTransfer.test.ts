import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';
import { Project, playbookFingerprint, playbookFromProject } from '../model';
import { localiseTemplate } from '../model/templateText';
import { compilePlaybook, scoreTable } from '../engine';
import { importAccountFile } from '../data';
import {
  historyFiles,
  readHistoryImport,
  type PickedFile,
  type TransferIssue,
} from '../engine/historyTransfer';
import en from '../i18n/en/history';
import { runCli } from './testing/runCli';

// The app's import and export of a CLI history folder, checked against the CLI itself: a folder
// the CLI wrote is read into runs equal to the engine's scoring, and the app's export is listed
// and compared by `waymark history` exactly like the CLI's own folder.
const FIX = join(ROOT, 'test/fixtures/history');
const BAD = join(ROOT, 'test/fixtures/bad/history');
let dir: string;

const cli = runCli;

function pick(folder: string, prefix = 'hist'): PickedFile[] {
  const out: PickedFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: `${prefix}/${relative(folder, p)}`, bytes: readFileSync(p) });
    }
  };
  walk(folder);
  return out;
}

/** The English message as the app shows it. */
const say = (i: TransferIssue) =>
  Object.entries({ file: i.file, ...i.params }).reduce(
    (s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)),
    en.transfer.issue[i.code] as string,
  );

setCliLanguage('en');
// The fixtures' runs were written with the two-language demo ("デモ: … / Demo: …").
const project = Project.parse(
  localiseTemplate(
    JSON.parse(readFileSync(join(ROOT, 'templates/i18n/demo.json'), 'utf8')),
    'both',
  ),
);
const pb = playbookFromProject(project);
const target = { playbookName: pb.name, fingerprint: playbookFingerprint(pb), stored: [] };
const hist = () => join(dir, 'hist');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wm-histx-'));
  const pbFile = join(dir, 'demo.playbook.json');
  writeFileSync(pbFile, JSON.stringify(pb));
  for (const [file, asOf] of [
    ['before.csv', '2026-06-01'],
    ['after.csv', '2026-12-01'],
  ]) {
    const r = await cli(
      'score',
      pbFile,
      join(FIX, file),
      '--as-of',
      asOf,
      '--out',
      join(dir, 'o.csv'),
      '--history',
      hist(),
    );
    expect(r.code).toBe(0);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import a CLI history folder', () => {
  it('reads every run with the per-account values the engine scored (nothing re-scored)', async () => {
    const got = await readHistoryImport(pick(hist()), target);
    if (!got.ok) throw new Error(JSON.stringify(got.issues));
    expect(got.runs.map((r) => r.entry.asOf)).toEqual(['2026-06-01', '2026-12-01']);
    const c = compilePlaybook(pb, { asOf: '2026-06-01' });
    if (!c.ok) throw new Error('playbook');
    const imp = importAccountFile(
      new Uint8Array(readFileSync(join(FIX, 'before.csv'))),
      'before.csv',
      pb.fields,
    );
    const want = scoreTable(c.compiled, imp.table);
    const r = got.runs[0].result;
    expect(r.rowCount).toBe(want.rowCount);
    expect(r.accountIds).toEqual(want.accountIds);
    let mismatches = 0;
    const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : a === b);
    for (let i = 0; i < r.rowCount; i++) {
      if (!same(r.total[i], want.total[i])) mismatches++;
      if (r.colorIds[r.color[i]] !== want.colorIds[want.color[i]]) mismatches++;
      if (r.segmentIds[r.segment[i]] !== want.segmentIds[want.segment[i]]) mismatches++;
      if ((r.stageIds[r.stage[i]] ?? null) !== (want.stageIds[want.stage[i]] ?? null)) mismatches++;
      if (!same(r.coverage[i], want.coverage[i])) mismatches++;
      want.dimensionIds.forEach((_, k) => {
        if (!same(r.dimensionScores[k][i], want.dimensionScores[k][i])) mismatches++;
      });
      want.ctas.forEach((_, k) => {
        if (r.ctaFired[k][i] !== want.ctaFired[k][i]) mismatches++;
      });
    }
    expect(mismatches).toBe(0);
    expect(got.runs[0].playbook).toEqual(JSON.parse(JSON.stringify(pb)));
  });

  it('skips a run whose as-of is already stored and names it', async () => {
    const got = await readHistoryImport(pick(hist()), {
      ...target,
      stored: [{ asOf: '2026-06-01', playbookName: pb.name }],
    });
    if (!got.ok) throw new Error('refused');
    expect(got.runs.map((r) => r.entry.asOf)).toEqual(['2026-12-01']);
    expect(got.skipped).toEqual([{ asOf: '2026-06-01', file: 'runs/2026-06-01.parquet' }]);
  });

  it('accepts a renamed project when a run shares a fingerprint with it', async () => {
    const got = await readHistoryImport(pick(hist()), {
      ...target,
      playbookName: 'Renamed',
    });
    expect(got.ok).toBe(true);
  });

  it.each([
    ['newer', /manifest\.json: written by a newer Waymark \(history format 2\)\. Update Waymark/],
    ['not-history', /manifest\.json: not a Waymark history manifest/],
    ['broken-manifest', /manifest\.json: the history manifest is not valid JSON .*Restore it/],
    [
      'truncated-run',
      /runs\/2026-06-01\.parquet: not a readable Parquet file \(truncated or damaged/,
    ],
    ['truncated-run', /runs\/2026-07-01\.parquet: listed in the manifest but not among/],
    ['other-project', /belong to the playbook “Another team's playbook”, not this project’s/],
    ['duplicate-as-of', /manifest\.json: two runs as of 2026-06-01\. Remove one/],
  ])('refuses bad/history/%s with a message naming the file', async (name, message) => {
    const got = await readHistoryImport(pick(join(BAD, name), name), target);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.issues.map(say).join('\n')).toMatch(message);
  });

  it('refuses when there is no manifest among the picked files', async () => {
    const files = pick(hist()).filter((f) => !f.path.endsWith('manifest.json'));
    const got = await readHistoryImport(files, target);
    expect(got.ok ? [] : got.issues.map((i) => i.code)).toEqual(['no_manifest']);
  });
});

describe('export in the CLI format', () => {
  it('writes a folder `waymark history` lists and compares like the CLI’s own', async () => {
    const got = await readHistoryImport(pick(hist()), target);
    if (!got.ok) throw new Error('refused');
    const { files, leftOut } = historyFiles(
      pb.name,
      got.runs.map((r) => ({
        result: r.result,
        fingerprint: r.entry.fingerprint,
        playbook: r.playbook,
        createdAt: r.entry.createdAt,
        dataset: r.entry.dataset,
      })),
    );
    expect(leftOut).toEqual([]);
    const out = join(dir, 'exported');
    for (const [p, bytes] of files) {
      mkdirSync(dirname(join(out, p)), { recursive: true });
      writeFileSync(join(out, p), bytes);
    }
    const theirs = await cli('history', hist(), '--format', 'json');
    const ours = await cli('history', out, '--format', 'json');
    expect(ours.code).toBe(0);
    expect(JSON.parse(ours.out)).toEqual(JSON.parse(theirs.out.replaceAll(hist(), out)));
    const cmp = (d: string) =>
      cli('history', d, '--compare', '2026-06-01', '2026-12-01', '--format', 'json');
    const a = await cmp(hist());
    const b = await cmp(out);
    expect(b.code).toBe(0);
    expect(b.out.replaceAll(out, hist())).toBe(a.out);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(hist(), 'manifest.json'), 'utf8')),
    );
  });
});

describe('export keeps one run per as-of', () => {
  it('writes the latest made of two runs with one as-of and names the other', async () => {
    const got = await readHistoryImport(pick(hist()), target);
    if (!got.ok) throw new Error('refused');
    const r = got.runs[0];
    const older = {
      result: r.result,
      fingerprint: 'old',
      createdAt: '2026-06-01T01:00:00Z',
      dataset: 'a',
    };
    const newer = { ...older, fingerprint: 'new', createdAt: '2026-06-02T01:00:00Z' };
    const { files, leftOut } = historyFiles(pb.name, [newer, older]);
    expect(leftOut).toEqual([older]);
    const m = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    expect(m.runs.map((x: { fingerprint: string }) => x.fingerprint)).toEqual(['new']);
  });
});
