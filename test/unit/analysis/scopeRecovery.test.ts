import * as assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { lossAt } from '../../../src/analysis/lossAt';
import { testGrammar } from './grammar';

describe('scope lookup in files tree-sitter recovers as ERROR', () => {
  it('resolves the name of a def of a truncated file without looping', async () => {
    // Truncated mid-signature: the root becomes ERROR, so the def has no module scope above it.
    const text =
      '# LL107 cross-entropy-single-logit: CrossEntropyLoss on a one-unit output.\nimport torch\nimport torch.nn as nn\n' +
      'import torch.nn.functional as F\n\n\nclass BinaryHead(nn.Module):\n    def __init__(self, hidden):\n' +
      '        super().__init__()\n        self.encoder = nn.Sequential(nn.Linear(32, hidden), nn.ReLU())\n' +
      '        self.out = nn.Linear(hidden, 1)\n\n    def forward(self';
    const doc = new DocumentAnalysis(await testGrammar(), text);
    try {
      assert.equal(doc.root.type, 'ERROR');
      const at = text.indexOf('__init__') + 1;
      assert.equal(lossAt(doc, at), undefined);
    } finally {
      doc.dispose();
    }
  });
});
