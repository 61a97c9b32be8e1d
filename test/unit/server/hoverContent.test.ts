import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis, joinCells, loadPython, type PythonGrammar } from '../../../src/analysis';
import type { Locale } from '../../../src/catalogue';
import { OPEN_CALCULATOR as CALCULATOR_COMMAND } from '../../../src/protocol/server';
import { hoverContent, type HoverContent } from '../../../src/server/hoverContent';

const modules = join(__dirname, '../../../node_modules');
let grammar: PythonGrammar;

/** Hover at the `‸` in `source`; also returns the text of the range the hover covers. */
function hover(source: string, locale: Locale = 'en'): (HoverContent & { name: string }) | undefined {
  const offset = source.indexOf('‸');
  assert.ok(offset >= 0, 'snippet needs a ‸ cursor');
  const text = source.replace('‸', '');
  const doc = new DocumentAnalysis(grammar, text);
  try {
    const h = hoverContent(doc, offset, { locale, calculatorLink: true, formulaImage: (id, v) => `data:image/svg+xml;base64,${id}-${v}` });
    return h && { ...h, name: text.slice(h.range.start, h.range.end) };
  } finally {
    doc.dispose();
  }
}

function calculatorArgs(markdown: string): unknown {
  const m = new RegExp(`\\(command:${CALCULATOR_COMMAND.replace('.', '\\.')}\\?([^)]+)\\)`).exec(markdown);
  assert.ok(m, 'no calculator link');
  return JSON.parse(decodeURIComponent(m[1]));
}

