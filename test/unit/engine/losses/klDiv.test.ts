import * as assert from 'node:assert/strict';
import { close, closeAll, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const logQ = [-1.2, -0.5, -2, -0.1, -3, -0.7];
const p = [0.1, 0.4, 0.05, 0.3, 0.15, 0];

describe('KLDivLoss edge cases', () => {
  it('with log_target=True at log(p) equals log_target=False at p wherever p > 0, with the same input gradient', () => {
    const n = 5;
    const a = run('KLDivLoss', { reduction: 'none' }, { input: f64([n], logQ.slice(0, n)), target: f64([n], p.slice(0, n)) });
    const b = run('KLDivLoss', { reduction: 'none', log_target: true }, { input: f64([n], logQ.slice(0, n)), target: f64([n], p.slice(0, n).map(Math.log)) });
    closeAll(b.output.data, a.output.data, 'values', 1e-12);
    closeAll(grad(b, 'input'), grad(a, 'input'), 'input grad', 1e-12);
  });

  it("'batchmean' divides the sum by input.size(0), 'mean' by the element count", () => {
    const args = { input: f64([2, 3], logQ), target: f64([2, 3], p) };
    const sum = value(run('KLDivLoss', { reduction: 'sum' }, args));
    close(value(run('KLDivLoss', { reduction: 'batchmean' }, args)), sum / 2, 'batchmean');
    close(value(run('KLDivLoss', { reduction: 'mean' }, args)), sum / 6, 'mean');
    closeAll(grad(run('KLDivLoss', { reduction: 'batchmean' }, args), 'input'), p.map((v) => -v / 2), 'batchmean grad');
  });

  it("'batchmean' uses input's own first dim when target broadcasts it, and does not divide for 0-d input", () => {
    const bc = { input: f64([3], logQ.slice(0, 3)), target: f64([2, 3], p) };
    close(value(run('KLDivLoss', { reduction: 'batchmean' }, bc)), value(run('KLDivLoss', { reduction: 'sum' }, bc)) / 3, 'divided by 3');
    const scalar = { input: f64([], [-0.5]), target: f64([], [0.25]) };
    close(value(run('KLDivLoss', { reduction: 'batchmean' }, scalar)), value(run('KLDivLoss', { reduction: 'sum' }, scalar)), '0-d');
  });

  it('counts target == 0 as 0 in the loss but gives it a nan target gradient', () => {
    const r = run('KLDivLoss', { reduction: 'none' }, { input: f64([6], logQ), target: f64([6], p) });
    assert.equal(r.output.data[5], 0);
    const g = grad(r, 'target');
    assert.ok(Number.isNaN(g[5]));
    close(g[0], Math.log(0.1) + 1 - logQ[0], 'd/dt = log t + 1 − x');
  });

  it('keeps the nan target gradient at target == 0 under an empty broadcast', () => {
    const g = grad(run('KLDivLoss', { reduction: 'sum' }, { input: f64([0, 2], []), target: f64([2], [0, 0.5]) }), 'target');
    assert.ok(Number.isNaN(g[0]));
    assert.equal(g[1], 0);
  });

  it('rejects integer input or target with kl_div\'s RuntimeError, naming the argument', () => {
    throwsLoss(() => run('KLDivLoss', {}, { input: i64([2], [1, 2]), target: f64([2], [0.5, 0.5]) }), 'RuntimeError', 'input', ['Integral inputs not supported']);
    throwsLoss(() => run('KLDivLoss', {}, { input: f64([2], [1, 2]), target: i64([2], [0, 1]) }), 'RuntimeError', 'target', ['Integral inputs not supported']);
  });

  it("rejects 'batchmean'-like typos with a ValueError naming reduction", () => {
    throwsLoss(() => run('KLDivLoss', { reduction: 'batch_mean' }, { input: f64([1], [0]), target: f64([1], [1]) }), 'ValueError', 'reduction', [
      'batch_mean is not a valid value for reduction',
      "'batchmean'",
    ]);
  });
});
