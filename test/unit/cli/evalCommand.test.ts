import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureCase } from '../engine/checkCase';

const root = join(__dirname, '../../..');
const cli = join(root, 'dist/cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a bare `mocha` run rebuilds only when the bundle is missing or stale. */
function ensureBuilt(): void {
  const sources = Math.max(...['src/cli', 'src/engine', 'src/catalogue'].map((d) => newestMtime(join(root, d))));
  let built = 0;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= sources) return;
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `node esbuild.js failed: ${r.stderr}`);
}

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
}

interface Result {
  id: unknown;
  output: { shape: number[]; dtype: string; data: (number | string)[] } | null;
  grad: Record<string, { shape: number[]; dtype: string; data: (number | string)[] }> | null;
  error: { type: string; message: string } | null;
}

function decode(v: number | string): number {
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number);
}

function assertClose(what: string, got: (number | string)[], want: (number | string)[]): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const g = decode(got[i]);
    const w = decode(want[i]);
    if (!Number.isFinite(w)) assert.ok(Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)), `${what}[${i}]: ${g} vs ${w}`);
    else assert.ok(Math.abs(g - w) <= 1e-12 + 1e-10 * Math.abs(w), `${what}[${i}]: ${g} vs ${w}`);
  }
}

// Real PyTorch cases: one value+gradient case per loss family shape, plus an error case.
const fixtures = (JSON.parse(readFileSync(join(root, 'test/fixtures/engine/generated.json'), 'utf8')) as { cases: FixtureCase[] }).cases;
const pick = (id: string): FixtureCase => {
  const c = fixtures.find((x) => x.id === id);
  if (!c) throw new Error(`fixture ${id} not found`);
  return c;
};
const CASES = [
  pick('CrossEntropyLoss/nc/w/ign=in/ls=0.15/mean'),
  pick('GaussianNLLLoss/var(N,1)/full=True/none'),
  pick('CTCLoss/unbatched/blank=3/sum'),
  pick('MultiMarginLoss/err/target=C'),
];

describe('loss-lens eval (dist/cli.js)', function () {
  this.timeout(180_000);
  let dir: string;
  let file: string;

  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'loss-lens-eval-'));
    file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify({ cases: CASES }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function checkResults(stdout: string): void {
    const doc = JSON.parse(stdout) as { results: Result[] };
    assert.deepEqual(Object.keys(doc), ['results']);
    assert.equal(doc.results.length, CASES.length);
    CASES.forEach((c, i) => {
      const r = doc.results[i];
      assert.deepEqual(Object.keys(r).sort(), ['error', 'grad', 'id', 'output']);
      assert.equal(r.id, c.id);
      if (c.error) {
        assert.equal(r.output, null);
        assert.equal(r.grad, null);
        assert.equal(r.error?.type, c.error.type);
        assert.ok(r.error?.message.toLowerCase().includes(c.error.match.toLowerCase()), `${c.id}: ${r.error?.message}`);
        return;
      }
      assert.equal(r.error, null);
      assert.deepEqual(r.output?.shape, c.output!.shape);
      assert.equal(r.output?.dtype, c.output!.dtype);
      assertClose(`${c.id} output`, r.output!.data, c.output!.data);
      assert.deepEqual(Object.keys(r.grad ?? {}).sort(), Object.keys(c.grad ?? {}).sort(), `${c.id} gradient keys`);
      for (const [name, g] of Object.entries(c.grad ?? {})) {
        assert.deepEqual(r.grad![name].shape, g.shape);
        assertClose(`${c.id} grad.${name}`, r.grad![name].data, g.data);
      }
    });
  }

  it('evaluates a case file and prints outputs, gradients and errors as one JSON object, exiting 0', () => {
    const r = run(['eval', file]);
    assert.equal(r.status, 0, r.stderr);
    checkResults(r.stdout);
  });

  it('reads the same cases from stdin when the file is -', () => {
    const r = run(['eval', '-'], readFileSync(file, 'utf8'));
    assert.equal(r.status, 0, r.stderr);
    checkResults(r.stdout);
  });

  it('reports an unknown loss in the case error and still exits 0', () => {
    const r = run(['eval', '-'], JSON.stringify({ cases: [{ id: 'x', module: 'NoSuchLoss', args: {} }] }));
    assert.equal(r.status, 0, r.stderr);
    const res = (JSON.parse(r.stdout) as { results: Result[] }).results[0];
    assert.equal(res.output, null);
    assert.match(res.error?.message ?? '', /NoSuchLoss/);
  });

  it('exits 2 with a message naming the file when it cannot be read', () => {
    const missing = join(dir, 'missing.json');
    const r = run(['eval', missing]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.includes(missing), r.stderr);
  });

  it('keeps every other result when one case is too large to evaluate or its id cannot be written', () => {
    const wide = (n: number, shape: number[]) => ({ shape, dtype: 'float64', data: Array.from({ length: n }, (_, i) => i / n) });
    let deep = '1';
    for (let i = 0; i < 100_000; i++) deep = `[${deep}]`;
    const big = JSON.stringify({ id: 'wide', module: 'MSELoss', params: { reduction: 'none' }, args: { input: wide(4000, [4000, 1]), target: wide(4000, [1, 4000]) } });
    const doc = `{"cases": [${JSON.stringify(CASES[0])}, ${big}, {"id": ${deep}, "module": "MSELoss"}, ${JSON.stringify(CASES[1])}]}`;
    const r = run(['eval', '-'], doc);
    assert.equal(r.status, 0, r.stderr);
    const results = (JSON.parse(r.stdout) as { results: Result[] }).results;
    assert.deepEqual(results.map((x) => x.id), [CASES[0].id, 'wide', 2, CASES[1].id]);
    assert.equal(results[1].error?.type, 'TooLargeError');
    assert.match(results[1].error?.message ?? '', /too large to evaluate \(16,000,000 elements; limit 2,000,000\)/);
    assert.match(results[2].error?.message ?? '', /id cannot be written as JSON/);
    assert.equal(results[0].error, null);
    assertClose('first case output', results[0].output!.data, CASES[0].output!.data);
    assertClose('last case output', results[3].output!.data, CASES[1].output!.data);
  });

  it('exits 2 on input that is not JSON or has no cases array', () => {
    for (const text of ['{"cases": [', '{"results": []}']) {
      const r = run(['eval', '-'], text);
      assert.equal(r.status, 2, `input ${text}`);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.trim().length > 0);
    }
  });
});
