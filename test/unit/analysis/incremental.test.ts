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
