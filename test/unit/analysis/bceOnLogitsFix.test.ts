import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis/analyze';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { testGrammar } from './grammar';

/** Whether LL101's "switch to BCEWithLogitsLoss" fix is the preferred one on each LL101 finding. */
async function switchPreferred(text: string): Promise<boolean[]> {
  const doc = new DocumentAnalysis(await testGrammar(), text);
  try {
    return analyze(doc)
      .filter((d) => d.code === 'LL101')
      .map((d) => d.fixes.find((f) => f.edits.some((e) => e.newText === 'BCEWithLogitsLoss'))?.preferred ?? false);
  } finally {
    doc.dispose();
  }
}

const model = (extra: string) => `import torch.nn as nn

class Trainer:
    def __init__(self):
        self.net = nn.Linear(8, 1)
        self.criterion = nn.BCELoss()

    def train_step(self, x, y):
        return self.criterion(self.net(x), y)

    def eval_step(self, x, y):
${extra}
`;

describe('LL101 switch fix across statements', () => {
  it('prefers switching the criterion when every use, in any method, receives logits', async () => {
    assert.deepEqual(await switchPreferred(model('        return self.criterion(self.net(x), y)')), [true, true]);
  });

  it('sees uses in separate top-level statements of a script', async () => {
    const script = (second: string) => `import torch.nn as nn\nnet = nn.Linear(8, 1)\ncriterion = nn.BCELoss()\nloss1 = criterion(net(x), y)\nloss2 = criterion(${second}, y)\n`;
    assert.deepEqual(await switchPreferred(script('net(x2)')), [true, true]);
    assert.deepEqual(await switchPreferred(script('net(x2).sigmoid()')), [false]);
  });

  it('does not prefer it when another method feeds the same criterion probabilities', async () => {
    assert.deepEqual(await switchPreferred(model('        return self.criterion(self.net(x).sigmoid(), y)')), [false]);
  });
});