describe('hover content', () => {
  before(async () => {
    grammar = await loadPython({
      runtime: readFileSync(join(modules, 'web-tree-sitter/web-tree-sitter.wasm')),
      python: readFileSync(join(modules, 'tree-sitter-python/tree-sitter-python.wasm')),
    });
  });

  const bceForms: [string, string, string][] = [
    ['nn.BCELoss', 'import torch.nn as nn\ncriterion = nn.BCE‸Loss()\n', 'nn.BCELoss'],
    ['torch.nn.BCELoss', 'import torch\ncriterion = torch.nn.BCE‸Loss()\n', 'torch.nn.BCELoss'],
    ['from torch import nn', 'from torch import nn\nloss_cls = nn.BCE‸Loss\n', 'nn.BCELoss'],
    ['a from-imported BCELoss', 'from torch.nn import BCELoss\ncriterion = BCE‸Loss(reduction="sum")\n', 'BCELoss'],
    ['an aliased BCELoss', 'from torch.nn import BCELoss as Bce\ncriterion = B‸ce()\n', 'Bce'],
    ['F.binary_cross_entropy', 'import torch.nn.functional as F\nloss = F.binary_cross_‸entropy(p, y)\n', 'F.binary_cross_entropy'],
    ['torch.nn.functional.binary_cross_entropy', 'import torch\nloss = torch.nn.functional.binary_‸cross_entropy(p, y)\n', 'torch.nn.functional.binary_cross_entropy'],
    ['a from-imported functional', 'from torch.nn.functional import binary_cross_entropy as bce\nloss = bc‸e(p, y)\n', 'bce'],
  ];
  for (const [form, source, name] of bceForms) {
    it(`documents BCELoss when hovering ${form}`, () => {
      const h = hover(source);
      assert.ok(h, 'no hover');
      assert.equal(h.name, name);
      assert.equal(h.calculator.module, 'BCELoss');
      assert.ok(h.markdown.startsWith('**`torch.nn.BCELoss`** · `torch.nn.functional.binary_cross_entropy`'));
      assert.ok(h.markdown.includes('![unreduced](data:image/svg+xml;base64,bce-unreduced)'));
      assert.ok(h.markdown.includes('https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html'));
      assert.ok(h.markdown.includes('`LL101`'));
    });
  }

  it('shows the arguments a criterion variable was configured with, where it is used and where it is assigned', () => {
    const src = [
      'import torch.nn as nn',
      'criterion = nn.CrossEntropyLoss(label_smoothing=0.1)',
      'for x, y in loader:',
      '    loss = crit‸erion(model(x), y)',
    ].join('\n');
    for (const source of [src, src.replace('‸', '').replace('criterion =', 'crit‸erion =')]) {
      const h = hover(source);
      assert.ok(h);
      assert.equal(h.name, 'criterion');
      assert.deepEqual(h.calculator, { module: 'CrossEntropyLoss', params: { label_smoothing: '0.1' } });
      assert.match(h.markdown, /\| \*\*`label_smoothing`\*\* \| `0\.0` \| `0\.1` \|/);
      assert.deepEqual(calculatorArgs(h.markdown), [{ module: 'CrossEntropyLoss', params: { label_smoothing: '0.1' } }]);
    }
  });

  it('follows a loss stored on self in __init__ into another method, with its configured reduction formula', () => {
    const h = hover(
      [
        'import torch.nn as nn',
        'import torch.nn.functional as F',
        'class Distiller(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.loss_fn = nn.KLDivLoss(reduction="batchmean", log_target=True)',
        '    def step(self, s, t):',
        '        return self.loss_‸fn(F.log_softmax(s, dim=1), F.log_softmax(t, dim=1))',
      ].join('\n'),
      'zh',
    );
    assert.ok(h);
    assert.equal(h.name, 'self.loss_fn');
    assert.deepEqual(h.calculator.params, { reduction: '"batchmean"', log_target: 'True' });
    assert.ok(h.markdown.includes('klDiv-batchmean') && !h.markdown.includes('klDiv-mean'));
    assert.ok(h.markdown.includes('#### 参数') && h.markdown.includes('在损失计算器中打开'));
  });

  it('shows the options passed to a functional call, and its reduction formula', () => {
    const h = hover("import torch.nn.functional as F\nloss = F.kl_‸div(F.log_softmax(s, dim=1), p, reduction='batchmean')\n");
    assert.ok(h);
    assert.deepEqual(h.calculator, { module: 'KLDivLoss', params: { reduction: "'batchmean'" } });
    assert.ok(h.markdown.includes('klDiv-batchmean') && !h.markdown.includes('klDiv-mean'));
    assert.deepEqual(hover('import torch.nn.functional as F\nfn = F.mse_‸loss\n')?.calculator.params, {});
  });

  it('says nothing over names that are not torch losses', () => {
    const cases = [
      'import torch.nn as nn\nlayer = nn.Lin‸ear(3, 4)\n',
      'class BCELoss:\n    pass\ncriterion = BCE‸Loss()\n',
      'def criterion(a, b):\n    return (a - b).abs().mean()\nloss = crit‸erion(x, y)\n',
      'import torch.nn as nn\n# nn.BCE‸Loss in a comment\n',
      'BCE‸Loss()\n',
    ];
    for (const source of cases) assert.equal(hover(source), undefined, source);
  });

  it('resolves a loss in a notebook cell from the imports of the cells above it', () => {
    const cells = ['import torch\nimport torch.nn as nn', 'x = torch.randn(3)', 'crit = nn.SmoothL1Loss(beta=0.5)\nloss = crit(x, x)'];
    // The editor hands the hover the notebook's code cells joined, as the diagnostics see them.
    const { text, starts } = joinCells(cells);
    const base = starts[2];
    const offsetInCell = cells[2].indexOf('crit(x') + 1;
    const h = hover(text.slice(0, base + offsetInCell) + '‸' + text.slice(base + offsetInCell));
    assert.ok(h);
    assert.deepEqual(h.calculator, { module: 'SmoothL1Loss', params: { beta: '0.5' } });
    assert.equal(hover(cells[2].replace('crit(x', 'cr‸it(x')), undefined, 'the cell alone has no nn import');
  });

  it('survives half-typed code around the cursor', () => {
    const h = hover('import torch.nn as nn\ncriterion = nn.MSE‸Loss(\nfor x in\n');
    assert.equal(h?.calculator.module, 'MSELoss');
  });
});
