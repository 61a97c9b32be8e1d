import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DocumentAnalysis, loadPython, lossSites, type PythonGrammar } from '../../../src/analysis';
import { lossById } from '../../../src/catalogue';
import { TASKS, recommend, type Answers } from '../../../src/catalogue/picker';
import { importEdit, missingImports, snippetPlain, snippetTabstops } from '../../../src/catalogue/snippet';
import { allAnswers, answerKey, pickerPrograms } from './pickerPrograms';

const modules = join(__dirname, '../../../node_modules');
const torchRuns: { paths: Record<string, { program: string; ok: boolean; error?: string; warnings?: string[] }> } = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/catalogue/picker.json'), 'utf8'),
);
let grammar: PythonGrammar;

function first(a: Answers): { id: string; text: string } {
  const r = recommend(a)[0];
  return { id: r.id, text: snippetPlain(r.snippet) };
}

describe('loss picker decisions', () => {
  before(async () => {
    grammar = await loadPython({
      runtime: readFileSync(join(modules, 'web-tree-sitter/web-tree-sitter.wasm')),
      python: readFileSync(join(modules, 'tree-sitter-python/tree-sitter-python.wasm')),
    });
  });

  it('offers the twelve tasks of the issue, each with a label and detail in both languages', () => {
    assert.deepEqual(TASKS.map((t) => t.kind), ['regression', 'robustRegression', 'binary', 'multiClass', 'multiLabel', 'distribution', 'pairs', 'triplets', 'ranking', 'ctc', 'counts', 'heteroscedastic']);
    for (const t of TASKS) for (const text of [t.label, t.detail]) assert.ok(text.en && /[\u4e00-\u9fff]/.test(text.zh), t.kind);
  });

  for (const answers of allAnswers()) {
    it(`recommends catalogued losses with bilingual reasons for ${answerKey(answers)}`, () => {
      const recs = recommend(answers);
      assert.ok(recs.length > 0);
      assert.equal(new Set(recs.map((r) => r.id)).size, recs.length, 'a loss is recommended twice');
      for (const r of recs) {
        assert.ok(lossById(r.id), r.id);
        assert.ok(r.reason.en && /[\u4e00-\u9fff]/.test(r.reason.zh), `${r.id} reason`);
        assert.match(r.snippet.lines[0], new RegExp(`^criterion = nn\\.${lossById(r.id)!.module}\\(`));
      }
    });
  }

  for (const p of pickerPrograms()) {
    it(`inserts code for ${p.key} that parses, builds ${p.id} with real options, draws no analyzer finding and ran under PyTorch`, () => {
      const doc = new DocumentAnalysis(grammar, p.program);
      try {
        const entry = lossById(p.id)!;
        const built = lossSites(doc).filter((s) => s.kind === 'construction');
        assert.equal(built.length, 1);
        assert.equal(built[0].id, p.id);
        for (const name of Object.keys(built[0].options)) assert.ok(entry.params.some((q) => q.name === name), `unknown option ${name}`);
        assert.ok(lossSites(doc).some((s) => s.kind === 'module' && s.id === p.id), 'the criterion is never called');
        assert.deepEqual(analyze(doc).map((d) => `${d.code}: ${d.message}`), []);
      } finally {
        doc.dispose();
      }
      const run = torchRuns.paths[p.key];
      assert.ok(run, `no PyTorch run for ${p.key}; rerun scripts/gen_picker_fixtures.py`);
      assert.equal(run.program, p.program, 'program changed since the PyTorch run; rerun scripts/gen_picker_fixtures.py');
      assert.ok(run.ok, run.error);
      assert.deepEqual(run.warnings, []);
    });
  }

  it('picks CrossEntropyLoss for logits and class indices, NLLLoss for log-probabilities', () => {
    assert.equal(first({ task: 'multiClass', output: 'logits', target: 'indices' }).id, 'crossEntropy');
    assert.equal(first({ task: 'multiClass', output: 'logProbabilities', target: 'indices' }).id, 'nll');
    assert.equal(first({ task: 'multiClass', output: 'logProbabilities', target: 'soft' }).id, 'klDiv');
  });

  it('turns one-hot targets into class indices, and leaves soft targets as probabilities', () => {
    assert.match(first({ task: 'multiClass', output: 'logits', target: 'oneHot' }).text, /criterion\(logits, target\.argmax\(dim=1\)\)/);
    assert.match(first({ task: 'multiClass', output: 'logits', target: 'soft' }).text, /criterion\(logits, target\)\n/);
  });

  it('steers probability outputs back to logits first, keeping the probability loss as the fallback', () => {
    const recs = recommend({ task: 'binary', output: 'probabilities', target: 'zeroOne' });
    assert.deepEqual(recs.map((r) => r.id), ['bceWithLogits', 'bce']);
    assert.match(snippetPlain(recs[0].snippet), /remove the sigmoid/);
    assert.equal(first({ task: 'multiClass', output: 'probabilities', target: 'indices' }).id, 'crossEntropy');
  });

  it('uses SoftMarginLoss for ±1 binary labels and maps them to 0/1 for BCE', () => {
    const recs = recommend({ task: 'binary', output: 'logits', target: 'plusMinusOne' });
    assert.equal(recs[0].id, 'softMargin');
    assert.match(snippetPlain(recs[1].snippet), /\(target \+ 1\) \/ 2/);
  });

  it("applies log_softmax where the loss needs log-probabilities and uses reduction='batchmean' for KL", () => {
    const kl = first({ task: 'distribution', output: 'logits' });
    assert.match(kl.text, /KLDivLoss\(reduction='batchmean'\)/);
    assert.match(kl.text, /F\.log_softmax\(logits, dim=1\)/);
    assert.deepEqual(recommend({ task: 'distribution', output: 'logits' })[0].snippet.imports, ['nn', 'F']);
    assert.match(first({ task: 'ctc' }).text, /logits\.log_softmax\(2\)/);
  });
});

