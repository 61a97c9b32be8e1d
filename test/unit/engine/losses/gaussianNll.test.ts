import * as assert from 'node:assert/strict';
import { close, closeAll, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const x = [0.2, -1, 0.5, 1.5, 0, 2];
const t = [0, -0.5, 1, 1, 0.25, 1];

describe('GaussianNLLLoss edge cases', () => {
  it('is ½(log v + (x − t)²/v), plus ½·log(2π) per element with full=True', () => {
    const v = [0.5, 1, 2, 0.1, 1, 3];
    const args = { input: f64([6], x), target: f64([6], t), var: f64([6], v) };
    const want = x.map((xi, i) => 0.5 * (Math.log(v[i]) + (xi - t[i]) ** 2 / v[i]));
    closeAll(run('GaussianNLLLoss', { reduction: 'none' }, args).output.data, want, 'full=False');
    const full = run('GaussianNLLLoss', { full: true, reduction: 'none' }, args).output.data;
    closeAll(full, want.map((w) => w + 0.5 * Math.log(2 * Math.PI)), 'full=True');
  });

  it('treats a Python float var like a tensor filled with it, without a var gradient', () => {
    const a = run('GaussianNLLLoss', {}, { input: f64([2, 3], x), target: f64([2, 3], t), var: 0.75 });
    const b = run('GaussianNLLLoss', {}, { input: f64([2, 3], x), target: f64([2, 3], t), var: f64([2, 3], Array(6).fill(0.75)) });
    close(value(a), value(b), 'value');
    assert.deepEqual(Object.keys(a.grad ?? {}).sort(), ['input', 'target']);
  });

  it('unsqueezes a var shaped like input.shape[:-1], matching a (N, 1) var, and keeps its shape in the gradient', () => {
    const args = { input: f64([2, 3], x), target: f64([2, 3], t) };
    const a = run('GaussianNLLLoss', {}, { ...args, var: f64([2], [0.5, 2]) });
    const b = run('GaussianNLLLoss', {}, { ...args, var: f64([2, 1], [0.5, 2]) });
    close(value(a), value(b), 'value');
    assert.deepEqual([...(a.grad?.var.shape ?? [])], [2]);
    closeAll(grad(a, 'var'), grad(b, 'var'), 'var grad');
  });

  it('clamps var to eps as a straight-through estimator: the var gradient is taken at eps, not zeroed', () => {
    const args = { input: f64([1], [0.3]), target: f64([1], [0]) };
    const clamped = run('GaussianNLLLoss', { eps: 0.1, reduction: 'sum' }, { ...args, var: f64([1], [0.01]) });
    const atEps = run('GaussianNLLLoss', { eps: 0.1, reduction: 'sum' }, { ...args, var: f64([1], [0.1]) });
    close(value(clamped), value(atEps), 'value');
    close(grad(clamped, 'var')[0], 0.5 / 0.1 - (0.5 * 0.09) / 0.01, 'var grad at eps');
    close(grad(clamped, 'var')[0], grad(atEps, 'var')[0], 'same as at eps');
  });

  it('rejects negative var, tensor or float, with a ValueError naming var', () => {
    const args = { input: f64([2], [1, 2]), target: f64([2], [1, 2]) };
    throwsLoss(() => run('GaussianNLLLoss', {}, { ...args, var: f64([2], [1, -0.5]) }), 'ValueError', 'var', ['var has negative entry/entries', '-0.5']);
    throwsLoss(() => run('GaussianNLLLoss', {}, { ...args, var: -1 }), 'ValueError', 'var', ['var has negative entry/entries']);
  });

  for (const shape of [[2, 4], [1, 1], [3, 2, 3], [3]]) {
    it(`rejects var of shape [${shape}] for input [2, 3] with a ValueError naming var`, () => {
      const n = shape.reduce((a, b) => a * b, 1);
      throwsLoss(() => run('GaussianNLLLoss', {}, { input: f64([2, 3], x), target: f64([2, 3], t), var: f64(shape, Array(n).fill(1)) }),
        'ValueError', 'var', ['var is of incorrect size', `[${shape.join(', ')}]`]);
    });
  }

  it('rejects an integer var (torch clamps var in place) but promotes an integer target', () => {
    throwsLoss(() => run('GaussianNLLLoss', {}, { input: f64([2], [1, 2]), target: f64([2], [1, 2]), var: i64([2], [1, 1]) }), 'RuntimeError', 'var', [
      "can't be cast",
    ]);
    const r = run('GaussianNLLLoss', { reduction: 'sum' }, { input: f64([2], [1, 2]), target: i64([2], [1, 1]), var: f64([2], [1, 1]) });
    close(value(r), 0.5, 'value');
    assert.deepEqual(Object.keys(r.grad ?? {}).sort(), ['input', 'var']);
  });

  it("rejects 'batchmean' and 'elementwise_mean' in gaussian_nll_loss's words", () => {
    for (const reduction of ['batchmean', 'elementwise_mean']) {
      throwsLoss(() => run('GaussianNLLLoss', { reduction }, { input: f64([1], [1]), target: f64([1], [1]), var: 1 }), 'ValueError', 'reduction', [
        `${reduction} is not valid`,
      ]);
    }
  });
});
