import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../../src/analysis/rules';
import { RULE_FIXTURES, expectations } from './checkRule';
import { repoRoot } from './grammar';

const CLI = join(repoRoot, 'dist/cli.js');

function cli(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'loss-lens-cli-'));
}

describe('CLI check/rules/explain (built dist/cli.js)', function () {
  this.timeout(120000);
  before(function () {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  });

  it('prints file:line:col: CODE message for each finding and exits 1', () => {
    const r = cli(['check', join(RULE_FIXTURES, 'LL101.py')]);
    assert.equal(r.code, 1, r.err);
    const lines = r.out.split('\n').filter((l) => /:\d+:\d+: LL\d{3} /.test(l));
    const want = expectations(readFileSync(join(RULE_FIXTURES, 'LL101.py'), 'utf8')).map((e) => e.line);
    assert.deepEqual(lines.map((l) => Number(/:(\d+):\d+: /.exec(l)![1])), want);
    assert.ok(lines.every((l) => l.includes(': LL101 ')));
  });

  it('prints one JSON array with 1-based positions, slug as rule, and fixable; exits 0 on a clean directory', () => {
    const r = cli(['check', '--format', 'json', '--select', 'LL203', join(RULE_FIXTURES, 'LL203.py')]);
    assert.equal(r.code, 1);
    const arr = JSON.parse(r.out);
    const text = readFileSync(join(RULE_FIXTURES, 'LL203.py'), 'utf8');
    assert.deepEqual(arr.map((f: { line: number }) => f.line), expectations(text).map((e) => e.line));
    const f = arr[0];
    assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'fixable', 'line', 'message', 'rule', 'severity'].sort());
    assert.equal(f.rule, 'embedding-loss-01-labels');
    assert.equal(f.fixable, true);
    const lineText = text.split('\n')[f.line - 1];
    assert.ok(lineText.slice(f.column - 1).startsWith('self.loss_fn('), lineText);
    const clean = cli(['check', '--format', 'json', join(repoRoot, 'test/fixtures/python/clean')]);
    assert.equal(clean.code, 0, clean.out);
    assert.deepEqual(JSON.parse(clean.out), []);
  });

  it('selects by code prefix and ignores by slug', () => {
    const dir = RULE_FIXTURES;
    const only3 = JSON.parse(cli(['check', '--format', 'json', '--select', 'LL3', dir]).out) as { code: string }[];
    assert.ok(only3.length > 0 && only3.every((f) => f.code.startsWith('LL3')));
    const ignored = JSON.parse(cli(['check', '--format', 'json', '--ignore', 'bce-on-logits', join(dir, 'LL101.py')]).out);
    assert.deepEqual(ignored.filter((f: { code: string }) => f.code === 'LL101'), []);
  });

  it('writes SARIF 2.1.0 with rule metadata and regions', () => {
    const r = cli(['check', '--format', 'sarif', join(RULE_FIXTURES, 'LL301.py')]);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    assert.deepEqual(s.runs[0].tool.driver.rules.map((x: { id: string }) => x.id), RULES.map((x) => x.meta.code));
    const res = s.runs[0].results[0];
    assert.equal(res.ruleId, 'LL301');
    assert.equal(res.level, 'warning');
    assert.ok(res.locations[0].physicalLocation.region.startLine > 0);
  });

  it('exits 2 with a message naming the problem on usage errors', () => {
    for (const [args, fragment] of [
      [['check'], 'expected at least one PATH'],
      [['check', '--format', 'xml', '.'], "--format: expected text, json or sarif, got 'xml'"],
      [['check', '--select', 'LL999', '.'], "unknown rule 'LL999'"],
      [['check', '--frobnicate', '.'], "unknown option '--frobnicate'"],
      [['check', 'no/such/path.py'], 'no such file or directory'],
      [['explain', 'LL000'], "unknown rule 'LL000'"],
    ] as const) {
      const r = cli([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
      assert.ok(r.err.includes(fragment), `${args.join(' ')}: stderr "${r.err}" lacks "${fragment}"`);
    }
  });

  it('applies preferred fixes with --fix, leaving only unfixable findings', () => {
    const dir = tmp();
    const file = join(dir, 'LL103.py');
    copyFileSync(join(RULE_FIXTURES, 'LL103.py'), file);
    const r = cli(['check', '--fix', '--select', 'LL103', '--format', 'json', file]);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(join(RULE_FIXTURES, 'LL103.fixed.py'), 'utf8'));
    const left = JSON.parse(r.out) as { fixable: boolean }[];
    assert.ok(left.length > 0 && left.every((f) => !f.fixable));
    assert.equal(r.code, 1);
  });

  it('checks notebook code cells with imports from earlier cells, reporting the cell, and fixes them in place', () => {
    const dir = tmp();
    const nb = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Training\n'] },
        { cell_type: 'code', metadata: {}, outputs: [], execution_count: 1, source: ['%matplotlib inline\n', 'import torch.nn as nn\n', 'import torch.nn.functional as F'] },
        { cell_type: 'code', metadata: {}, outputs: [], execution_count: 2, source: ['kl = nn.KLDivLoss()\n', 'loss = F.cross_entropy(F.softmax(logits, dim=1), y)'] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const file = join(dir, 'train.ipynb');
    writeFileSync(file, JSON.stringify(nb, null, 1));
    const r = cli(['check', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.err);
    const found = JSON.parse(r.out) as { code: string; line: number; cell: number }[];
    assert.deepEqual(found.map((f) => [f.code, f.cell, f.line]), [['LL301', 3, 1], ['LL103', 3, 2]]);
    const text = cli(['check', file]).out;
    assert.ok(text.includes(`${file}:cell 3:2:8: LL103`), text);
    cli(['check', '--fix', file]);
    const fixed = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(fixed.cells[2].source.join(''), "kl = nn.KLDivLoss(reduction='batchmean')\nloss = F.cross_entropy(logits, y)");
    assert.equal(fixed.cells[1].source[0], '%matplotlib inline\n');
    assert.equal(cli(['check', file]).code, 0);
  });

  it('lists the rules and explains one in English and Chinese', () => {
    const list = cli(['rules']);
    assert.equal(list.code, 0);
    assert.equal(list.out.trim().split('\n').length, RULES.length);
    const en = cli(['explain', 'LL301']);
    assert.equal(en.code, 0);
    assert.ok(en.out.startsWith('LL301 (kldiv-reduction-mean)'));
    assert.ok(en.out.includes('batchmean'));
    const zh = cli(['explain', 'kldiv-reduction-mean', '--lang', 'zh-cn']);
    assert.ok(zh.out.includes('为什么有问题'));
  });
});
