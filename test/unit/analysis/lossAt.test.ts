import * as assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { lossAt, lossSites } from '../../../src/analysis/lossAt';
import { testGrammar } from './grammar';

async function at(src: string, marker: string, nth = 0) {
  const doc = new DocumentAnalysis(await testGrammar(), src);
  let i = -1;
  for (let k = 0; k <= nth; k++) i = src.indexOf(marker, i + 1);
  assert.ok(i >= 0, `marker ${marker} not in source`);
  return lossAt(doc, i);
}

describe('analysis lossAt', () => {
  it('resolves nn.BCELoss through `import torch.nn as nn` with its constructor arguments', async () => {
    const r = await at("import torch.nn as nn\ncrit = nn.BCELoss(weight=w, reduction='sum')\n", 'BCELoss');
    assert.equal(r?.id, 'bce');
    assert.equal(r?.form, 'module');
    assert.deepEqual(r?.args, { weight: 'w', reduction: "'sum'" });
  });

  it('resolves torch.nn.BCELoss written out in full, and positional arguments by catalogue position', async () => {
    const r = await at('import torch\nc = torch.nn.CrossEntropyLoss(w, None, 3)\n', 'CrossEntropyLoss');
    assert.equal(r?.module, 'CrossEntropyLoss');
    assert.deepEqual(r?.args, { weight: 'w', size_average: 'None', ignore_index: '3' });
  });

  it('resolves from-imported and aliased class names', async () => {
    const src = 'from torch.nn import BCELoss as B, MSELoss\na = B()\nb = MSELoss()\n';
    assert.equal((await at(src, 'B()'))?.module, 'BCELoss');
    assert.equal((await at(src, 'MSELoss()'))?.module, 'MSELoss');
  });

  it('resolves functional losses through F and torch.nn.functional', async () => {
    const src = 'import torch\nimport torch.nn.functional as F\nF.binary_cross_entropy(p, y)\ntorch.nn.functional.kl_div(a, b)\n';
    const f = await at(src, 'binary_cross_entropy');
    assert.equal(f?.form, 'functional');
    assert.equal(f?.id, 'bce');
    assert.equal((await at(src, 'kl_div'))?.id, 'klDiv');
  });

  it('resolves a variable and a self attribute holding a configured loss', async () => {
    const src = [
      'from torch import nn',
      'class T:',
      '    def __init__(self):',
      "        self.criterion = nn.KLDivLoss(reduction='batchmean')",
      '    def step(self, a, b):',
      '        return self.criterion(a, b)',
      'loss_fn = nn.MSELoss()',
      'loss_fn(a, b)',
      '',
    ].join('\n');
    const r = await at(src, 'criterion', 1);
    assert.equal(r?.form, 'criterion');
    assert.equal(r?.id, 'klDiv');
    assert.deepEqual(r?.args, { reduction: "'batchmean'" });
    assert.equal((await at(src, 'loss_fn', 1))?.id, 'mse');
  });

  it('returns undefined away from losses and on broken code', async () => {
    assert.equal(await at('import torch.nn as nn\nx = nn.Linear(3, 4)\n', 'Linear'), undefined);
    assert.equal(await at('def f(:\n  nn.BCELoss(', 'BCELoss'), undefined);
  });

  it('lists constructions and calls with argument ranges and text', async () => {
    const src = 'import torch.nn as nn\nimport torch.nn.functional as F\nc = nn.MSELoss()\nc(torch.tensor([1.0]), t)\nF.l1_loss(a, b, reduction="sum")\n';
    const doc = new DocumentAnalysis(await testGrammar(), src);
    const sites = lossSites(doc);
    assert.deepEqual(sites.map((s) => [s.kind, s.id]), [['construction', 'mse'], ['module', 'mse'], ['functional', 'l1']]);
    const input = sites[1].inputs.input;
    assert.equal(input.text, 'torch.tensor([1.0])');
    assert.equal(src.slice(input.start, input.end), input.text);
    assert.equal(sites[2].options.reduction.text, '"sum"');
  });
});
