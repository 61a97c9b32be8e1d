import * as assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { child, namedChildren, textOf, walk, type SNode } from '../../../src/analysis/syntax';
import { testGrammar } from './grammar';

const HEAD = ['import torch', 'import torch.nn.functional as F', 'from torch.nn.utils.rnn import pad_sequence', 'PAD = 3'];

/** The padding value the analyzer knows for the first argument of the first `use(…)` call. */
async function paddingOf(body: string[]): Promise<number | string | undefined> {
  const doc = new DocumentAnalysis(await testGrammar(), [...HEAD, ...body].join('\n') + '\n');
  try {
    let use: SNode | undefined;
    walk(doc.root, (n) => {
      if (!use && n.type === 'call' && textOf(n.children[0]) === 'use') use = n;
      return !use;
    });
    const v = doc.getFacts().semantics.valueOf(namedChildren(child(use!, 'arguments')!)[0]);
    return v.t === 'tensor' ? v.padding?.value : undefined;
  } finally {
    doc.dispose();
  }
}

describe('semantic: padding values', () => {
  it('reads pad_sequence and F.pad, with their defaults of 0', async () => {
    assert.equal(await paddingOf(['use(pad_sequence(seqs, batch_first=True))']), 0);
    assert.equal(await paddingOf(['use(pad_sequence(seqs, True, -100))']), -100);
    assert.equal(await paddingOf(['use(F.pad(t, (0, 4), value=-1))']), -1);
    assert.equal(await paddingOf(['use(F.pad(t, (0, 4)))']), 0);
  });

  it('resolves named constants and keeps the name of a pad id', async () => {
    assert.equal(await paddingOf(['use(pad_sequence(seqs, padding_value=PAD))']), 3);
    assert.equal(await paddingOf(['use(pad_sequence(seqs, padding_value=tok.pad_token_id))']), 'pad_token_id');
    assert.equal(await paddingOf(['use(pad_sequence(seqs, padding_value=fill))']), undefined);
  });

  it('follows copies, reshapes and slices, and forgets it when the pads are overwritten in place', async () => {
    assert.equal(await paddingOf(['y = pad_sequence(seqs).clone()', 'use(y[:, 1:].reshape(-1))']), 0);
    assert.equal(await paddingOf(['y = pad_sequence(seqs)', 'y[y == 0] = -100', 'use(y)']), undefined);
  });

  it('forgets it when a mask or index picks elements (the pads may be left out)', async () => {
    assert.equal(await paddingOf(['y = pad_sequence(seqs)', 'use(y[y != 0])']), undefined);
    assert.equal(await paddingOf(['y = pad_sequence(seqs).view(-1)', 'keep = y != 0', 'use(y[keep])']), undefined);
    assert.equal(await paddingOf(['y = pad_sequence(seqs)', 'use(torch.masked_select(y, y != 0))']), undefined);
  });

  it("reads a tokenizer's padded input_ids as padded with the pad id", async () => {
    assert.equal(await paddingOf(['enc = tokenizer(texts, padding=True, return_tensors="pt")', 'use(enc["input_ids"].clone())']), 'pad_token_id');
    assert.equal(await paddingOf(['enc = self.tokenizer(texts, padding="max_length", truncation=True, return_tensors="pt")', 'use(enc["input_ids"])']), 'pad_token_id');
    assert.equal(await paddingOf(['enc = tokenizer(texts, return_tensors="pt")', 'use(enc["input_ids"])']), undefined);
    assert.equal(await paddingOf(['enc = tokenizer(texts, padding=True, return_tensors="pt")', 'use(enc["attention_mask"])']), undefined);
  });

  it('does not read non-constant padding modes', async () => {
    assert.equal(await paddingOf(['use(F.pad(t, (0, 4), mode="reflect"))']), undefined);
  });
});
