import * as assert from 'node:assert/strict';
import { close, closeAll, f64, grad, run, throwsLoss, value } from './pointwiseHelpers';

const x = [0.1, -0.7, 2.5, -3, 0.45, 1.2, 0];
const t = [0, 0.2, 0.5, 0, -0.05, 1.2, -0.5];

describe('HuberLoss edge cases', () => {
  it('equals delta times SmoothL1Loss with beta = delta, in value and gradients', () => {
    for (const d of [0.5, 1, 2, 1e-3]) {
      const args = { input: f64([7], x), target: f64([7], t) };
      const h = run('HuberLoss', { delta: d, reduction: 'none' }, args);
      const s = run('SmoothL1Loss', { beta: d, reduction: 'none' }, args);
      closeAll(h.output.data, Array.from(s.output.data, (v) => d * v), `values, delta=${d}`);
      closeAll(grad(h, 'input'), grad(s, 'input').map((g) => d * g), `input grad, delta=${d}`);
      closeAll(grad(h, 'target'), grad(s, 'target').map((g) => d * g), `target grad, delta=${d}`);
    }
  });

  it('is continuous at |x − t| = delta, with gradient ±delta there', () => {
    const r = run('HuberLoss', { delta: 0.5, reduction: 'none' }, { input: f64([2], [0.5, -0.5]), target: f64([2], [0, 0]) });
    closeAll(r.output.data, [0.125, 0.125], 'loss at the threshold (0.5·δ² from both branches)');
    closeAll(grad(r, 'input'), [0.5, -0.5], 'gradient at the threshold');
  });

  it('grows linearly far from the target: loss = delta·(|d| − delta/2)', () => {
    const r = run('HuberLoss', { delta: 2, reduction: 'sum' }, { input: f64([1], [1e6]), target: f64([1], [0]) });
    close(value(r), 2 * (1e6 - 1), 'linear branch');
    assert.deepEqual(grad(r, 'input'), [2]);
  });

  it("'mean' divides the gradient by the element count", () => {
    const args = { input: f64([7], x), target: f64([7], t) };
    const mean = run('HuberLoss', {}, args);
    const sum = run('HuberLoss', { reduction: 'sum' }, args);
    closeAll(grad(mean, 'input'), grad(sum, 'input').map((g) => g / 7), 'mean grad');
  });

  for (const delta of [0, -1, 'nan']) {
    it(`rejects delta = ${delta} with a RuntimeError naming delta`, () => {
      throwsLoss(() => run('HuberLoss', { delta }, { input: f64([1], [1]), target: f64([1], [0]) }), 'RuntimeError', 'delta', [
        'huber_loss does not support non-positive values for delta',
        'Expected delta > 0',
      ]);
    });
  }
});
