import * as assert from 'node:assert/strict';
import { close, closeAll, f32, f64, grad, run, sigmoid, throwsLoss, value } from './pointwiseHelpers';

const x = [-4, -0.5, 0, 0.7, 2.5, 6];
const t = [0, 1, 0.3, 1, 0, 0.8];
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

describe('BCEWithLogitsLoss edge cases', () => {
  it('equals t·p·softplus(−x) + (1 − t)·softplus(x) with pos_weight p', () => {
    const pw = [0.5, 2, 1, 3, 0.1, 1.5];
    const r = run('BCEWithLogitsLoss', { reduction: 'none', pos_weight: f64([6], pw) }, { input: f64([6], x), target: f64([6], t) });
    closeAll(r.output.data, x.map((v, i) => t[i] * pw[i] * softplus(-v) + (1 - t[i]) * softplus(v)), 'values', 1e-12);
    closeAll(grad(r, 'input'), x.map((v, i) => (pw[i] * t[i] + 1 - t[i]) * sigmoid(v) - pw[i] * t[i]), 'input grad', 1e-12);
    closeAll(grad(r, 'target'), x.map((v, i) => -softplus(v) + pw[i] * softplus(-v)), 'target grad', 1e-12);
  });

  it('gives the same result through the weighted path with unit weights as through the fused path, float64 and float32', () => {
    for (const mk of [f64, f32]) {
      for (const reduction of ['none', 'mean', 'sum']) {
        const args = { input: mk([2, 3], [...x.slice(0, 5), 1e4]), target: mk([2, 3], t) };
        const fused = run('BCEWithLogitsLoss', { reduction }, args);
        const weighted = run('BCEWithLogitsLoss', { reduction, weight: mk([3], [1, 1, 1]), pos_weight: mk([1], [1]) }, args);
        closeAll(weighted.output.data, fused.output.data, `values ${reduction}`, 1e-6);
        closeAll(grad(weighted, 'input'), grad(fused, 'input'), `input grad ${reduction}`, 1e-6);
      }
    }
  });

  it("gives 'sum' equal to 'mean' times the element count", () => {
    const args = { input: f64([6], x), target: f64([6], t) };
    close(value(run('BCEWithLogitsLoss', { reduction: 'sum' }, args)), 6 * value(run('BCEWithLogitsLoss', {}, args)), 'sum = mean·n');
  });

  it('stays finite and exact at logits of ±1e4 (no overflow in exp)', () => {
    const r = run('BCEWithLogitsLoss', { reduction: 'none' }, { input: f64([4], [1e4, -1e4, 1e4, -1e4]), target: f64([4], [1, 0, 0, 1]) });
    closeAll(r.output.data, [0, 0, 1e4, 1e4], 'values');
    closeAll(grad(r, 'input'), [0, 0, 1, -1], 'input grad');
  });

  it('broadcasts a per-channel pos_weight (C, 1, 1) over (N, C, H, W)', () => {
    const input = f64([1, 2, 1, 2], [0.5, -0.5, 1, 2]);
    const target = f64([1, 2, 1, 2], [1, 1, 1, 0]);
    const r = run('BCEWithLogitsLoss', { reduction: 'none', pos_weight: f64([2, 1, 1], [3, 5]) }, { input, target });
    closeAll(r.output.data, [3 * softplus(-0.5), 3 * softplus(0.5), 5 * softplus(-1), softplus(2)], 'values', 1e-12);
  });

  it('rejects a target of another size with a ValueError naming target', () => {
    throwsLoss(() => run('BCEWithLogitsLoss', {}, { input: f64([2, 1], [0, 0]), target: f64([2], [0, 1]) }), 'ValueError', 'target', [
      'Target size (torch.Size([2])) must be the same as input size (torch.Size([2, 1]))',
    ]);
  });

  it('rejects pos_weight and weight that do not broadcast into the input, naming each', () => {
    const args = { input: f64([2, 3], x), target: f64([2, 3], t) };
    throwsLoss(() => run('BCEWithLogitsLoss', { pos_weight: f64([4], [1, 1, 1, 1]) }, args), 'RuntimeError', 'pos_weight', ['must match the size']);
    throwsLoss(() => run('BCEWithLogitsLoss', { weight: f64([2], [1, 1]) }, args), 'RuntimeError', 'weight', ['must match the size']);
    throwsLoss(() => run('BCEWithLogitsLoss', { weight: f64([2, 2, 3], Array(12).fill(1)) }, args), 'RuntimeError', 'weight', [
      "doesn't match the broadcast shape [2, 2, 3]",
    ]);
  });

  it('propagates nan logits to the loss and gradient without throwing', () => {
    const r = run('BCEWithLogitsLoss', { reduction: 'none' }, { input: f64([2], ['nan', 0]), target: f64([2], [1, 1]) });
    assert.ok(Number.isNaN(r.output.data[0]));
    close(r.output.data[1], Math.LN2, 'log 2');
    assert.ok(Number.isNaN(grad(r, 'input')[0]));
  });
});
