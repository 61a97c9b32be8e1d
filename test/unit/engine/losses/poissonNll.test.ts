import * as assert from 'node:assert/strict';
import { close, closeAll, f64, grad, run } from './pointwiseHelpers';

const rate = [0.5, 1.5, 3, 0.1, 2];
const counts = [0, 1, 4, 0.5, 2];

describe('PoissonNLLLoss edge cases', () => {
  it('with log_input=True at x = log(λ + eps) equals log_input=False at λ, plus the eps', () => {
    const eps = 0.25;
    const logIn = run('PoissonNLLLoss', { log_input: true, reduction: 'none' }, {
      log_input: f64([5], rate.map((l) => Math.log(l + eps))),
      target: f64([5], counts),
    });
    const raw = run('PoissonNLLLoss', { log_input: false, eps, reduction: 'none' }, { log_input: f64([5], rate), target: f64([5], counts) });
    closeAll(logIn.output.data, Array.from(raw.output.data, (v) => v + eps), 'values');
  });

  it('with full=True adds the Stirling term t·log t − t + ½·log(2πt) only where target > 1', () => {
    const args = { log_input: f64([5], rate), target: f64([5], counts) };
    const plain = run('PoissonNLLLoss', { reduction: 'none' }, args).output.data;
    const full = run('PoissonNLLLoss', { full: true, reduction: 'none' }, args).output.data;
    const stirling = counts.map((t) => (t > 1 ? t * Math.log(t) - t + 0.5 * Math.log(2 * Math.PI * t) : 0));
    closeAll(Array.from(full, (v, i) => v - plain[i]), stirling, 'full − plain');
  });

  it('with full=True gives a nan target gradient where target == 0, and a finite one without full', () => {
    const args = { log_input: f64([2], [0.3, 0.3]), target: f64([2], [0, 3]) };
    const full = grad(run('PoissonNLLLoss', { full: true, reduction: 'sum' }, args), 'target');
    assert.ok(Number.isNaN(full[0]));
    close(full[1], -0.3 + Math.log(3) + 0.5 / 3, 'd/dt with the Stirling term');
    assert.deepEqual(grad(run('PoissonNLLLoss', { reduction: 'sum' }, args), 'target'), [-0.3, -0.3]);
  });

  it('keeps that nan even when the target is broadcast against an empty input', () => {
    const r = run('PoissonNLLLoss', { full: true, reduction: 'sum' }, { log_input: f64([0, 2], []), target: f64([2], [0, 3]) });
    assert.equal(r.output.data[0], 0);
    const g = grad(r, 'target');
    assert.ok(Number.isNaN(g[0]));
    assert.equal(g[1], 0);
  });

  it('gives d/dx = exp(x) − t for log_input=True and 1 − t/(x + eps) otherwise', () => {
    const a = run('PoissonNLLLoss', { reduction: 'sum' }, { log_input: f64([5], rate), target: f64([5], counts) });
    closeAll(grad(a, 'log_input'), rate.map((x, i) => Math.exp(x) - counts[i]), 'log_input=True');
    const b = run('PoissonNLLLoss', { log_input: false, reduction: 'sum' }, { log_input: f64([5], rate), target: f64([5], counts) });
    closeAll(grad(b, 'log_input'), rate.map((x, i) => 1 - counts[i] / (x + 1e-8)), 'log_input=False');
  });

  it("rejects the deprecated 'elementwise_mean', which poisson_nll_loss checks itself", () => {
    assert.throws(() => run('PoissonNLLLoss', { reduction: 'elementwise_mean' }, { log_input: f64([1], [1]), target: f64([1], [1]) }),
      /elementwise_mean is not a valid value for reduction/);
  });
});
