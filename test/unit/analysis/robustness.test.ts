import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/analysis/analyze';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { lossAt, lossSites } from '../../../src/analysis/lossAt';
import { repoRoot, testGrammar } from './grammar';
import { RULE_FIXTURES } from './checkRule';

function pyFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .map((f) => join(dir, f))
    .sort();
}

/** Runs everything a caller can ask of a document; records thrown errors instead of stopping. */
async function exercise(text: string, label: string, errors: string[]): Promise<number> {
  const doc = new DocumentAnalysis(await testGrammar(), text);
  try {
    const ruleErrors: string[] = [];
    const diags = analyze(doc, { onRuleError: (code, e) => ruleErrors.push(`${label}: ${code}: ${(e as Error)?.stack ?? e}`) });
    errors.push(...ruleErrors);
    lossSites(doc);
    for (const off of [0, text.length >> 1, text.length]) lossAt(doc, off);
    return diags.length;
  } catch (e) {
    errors.push(`${label}: ${(e as Error)?.stack ?? e}`);
    return 0;
  } finally {
    doc.dispose();
  }
}

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['(', ')', '[', ']', ':', ',', '\n', '    ', '"', "'", '#', 'nn.', 'F.', '.softmax(', 'lambda', '\\', '=', '*', '**', 'def ', 'class '];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  switch (Math.floor(r() * 4)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 40));
    case 2:
      return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
    default: {
      const from = Math.floor(r() * text.length);
      return text.slice(0, at) + text.slice(from, from + Math.floor(r() * 200)) + text.slice(at);
    }
  }
}

function torchDir(): string | undefined {
  try {
    const out = execFileSync('python3', ['-c', 'import torch,os;print(os.path.dirname(torch.__file__))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 });
    const dir = out.trim();
    return dir && existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

describe('analysis robustness', function () {
  this.timeout(600000);

  it('returns for every file of the broken/odd corpus in test/fixtures/python', async () => {
    const errors: string[] = [];
    const files = pyFiles(join(repoRoot, 'test/fixtures/python'));
    assert.ok(files.length >= 4);
    for (const f of files) await exercise(readFileSync(f, 'utf8'), f, errors);
    assert.deepEqual(errors, []);
  });

  it('returns for 2,000 random truncations and mutations of the rule fixtures', async () => {
    const errors: string[] = [];
    const sources = pyFiles(RULE_FIXTURES).filter((f) => !f.endsWith('.fixed.py')).map((f) => readFileSync(f, 'utf8'));
    const r = rng(20261129);
    for (let i = 0; i < 2000; i++) {
      let text = sources[i % sources.length];
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) text = mutate(text, r);
      await exercise(text, `mutation #${i}`, errors);
    }
    assert.deepEqual(errors.slice(0, 5), []);
  });

  it('returns on pathological shapes: deep nesting, long attribute chains, a huge line, an empty file', async () => {
    const errors: string[] = [];
    const cases = [
      '',
      '\n\n\n',
      'x = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + '\n',
      'y = nn' + '.a'.repeat(20000) + '\n',
      'z = [' + '[1, 0], '.repeat(50000) + ']\n',
      'import torch.nn as nn\n' + 'c = nn.BCELoss()\n' + 'c(' + 'f('.repeat(5000) + 'x' + ')'.repeat(5000) + ', y)\n',
      'def f():\n' + '    if a:\n'.repeat(1) + Array.from({ length: 300 }, (_, i) => '    '.repeat(i + 2) + 'if x:\n').join('') + '    '.repeat(302) + 'pass\n',
    ];
    for (const [i, text] of cases.entries()) await exercise(text, `case ${i}`, errors);
    assert.deepEqual(errors, []);
  });

  it('reports nothing on well-known training code (pytorch/examples and Hugging Face style) in test/fixtures/python/clean', async () => {
    for (const f of pyFiles(join(repoRoot, 'test/fixtures/python/clean'))) {
      const doc = new DocumentAnalysis(await testGrammar(), readFileSync(f, 'utf8'));
      assert.deepEqual(analyze(doc).map((d) => `${d.code} ${d.message}`), [], f);
      doc.dispose();
    }
  });

  it('returns for every .py file of the installed PyTorch (when Python and torch are present), flagging only deprecated reduction flags in torch itself', async () => {
    const dir = torchDir();
    const files = dir ? pyFiles(dir) : [];
    const errors: string[] = [];
    const codes = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const doc = new DocumentAnalysis(await testGrammar(), text);
      try {
        for (const d of analyze(doc, { onRuleError: (c, e) => errors.push(`${f}: ${c}: ${e}`) })) codes.add(d.code);
      } catch (e) {
        errors.push(`${f}: ${e}`);
      } finally {
        doc.dispose();
      }
    }
    assert.deepEqual(errors.slice(0, 5), []);
    assert.ok([...codes].every((c) => c === 'LL302'), `unexpected findings in torch: ${[...codes].join(', ')}`);
  });
});
