import * as assert from 'node:assert/strict';
import { DocumentAnalysis, lossSites } from '../../../src/analysis';
import { bindingBefore } from '../../../src/calculator/bindings';
import { logicalLines } from '../../../src/calculator/logicalLines';
import { inlineValue, presetForSite } from '../../../src/calculator/inline';
import { testGrammar } from '../analysis/grammar';

/** Runs the analyzer on `src` and returns the inline value of every loss call, in source order. */
async function values(src: string): Promise<({ label: string; value: number } | undefined)[]> {
  const doc = new DocumentAnalysis(await testGrammar(), src);
  const lines = logicalLines(src);
  try {
    return lossSites(doc)
      .filter((s) => s.kind !== 'construction')
      .map((s) => inlineValue(lines, s, 'en'));
  } finally {
    doc.dispose();
  }
}

const HEADER = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

describe('inline loss values', () => {
  it('computes a functional loss whose arguments are literal tensors', async () => {
    const [v] = await values(HEADER + 'F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0]))\n');
    assert.equal(v?.value, (1 + 4) / 2);
    assert.equal(v?.label, '= 2.5');
  });

  it('follows names bound to literal tensors in the same scope, and the construction options of the criterion', async () => {
    const src = HEADER + ['pred = torch.tensor([[2.0, -1.0],', '                     [0.5, 0.1]])  # two rows', 'y = [[1.0, 0.0], [0.0, 0.0]]', "crit = nn.MSELoss(reduction='sum')", 'loss = crit(pred, y)', ''].join('\n');
    const [v] = await values(src);
    assert.ok(v, 'a value for crit(pred, ...)');
    assert.ok(Math.abs(v.value - (1 + 1 + 0.25 + 0.01)) < 1e-6, `${v.value}`);
  });

  it('treats log_softmax / sigmoid of a literal as a literal', async () => {
    // Uniform logits give log(1/2) per class; KL to the uniform target is exactly 0.
    const [kl] = await values(HEADER + "p = F.log_softmax(torch.tensor([[0.0, 0.0]], dtype=torch.float64), dim=1)\nF.kl_div(p, torch.tensor([[0.5, 0.5]], dtype=torch.float64), reduction='batchmean')\n");
    assert.equal(kl?.value, 0);
    // sigmoid(0) = 0.5, so BCE against target 1 is log(2).
    const [bce] = await values(HEADER + 'F.binary_cross_entropy(torch.sigmoid(torch.zeros(1, dtype=torch.float64)), torch.ones(1, dtype=torch.float64))\n');
    assert.ok(bce && Math.abs(bce.value - Math.LN2) < 1e-15);
  });

  it('says nothing when an argument is not a literal', async () => {
    const [v] = await values(HEADER + 'x = model(batch)\nF.mse_loss(x, torch.zeros(3))\n');
    assert.equal(v, undefined);
  });

  it('says nothing when the name was reassigned conditionally or updated in place', async () => {
    const cond = HEADER + 'x = torch.ones(2)\nif flip:\n    x = torch.zeros(2)\nF.l1_loss(x, torch.zeros(2))\n';
    const inplace = HEADER + 'x = torch.ones(2)\nx.mul_(3)\nF.l1_loss(x, torch.zeros(2))\n';
    const loop = HEADER + 'for x in batches:\n    F.l1_loss(x, torch.zeros(2))\n';
    assert.deepEqual(await values(cond), [undefined]);
    assert.deepEqual(await values(inplace), [undefined]);
    assert.deepEqual(await values(loop), [undefined]);
  });

  it('does not reach into another function for a binding', async () => {
    const src = HEADER + 'x = torch.ones(2)\ndef f():\n    return F.l1_loss(x, torch.zeros(2))\n';
    assert.deepEqual(await values(src), [undefined]);
  });

  it('uses the latest unconditional assignment', async () => {
    const src = HEADER + 'x = torch.ones(2)\nx = torch.full((2,), 3.0)\nF.l1_loss(x, torch.zeros(2))\n';
    const [v] = await values(src);
    assert.equal(v?.value, 3);
  });

  it('gives no value when the engine rejects the call (the diagnostics say why)', async () => {
    const [v] = await values(HEADER + 'F.mse_loss(torch.ones(3), torch.ones(2))\n');
    assert.equal(v, undefined);
  });

  it('presets the calculator with the options and the literal arguments it could read', async () => {
    const src = HEADER + "t = torch.tensor([1, 2])\ncrit = nn.CrossEntropyLoss(label_smoothing=0.1, weight=w)\ncrit(logits, t)\n";
    const doc = new DocumentAnalysis(await testGrammar(), src);
    const call = lossSites(doc).find((s) => s.kind === 'module');
    assert.ok(call);
    const preset = presetForSite(logicalLines(src), call);
    doc.dispose();
    assert.deepEqual(preset, { module: 'CrossEntropyLoss', params: { label_smoothing: '0.1' }, args: { target: 'torch.tensor([1, 2])' } });
  });
});

describe('same-scope bindings', () => {
  const at = (src: string, marker: string, name: string) => bindingBefore(logicalLines(src), name, src.indexOf(marker));

  it('reads a binding made before an enclosing block', () => {
    assert.equal(at('x = [1.0]\nwith ctx:\n    use(x)\n', 'use', 'x'), '[1.0]');
  });

  it('ignores assignments inside strings and comments', () => {
    assert.equal(at('x = [1.0]\ns = "x = [2.0]"\n# x = [3.0]\nuse(x)\n', 'use', 'x'), '[1.0]');
  });

  it('treats tuple targets, augmented assignment and walrus as unknown', () => {
    assert.equal(at('x = [1.0]\nx, y = a\nuse(x)\n', 'use', 'x'), undefined);
    assert.equal(at('x = [1.0]\nx += 1\nuse(x)\n', 'use', 'x'), undefined);
    assert.equal(at('x = [1.0]\nif (x := f()):\n    pass\nuse(x)\n', 'use', 'x'), undefined);
  });
});

describe('inline values stay cheap', () => {
  it('leaves a pasted dataset to the calculator instead of evaluating it in the editor', async () => {
    const big = '[' + Array.from({ length: 5000 }, (_, i) => `${i}.5`).join(', ') + ']';
    const [v] = await values(HEADER + `x = torch.tensor(${big})\nF.l1_loss(x, torch.zeros(5000))\n`);
    assert.equal(v, undefined);
    const [small] = await values(HEADER + 'x = torch.tensor([0.5, 1.5])\nF.l1_loss(x, torch.zeros(2))\n');
    assert.equal(small?.value, 1);
  });
});
