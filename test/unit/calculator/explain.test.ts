import * as assert from 'node:assert/strict';
import { lossByModule, type Locale } from '../../../src/catalogue';
import { explain } from '../../../src/calculator/explain';
import type { Tensor } from '../../../src/engine';

const t = (shape: number[], data: number[], dtype: Tensor['dtype'] = 'float64'): Tensor => ({ shape, dtype, data: Float64Array.from(data) });
const scalar = (x: number) => t([], [x]);

/** Explains a call described by its params and args; the output values don't matter for the wording. */
function check(module: string, params: Record<string, unknown>, args: Record<string, Tensor>, perElement: Tensor | undefined, locale: Locale = 'en', output = scalar(0.5)): string {
  const sig = lossByModule(module);
  assert.ok(sig);
  return explain({ sig, params, args, output, perElement }, locale);
}

describe('calculator explanation', () => {
  const logits = t([4, 3], new Array(12).fill(0.1));

  it('counts ignore_index targets out of the mean: "mean over 3 of 4 targets; one is ignore_index"', () => {
    const s = check('CrossEntropyLoss', {}, { input: logits, target: t([4], [0, 1, 2, -100], 'int64') }, t([4], [1, 1, 1, 0]));
    assert.match(s, /^mean over 3 of 4 targets; one is ignore_index \(-100\)/);
  });

  it('uses the configured ignore_index, not the default', () => {
    const s = check('NLLLoss', { ignore_index: 0 }, { input: logits, target: t([4], [0, 0, 2, 1], 'int64') }, t([4], [0, 0, 1, 1]));
    assert.match(s, /mean over 2 of 4 targets; 2 are ignore_index \(0\)/);
  });

  it('explains the nan when every target is ignored', () => {
    const s = check('CrossEntropyLoss', {}, { input: logits, target: t([4], [-100, -100, -100, -100], 'int64') }, t([4], [0, 0, 0, 0]), 'en', scalar(NaN));
    assert.match(s, /all 4 targets are ignore_index \(-100\), so the mean is 0\/0 = nan/);
  });

  it('names the weighted mean when class weights are given', () => {
    const s = check('CrossEntropyLoss', { weight: t([3], [1, 2, 3]) }, { input: logits, target: t([4], [0, 1, 2, 2], 'int64') }, t([4], [1, 1, 1, 1]));
    assert.match(s, /weighted mean \(Σ w\[y\]·loss \/ Σ w\[y\]\) over 4 of 4 targets/);
  });

  it('says the targets are probabilities for float CrossEntropy targets', () => {
    const s = check('CrossEntropyLoss', {}, { input: logits, target: t([4, 3], new Array(12).fill(1 / 3)) }, t([4], [1, 1, 1, 1]));
    assert.match(s, /mean over 4 samples; the targets are class probabilities/);
  });

  it('reports label smoothing as the probability left on the true class', () => {
    const s = check('CrossEntropyLoss', { label_smoothing: 0.1 }, { input: logits, target: t([4], [0, 1, 2, 0], 'int64') }, t([4], [1, 1, 1, 1]));
    // (1 − 0.1) + 0.1/3
    assert.match(s, /label smoothing 0\.1 puts 0\.9333 on the true class/);
  });

  it('lets the legacy reduce=False flag override reduction', () => {
    const s = check('MSELoss', { reduce: false, reduction: 'mean' }, { input: t([3], [1, 2, 3]), target: t([3], [0, 0, 0]) }, undefined, 'en', t([3], [1, 4, 9]));
    assert.match(s, /^3 elements, one loss each \(reduction='none'\)/);
  });

  it("warns that KLDiv's 'mean' is not the per-sample divergence, and explains batchmean", () => {
    const x = t([2, 3], [-1, -1, -1, -1, -1, -1]);
    assert.match(check('KLDivLoss', {}, { input: x, target: x }, t([2, 3], [0, 0, 0, 0, 0, 0])), /mean over all 6 elements — not the KL divergence per sample; use reduction='batchmean'/);
    assert.match(check('KLDivLoss', { reduction: 'batchmean' }, { input: x, target: x }, t([2, 3], [0, 0, 0, 0, 0, 0])), /divided by the batch size 2 \(batchmean\)/);
  });

  it('counts how many Huber errors fall in the quadratic part', () => {
    const s = check('HuberLoss', { delta: 1 }, { input: t([3], [0.5, 2.5, -1]), target: t([3], [0, 0, 0]) }, t([3], [0, 0, 0]));
    assert.match(s, /1 of 3 errors are below 1 \(quadratic part\)/);
  });

  it('traces a nan loss to the argument holding nan', () => {
    const s = check('MSELoss', {}, { input: t([2], [NaN, 1]), target: t([2], [0, 0]) }, t([2], [NaN, 1]), 'en', scalar(NaN));
    assert.match(s, /input contains 1 nan value, which propagate into the loss/);
  });

  it('speaks Simplified Chinese when asked', () => {
    const s = check('CrossEntropyLoss', {}, { input: logits, target: t([4], [0, 1, 2, -100], 'int64') }, t([4], [1, 1, 1, 0]), 'zh');
    assert.match(s, /计入 4 个目标中的 3 个；其中 1 个为 ignore_index（-100）/);
  });
});