describe('picker snippets and imports', () => {
  const snippet = { lines: ['criterion = nn.CTCLoss()', 'loss = criterion({{logits}}.log_softmax(2), {{targets}}, {{logits}}, "$5")'], imports: ['nn' as const] };

  it('numbers each distinct placeholder once and escapes snippet syntax in the code', () => {
    assert.equal(snippetTabstops(snippet), 'criterion = nn.CTCLoss()\nloss = criterion(${1:logits}.log_softmax(2), ${2:targets}, ${1:logits}, "\\$5")\n');
    assert.equal(snippetPlain(snippet), 'criterion = nn.CTCLoss()\nloss = criterion(logits.log_softmax(2), targets, logits, "$5")\n');
  });

  it('recognises the import styles that bind torch, nn and F', () => {
    assert.deepEqual(missingImports('import torch\nfrom torch import nn\nfrom torch.nn import functional as F\n', ['torch', 'nn', 'F']), []);
    assert.deepEqual(missingImports('import torch.nn as nn\nimport torch.nn.functional as F\n', ['torch', 'nn', 'F']), ['import torch']);
    assert.deepEqual(missingImports('import numpy as np, torch\n', ['torch']), []);
    assert.deepEqual(missingImports('from torch import nn as tnn\nimport torchvision\n', ['torch', 'nn']), ['import torch', 'import torch.nn as nn']);
    assert.deepEqual(missingImports('# import torch.nn as nn\n', ['nn']), ['import torch.nn as nn']);
  });

  it('adds missing imports after the existing import block, past a module docstring', () => {
    const text = '"""Training.\n\nimport os is not code here.\n"""\nimport os\nfrom torch import nn\n\nmodel = nn.Linear(3, 4)\n';
    const edit = importEdit(text, ['nn', 'F'])!;
    assert.equal(text.slice(0, edit.offset) + edit.text + text.slice(edit.offset), '"""Training.\n\nimport os is not code here.\n"""\nimport os\nfrom torch import nn\nimport torch.nn.functional as F\n\nmodel = nn.Linear(3, 4)\n');
    assert.equal(importEdit(text, ['nn']), undefined);
  });

  it('puts imports at the top of a file without any, separated from its code, and handles a missing final newline', () => {
    const top = importEdit('x = 1\n', ['nn'])!;
    assert.deepEqual(top, { offset: 0, text: 'import torch.nn as nn\n\n' });
    const noNewline = importEdit('import os', ['torch'])!;
    assert.equal('import os'.slice(0, noNewline.offset) + noNewline.text, 'import os\nimport torch\n');
  });
});
