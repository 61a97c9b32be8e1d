import * as assert from 'node:assert/strict';
import { log1pExpNegAbs, logSigmoid, sigmoid, softplus, xlogy } from '../../../src/engine/stable';

const xs = [-1e4, -745, -50, -3, -0.5, 0, 1e-12, 0.5, 3, 50, 745, 1e4];

describe('stable numerics', () => {
  it('satisfy logσ(x) − logσ(−x) = x and softplus(x) − softplus(−x) = x without overflow', () => {
    for (const x of xs) {
      assert.ok(Math.abs(logSigmoid(x) - logSigmoid(-x) - x) <= 1e-12 * Math.max(1, Math.abs(x)), `logσ at ${x}`);
      assert.ok(Math.abs(softplus(x) - softplus(-x) - x) <= 1e-12 * Math.max(1, Math.abs(x)), `softplus at ${x}`);
      assert.ok(Number.isFinite(logSigmoid(x)) && Number.isFinite(softplus(x)), `finite at ${x}`);
    }
  });

  it('satisfy σ(x) + σ(−x) = 1 and logσ(x) = −softplus(−x), and agree with the naive formulas where those are safe', () => {
    for (const x of xs) {
      assert.ok(Math.abs(sigmoid(x) + sigmoid(-x) - 1) <= 1e-15, `σ at ${x}`);
      assert.ok(logSigmoid(x) === -softplus(-x), `logσ = −softplus(−·) at ${x}`);
      if (Math.abs(x) < 30) {
        assert.ok(Math.abs(sigmoid(x) - 1 / (1 + Math.exp(-x))) <= 1e-15, `σ naive at ${x}`);
        assert.ok(Math.abs(softplus(x) - Math.log(1 + Math.exp(x))) <= 1e-12, `softplus naive at ${x}`);
      }
      assert.equal(log1pExpNegAbs(x), softplus(-Math.abs(x)));
    }
  });

  it('define xlogy(0, y) = 0 except for nan y, like torch.xlogy', () => {
    assert.equal(xlogy(0, 0), 0);
    assert.equal(xlogy(0, -1), 0);
    assert.ok(Number.isNaN(xlogy(0, NaN)));
    assert.ok(Number.isNaN(xlogy(2, -1)));
    assert.equal(xlogy(2, Math.E), 2);
  });
});
