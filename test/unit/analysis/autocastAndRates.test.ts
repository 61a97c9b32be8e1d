import * as assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { cudaAutocastAround } from '../../../src/analysis/semantic/autocast';
import { child, namedChildren, textOf, walk, type SNode } from '../../../src/analysis/syntax';
import { testGrammar } from './grammar';

/** The document, and the first call whose callee is written `callee`. */
async function callIn(lines: string[], callee: string): Promise<{ doc: DocumentAnalysis; call: SNode }> {
  const doc = new DocumentAnalysis(await testGrammar(), lines.join('\n') + '\n');
  let found: SNode | undefined;
  walk(doc.root, (n) => {
    if (!found && n.type === 'call' && textOf(n.children[0]) === callee) found = n;
    return !found;
  });
  assert.ok(found, `no call to ${callee}`);
  return { doc, call: found };
}

const HEAD = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', 'from torch.cuda.amp import autocast'];

describe('semantic: CUDA autocast regions', () => {
  const around = async (body: string[]) => {
    const { doc, call } = await callIn([...HEAD, ...body], 'loss_fn');
    try {
      const region = cudaAutocastAround(doc.getFacts().semantics, call);
      return region && textOf(region.autocast) + (region.via ? ` via ${textOf(region.via)}` : '');
    } finally {
      doc.dispose();
    }
  };

  it('finds the `with` block around a call, through imports and `as` names', async () => {
    assert.equal(await around(['with autocast():', '    loss_fn(x)']), 'autocast()');
    assert.equal(await around(['with torch.no_grad(), torch.autocast("cuda") as ac:', '    loss_fn(x)']), 'torch.autocast("cuda")');
    assert.equal(await around(['with torch.amp.autocast(device_type=dev.type):', '    loss_fn(x)']), 'torch.amp.autocast(device_type=dev.type)');
  });

  it('finds a decorator of the enclosing function', async () => {
    assert.equal(await around(['@torch.cuda.amp.autocast()', 'def step(x):', '    return loss_fn(x)']), 'torch.cuda.amp.autocast()');
  });

  it('stays silent outside the block, for CPU autocast, and where an inner block disables it', async () => {
    assert.equal(await around(['with autocast():', '    y = f(x)', 'loss_fn(y)']), undefined);
    assert.equal(await around(['with torch.autocast("cpu"):', '    loss_fn(x)']), undefined);
    assert.equal(await around(['with torch.cpu.amp.autocast():', '    loss_fn(x)']), undefined);
    assert.equal(await around(['DEVICE = "cpu"', 'with torch.autocast(DEVICE):', '    loss_fn(x)']), undefined);
    assert.equal(await around(['DEVICE = "cuda"', 'with torch.autocast(DEVICE):', '    loss_fn(x)']), 'torch.autocast(DEVICE)');
    assert.equal(await around(['with autocast():', '    with autocast(enabled=False):', '        loss_fn(x)']), undefined);
    assert.equal(await around(['with torch.autocast("cuda", torch.float16, False):', '    loss_fn(x)']), undefined);
  });

  it('does not reach through a function defined in the block (it runs later, elsewhere)', async () => {
    assert.equal(await around(['with autocast():', '    def later(x):', '        return loss_fn(x)']), undefined);
  });

  it('finds a block around a call of the enclosing function (one level of callers)', async () => {
    assert.equal(await around(['def compute(x):', '    return loss_fn(x)', 'with autocast():', '    compute(x)']), 'autocast() via compute(x)');
    assert.equal(await around(['def compute(x):', '    return loss_fn(x)', 'with autocast():', '    y = f(x)', 'compute(y)']), undefined);
    assert.equal(
      await around(['class T:', '    def loss(self, x):', '        return loss_fn(x)', '    def step(self, x):', '        with autocast():', '            return self.loss(x)']),
      'autocast() via self.loss(x)',
    );
    // Another object's method of the same name is not this one.
    assert.equal(await around(['class T:', '    def loss(self, x):', '        return loss_fn(x)', 'with autocast():', '    other.loss(x)']), undefined);
    assert.equal(await around(['def forward(x):', '    return loss_fn(x)', 'with autocast():', '    model.forward(x)']), undefined);
  });

  it('ignores a context manager that only shares the name', async () => {
    assert.equal(await around(['with accelerator.autocast():', '    loss_fn(x)']), undefined);
  });
});

describe('semantic: positive rates', () => {
  const kindOf = async (body: string[]) => {
    const { doc, call } = await callIn([...HEAD, ...body], 'loss_fn');
    try {
      const v = doc.getFacts().semantics.valueOf(namedChildren(child(call, 'arguments')!)[0]);
      return v.t === 'tensor' ? v.kind : v.t;
    } finally {
      doc.dispose();
    }
  };

  it('knows exp, softplus and relu outputs, as functions, methods and last layers', async () => {
    assert.equal(await kindOf(['loss_fn(torch.exp(h))']), 'positive');
    assert.equal(await kindOf(['loss_fn(F.softplus(h))']), 'positive');
    assert.equal(await kindOf(['loss_fn(h.relu())']), 'positive');
    assert.equal(await kindOf(['net = nn.Sequential(nn.Linear(4, 1), nn.Softplus())', 'loss_fn(net(x))']), 'positive');
  });

  it('keeps them through selection, and not through a log or a later Linear', async () => {
    assert.equal(await kindOf(['r = torch.exp(h)', 'loss_fn(r[:, 0])']), 'positive');
    assert.equal(await kindOf(['loss_fn(F.softplus(h) + 1e-6)']), 'positive');
    assert.equal(await kindOf(['loss_fn(F.softplus(h) - 1)']), 'unknown');
    assert.equal(await kindOf(['loss_fn(torch.log(torch.exp(h)))']), 'unknown');
    assert.equal(await kindOf(['net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))', 'loss_fn(net(x))']), 'logits');
  });

  it('lets a positive scale keep logits logits (CLIP: `logit_scale.exp() * logits`)', async () => {
    assert.equal(await kindOf(['head = nn.Linear(4, 3)', 'loss_fn(scale.exp() * head(x))']), 'logits');
  });
});
