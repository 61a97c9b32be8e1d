import * as assert from 'node:assert/strict';
import { closeAll, f32, f64, grad, i64, run, throwsLoss } from './pointwiseHelpers';

const x = [0.3, -1.7, 2.2, -0.4, 5];
const y = [1, -1, -1, 1, 1];

describe('SoftMarginLoss edge cases', () => {
  it('equals BCEWithLogitsLoss with targets (y + 1)/2 for y = ±1, in value and input gradient', () => {
    const sm = run('SoftMarginLoss', { reduction: 'none' }, { input: f64([5], x), target: f64([5], y) });
    const bce = run('BCEWithLogitsLoss', { reduction: 'none' }, { input: f64([5], x), target: f64([5], y.map((v) => (v + 1) / 2)) });
    closeAll(sm.output.data, bce.output.data, 'values', 1e-12);
    closeAll(grad(sm, 'input'), grad(bce, 'input'), 'input grad', 1e-12);
  });

  it('gives the target no gradient, as torch refuses to differentiate it', () => {
    const r = run('SoftMarginLoss', {}, { input: f64([5], x), target: f64([5], y) });
    assert.deepEqual(Object.keys(r.grad ?? {}), ['input']);
  });

  it('overflows like torch: inf loss and nan gradient once exp(−x·y) overflows (float64 beyond ~709.78)', () => {
    const r = run('SoftMarginLoss', { reduction: 'none' }, { input: f64([2], [-709, -710]), target: f64([2], [1, 1]) });
    closeAll(r.output.data, [709, Infinity], 'values');
    closeAll(grad(r, 'input'), [-1, NaN], 'grads');
  });

  it('overflows in float32 where float32 exp does (beyond ~88.72), not where float64 would', () => {
    const r = run('SoftMarginLoss', { reduction: 'none' }, { input: f32([2], [-88.5, -89]), target: f32([2], [1, 1]) });
    assert.ok(Number.isFinite(r.output.data[0]) && Math.abs(r.output.data[0] - 88.5) < 1e-4);
    assert.equal(r.output.data[1], Infinity);
    assert.ok(Number.isNaN(grad(r, 'input')[1]));
  });

  it('broadcasts the target into the input shape, but not the input into the target shape', () => {
    const ok = run('SoftMarginLoss', { reduction: 'none' }, { input: f64([2, 2], [1, 2, 3, 4]), target: f64([2], [1, -1]) });
    assert.deepEqual([...ok.output.shape], [2, 2]);
    throwsLoss(() => run('SoftMarginLoss', {}, { input: f64([2], [1, 2]), target: f64([2, 2], [1, -1, 1, -1]) }),
      'RuntimeError', 'target', ["output with shape [2] doesn't match the broadcast shape [2, 2]"]);
  });

  it('promotes an int64 target but rejects an int64 input, naming input', () => {
    const r = run('SoftMarginLoss', { reduction: 'sum' }, { input: f64([2], [0.5, -0.5]), target: i64([2], [1, -1]) });
    closeAll([r.output.data[0]], [2 * Math.log1p(Math.exp(-0.5))], 'value');
    throwsLoss(() => run('SoftMarginLoss', {}, { input: i64([2], [1, 2]), target: f64([2], [1, -1]) }), 'RuntimeError', 'input', [
      "result type Float can't be cast to the desired output type Long",
    ]);
  });
});
