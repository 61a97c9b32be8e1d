import * as assert from 'node:assert/strict';
import { close, closeAll, f64, grad, run, throwsLoss, value } from './pointwiseHelpers';

const x = [0.1, -0.7, 2.5, -3, 0.45, 1.2];
const t = [0, 0.2, 0.5, 0, -0.05, 1.2];

describe('SmoothL1Loss edge cases', () => {
  it('with beta = 0 is L1Loss, including the zero gradient at a tie', () => {
    const args = { input: f64([6], x), target: f64([6], t) };
    const s = run('SmoothL1Loss', { beta: 0, reduction: 'none' }, args);
    const l = run('L1Loss', { reduction: 'none' }, args);
    closeAll(s.output.data, l.output.data, 'values');
    closeAll(grad(s, 'input'), grad(l, 'input'), 'input grad');
    assert.equal(grad(s, 'input')[5], 0);
  });

  it('is 0.5·d²/beta inside the threshold and |d| − beta/2 outside', () => {
    const beta = 0.8;
    const r = run('SmoothL1Loss', { beta, reduction: 'none' }, { input: f64([6], x), target: f64([6], t) });
    const want = x.map((v, i) => {
      const z = Math.abs(v - t[i]);
      return z < beta ? (0.5 * z * z) / beta : z - beta / 2;
    });
    closeAll(r.output.data, want, 'piecewise');
  });

  it('has gradient ±1 exactly at the threshold, where both branches meet', () => {
    const r = run('SmoothL1Loss', { beta: 0.5, reduction: 'sum' }, { input: f64([2], [0.5, -0.5]), target: f64([2], [0, 0]) });
    assert.deepEqual(grad(r, 'input'), [1, -1]);
    close(value(r), 0.5, 'both halves give 0.25');
  });

  it('gives a nan gradient for a nan difference (no branch claims it)', () => {
    const r = run('SmoothL1Loss', { reduction: 'none' }, { input: f64([1], ['nan']), target: f64([1], [0]) });
    assert.ok(Number.isNaN(grad(r, 'input')[0]));
  });

  for (const beta of [-0.5, 'nan']) {
    it(`rejects beta = ${beta} with a RuntimeError naming beta`, () => {
      throwsLoss(() => run('SmoothL1Loss', { beta }, { input: f64([1], [1]), target: f64([1], [0]) }), 'RuntimeError', 'beta', [
        'smooth_l1_loss does not support negative values for beta',
      ]);
    });
  }
});
