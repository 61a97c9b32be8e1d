import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/analysis/analyze';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { RULE_FIXTURES } from './checkRule';
import { testGrammar } from './grammar';

function summary(doc: DocumentAnalysis): string[] {
  return analyze(doc).map((d) => `${d.start}-${d.end} ${d.code} ${d.message} | ${d.fixes.map((f) => JSON.stringify(f.edits)).join(';')}`);
}

describe('analysis incremental updates', () => {
  it('gives the same findings after a sequence of edits as a fresh parse of the final text', async () => {
    const grammar = await testGrammar();
    let text = readFileSync(join(RULE_FIXTURES, 'LL101.py'), 'utf8') + readFileSync(join(RULE_FIXTURES, 'LL201.py'), 'utf8');
    const doc = new DocumentAnalysis(grammar, text);
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const inserts = ['x', '\n', ')', 'sigmoid', '    ', '# c', 'nn.BCELoss()', ''];
    for (let i = 0; i < 200; i++) {
      const start = next() % (text.length + 1);
      const end = Math.min(text.length, start + (next() % 3 === 0 ? next() % 20 : 0));
      const ins = inserts[next() % inserts.length];
      doc.update([{ start, end, text: ins }]);
      text = text.slice(0, start) + ins + text.slice(end);
      if (i % 20 === 19) {
        const fresh = new DocumentAnalysis(grammar, text);
        assert.equal(doc.text, text);
        assert.deepEqual(summary(doc), summary(fresh), `edit #${i}`);
        fresh.dispose();
      }
    }
    doc.dispose();
  });

  it('keeps findings exact when analyzing after every edit, including edits that change other statements\' meaning', async function () {
    // 250 edits, each compared with a fresh analysis: about 10 s alone, more on a loaded machine.
    this.timeout(120_000);
    const grammar = await testGrammar();
    // Fixtures with models, criteria and helpers in separate statements, so edits in one statement
    // change what the loss calls in another one receive.
    let text = ['LL101.py', 'LL103.py', 'LL107.py', 'LL201.py', 'LL301.py', 'LL304.py'].map((f) => readFileSync(join(RULE_FIXTURES, f), 'utf8')).join('\n');
    const doc = new DocumentAnalysis(grammar, text);
    summary(doc);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const swaps: [string, string][] = [
      ['BCELoss', 'BCEWithLogitsLoss'],
      ['Linear(', 'Sigmoid('],
      ['softmax', 'log_softmax'],
      ['argmax', 'float'],
      ['import torch.nn as nn', 'import torch.nn as tnn'],
      ['import torch.nn.functional as F', 'import torch as F'],
      ['criterion', 'crit'],
      ["'mean'", "'batchmean'"],
      ['labels', 'logits'],
      [', 1)', ', 10)'],
      ['return ', 'return torch.sigmoid('],
      ['def ', 'def _'],
      ['self.', 'self._'],
    ];
    for (let i = 0; i < 250; i++) {
      let start: number;
      let end: number;
      let ins: string;
      const [a, b] = swaps[next() % swaps.length];
      const [from, to] = next() % 2 ? [a, b] : [b, a];
      const hits: number[] = [];
      for (let k = text.indexOf(from); k !== -1; k = text.indexOf(from, k + 1)) hits.push(k);
      if (hits.length > 0 && next() % 4 !== 0) {
        start = hits[next() % hits.length];
        end = start + from.length;
        ins = to;
      } else {
        start = next() % (text.length + 1);
        end = Math.min(text.length, start + (next() % 2));
        ins = ['x', '', '\n', ')', '(', 'model(x)', 'nn.BCELoss()'][next() % 7];
      }
      doc.update([{ start, end, text: ins }]);
      text = text.slice(0, start) + ins + text.slice(end);
      const fresh = new DocumentAnalysis(grammar, text);
      assert.deepEqual(summary(doc), summary(fresh), `edit #${i}: ${JSON.stringify({ start, end, ins })}`);
      fresh.dispose();
    }
    doc.dispose();
  });

  it('gives the same findings when the caller replaces the whole text, as notebooks do', async () => {
    const grammar = await testGrammar();
    const base = readFileSync(join(RULE_FIXTURES, 'LL103.py'), 'utf8');
    const doc = new DocumentAnalysis(grammar, base);
    summary(doc);
    const versions = [base.replace('log_softmax', 'softmax'), base + '\nimport torch.nn as nn\nc = nn.BCELoss()\nc(logits, y)\n', 'x = (', base.replace(/CrossEntropyLoss/g, 'NLLLoss'), base];
    for (const text of versions) {
      doc.replace(text);
      const fresh = new DocumentAnalysis(grammar, text);
      assert.equal(doc.text, text);
      assert.deepEqual(summary(doc), summary(fresh));
      fresh.dispose();
    }
    doc.dispose();
  });

  it('applies several changes of one editor event given last-first, as VS Code reports them', async () => {
    const grammar = await testGrammar();
    const text = 'import torch.nn as nn\nc = nn.BCELoss()\nc(logits, y)\n';
    const doc = new DocumentAnalysis(grammar, text);
    const a = text.indexOf('BCELoss');
    const b = text.indexOf('logits');
    doc.update([
      { start: b, end: b + 'logits'.length, text: 'probs' },
      { start: a, end: a + 'BCELoss'.length, text: 'BCEWithLogitsLoss' },
    ]);
    assert.equal(doc.text, 'import torch.nn as nn\nc = nn.BCEWithLogitsLoss()\nc(probs, y)\n');
    assert.deepEqual(analyze(doc).map((d) => d.code), []);
  });
});
