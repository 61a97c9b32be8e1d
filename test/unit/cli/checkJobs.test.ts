import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles } from '../../../src/cli/collectFiles';
import { repoRoot } from '../analysis/grammar';

const CLI = join(repoRoot, 'dist/cli.js');

function check(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every corpus the analyzer is tested on, by group: each group is checked in one run, as a user would. */
const CORPORA: Record<string, string[]> = {
  probes: readdirSync(join(repoRoot, 'test/fixtures/probes')).filter((d) => d.startsWith('corpus')).map((d) => `test/fixtures/probes/${d}`),
  projects: readdirSync(join(repoRoot, 'test/fixtures/projects')).filter((d) => d.startsWith('corpus')).map((d) => `test/fixtures/projects/${d}`),
  rules: ['test/fixtures/rules'],
  examples: ['examples'],
};

describe('loss-lens check --jobs (built dist/cli.js)', function () {
  this.timeout(600_000);
  before(function () {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.js` first');
  });

  for (const [name, paths] of Object.entries(CORPORA)) {
    it(`gives the ${name} corpora the same findings, errors and exit code on 3 worker threads as on one`, () => {
      assert.ok(paths.length > 0, `no ${name} corpora found`);
      const one = check(['--jobs', '1', '--format', 'json', ...paths]);
      const three = check(['--jobs', '3', '--format', 'json', ...paths]);
      assert.ok(one.code === 0 || one.code === 1, `--jobs 1 failed (${one.code}): ${one.err}`);
      // Something to compare: every group holds findings.
      assert.ok(JSON.parse(one.out).length > 0, `${name}: no findings at all`);
      assert.equal(three.code, one.code, three.err);
      assert.equal(three.err, one.err);
      assert.equal(three.out, one.out);
    });
  }

  it('keeps the order of error reports and findings across threads', () => {
    // A file that can't be read sits between two with findings: its line comes where it did.
    const paths = ['test/fixtures/rules/LL101.py', 'no/such/file.py', 'test/fixtures/rules/LL102.py', 'test/fixtures/rules/LL103.py'];
    const one = check(['--jobs', '1', ...paths]);
    const two = check(['--jobs', '2', ...paths]);
    assert.equal(one.code, 2);
    assert.equal(two.code, 2);
    assert.equal(two.out, one.out);
    assert.equal(two.err, one.err);
  });

  it('refuses a --jobs that is not a whole number from 1, naming the option and the value', () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = check([`--jobs=${bad}`, 'examples']);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`--jobs: expected a whole number from 1 to \\d+, got '${bad.replace('.', '\\.')}'`));
    }
  });
  it('fixes a project with --jobs 3 exactly as with --jobs 1', () => {
    const dirs = [1, 3].map((jobs) => {
      const dir = mkdtempSync(join(tmpdir(), `loss-lens-jobs${jobs}-`));
      cpSync(join(repoRoot, 'test/fixtures/projects/corpus1'), dir, { recursive: true });
      return { jobs, dir, r: check(['--fix', '--jobs', String(jobs), '--format', 'json', '.'], dir) };
    });
    try {
      const [one, three] = dirs;
      assert.ok(one.r.code === 0 || one.r.code === 1, one.r.err);
      assert.equal(three.r.out, one.r.out);
      assert.equal(three.r.err, one.r.err);
      const texts = (dir: string) => collectFiles([dir]).files.map((f) => [f.slice(dir.length), readFileSync(f, 'utf8')]);
      const fixed = texts(one.dir);
      assert.ok(fixed.some(([f, t]) => t !== readFileSync(join(repoRoot, 'test/fixtures/projects/corpus1', f), 'utf8')), 'no file was fixed');
      assert.deepEqual(texts(three.dir), fixed);
    } finally {
      for (const d of dirs) rmSync(d.dir, { recursive: true, force: true });
    }
  });
});
