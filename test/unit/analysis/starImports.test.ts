import * as assert from 'node:assert/strict';
import { analyze, applyEdits } from '../../../src/analysis';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { testGrammar } from './grammar';

async function findings(text: string): Promise<{ codes: string[]; fixed: string }> {
  const doc = new DocumentAnalysis(await testGrammar(), text);
  try {
    const ds = analyze(doc);
    const edits = ds.flatMap((d) => d.fixes.find((f) => f.preferred)?.edits ?? []);
    return { codes: ds.map((d) => `${text.slice(0, d.start).split('\n').length}:${d.code}`), fixed: applyEdits(text, edits) };
  } finally {
    doc.dispose();
  }
}

describe('star imports', () => {
  it('resolves loss classes, layers and functionals brought in by `from torch.nn import *` and `from torch.nn.functional import *`', async () => {
    const text = [
      'import torch',
      'from torch.nn import *',
      'from torch.nn.functional import *',
      'net = Sequential(Linear(8, 4), Softmax(dim=1))',
      'a = NLLLoss()(net(x), y)',
      'b = CrossEntropyLoss()(softmax(z, dim=1), y)',
      'c = L1Loss(pred, y)',
      'd = KLDivLoss()',
      'e = BCEWithLogitsLoss()(Linear(8, 1)(x), t)',
      '',
    ].join('\n');
    const { codes, fixed } = await findings(text);
    assert.deepEqual(codes, ['5:LL104', '6:LL103', '7:LL303', '8:LL301']);
    // Fixes that rename a class use the bare name the star import provides.
    assert.match(fixed, /^d = KLDivLoss\(reduction='batchmean'\)$/m);
    assert.match(fixed, /^c = L1Loss\(\)\(pred, y\)$/m);
  });

  it('leaves names a star import of another module brings in alone', async () => {
    const { codes } = await findings('from mylib.losses import *\nnet = Sequential(Linear(8, 4), Softmax(dim=1))\na = NLLLoss()(net(x), y)\n');
    assert.deepEqual(codes, []);
  });
});
