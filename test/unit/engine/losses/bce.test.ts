import * as assert from 'node:assert/strict';
import { close, closeAll, f32, f64, grad, run, sigmoid, throwsLoss } from './pointwiseHelpers';

const logits = [-3, -0.5, 0, 0.7, 2.5, 4];
const targets = [0, 1, 0.3, 1, 0, 0.8];

describe('BCELoss edge cases', () => {
  it('on sigmoid(x) equals BCEWithLogitsLoss on x away from the clamps, with d/dx chained through σ', () => {
    const probs = logits.map(sigmoid);
    const b = run('BCELoss', { reduction: 'none' }, { input: f64([6], probs), target: f64([6], targets) });
    const l = run('BCEWithLogitsLoss', { reduction: 'none' }, { input: f64([6], logits), target: f64([6], targets) });
    closeAll(b.output.data, l.output.data, 'values', 1e-9);
    closeAll(grad(b, 'input').map((g, i) => g * probs[i] * (1 - probs[i])), grad(l, 'input'), 'input grad', 1e-9);
    closeAll(grad(b, 'target'), grad(l, 'target'), 'target grad', 1e-9);
  });

  it('clamps log at −100, divides by the float32 1e-12 at 0 and 1, and leaves the target gradient unclamped', () => {
    const r = run('BCELoss', { reduction: 'none' }, { input: f64([4], [0, 1, 0, 1]), target: f64([4], [1, 0, 0, 1]) });
    closeAll(r.output.data, [100, 100, 0, 0], 'values');
    const eps = Math.fround(1e-12);
    closeAll(grad(r, 'input'), [-1 / eps, 1 / eps, 0, 0], 'input grad');
    assert.ok(grad(r, 'input')[0] !== -1e12, 'float32 epsilon, not 1e-12');
    closeAll(grad(r, 'target'), [Infinity, -Infinity, Infinity, -Infinity], 'target grad');
  });

  it('scales each element by a broadcast weight', () => {
    const args = { input: f64([2, 3], logits.map(sigmoid)), target: f64([2, 3], targets) };
    const plain = run('BCELoss', { reduction: 'none' }, args).output.data;
    const w = run('BCELoss', { reduction: 'none', weight: f64([3], [0.5, 2, 0]) }, args).output.data;
    closeAll(w, Array.from(plain, (v, i) => v * [0.5, 2, 0][i % 3]), 'weighted');
  });

  it('rejects probabilities outside [0, 1] (and nan) with a RuntimeError naming the argument', () => {
    throwsLoss(() => run('BCELoss', {}, { input: f64([2], [0.5, 1.5]), target: f64([2], [0, 1]) }), 'RuntimeError', 'input', ['all elements of input should be between 0 and 1', '1.5']);
    throwsLoss(() => run('BCELoss', {}, { input: f64([2], [0.5, 'nan']), target: f64([2], [0, 1]) }), 'RuntimeError', 'input', ['between 0 and 1']);
    throwsLoss(() => run('BCELoss', {}, { input: f64([2], [0.5, 0.5]), target: f64([2], [0, -1]) }), 'RuntimeError', 'target', ['all elements of target should be between 0 and 1']);
  });

  it('rejects a target of another size with a ValueError, even one that would broadcast', () => {
    throwsLoss(() => run('BCELoss', {}, { input: f64([2, 1], [0.5, 0.5]), target: f64([2], [0, 1]) }), 'ValueError', 'target', [
      'Using a target size (torch.Size([2])) that is different to the input size (torch.Size([2, 1]))',
    ]);
  });

  it('rejects a weight that does not broadcast to the target, or that would grow the output', () => {
    const args = { input: f64([2, 3], Array(6).fill(0.5)), target: f64([2, 3], Array(6).fill(1)) };
    throwsLoss(() => run('BCELoss', { weight: f64([4], [1, 1, 1, 1]) }, args), 'RuntimeError', 'weight', ['Attempting to broadcast a dimension of length 4']);
    throwsLoss(() => run('BCELoss', { weight: f64([2, 2, 3], Array(12).fill(1)) }, args), 'RuntimeError', 'weight', [
      "output with shape [2, 3] doesn't match the broadcast shape [2, 2, 3]",
    ]);
  });

  it('computes float32 cases in float32: the result is a Float32Array', () => {
    const r = run('BCELoss', {}, { input: f32([2], [0.25, 0.75]), target: f32([2], [0, 1]) });
    assert.ok(r.output.data instanceof Float32Array);
    close(r.output.data[0], -Math.log(0.75), 'value', 1e-6);
  });
});
