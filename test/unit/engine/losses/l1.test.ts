import * as assert from 'node:assert/strict';
import { close, closeAll, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const x = [0.5, -1.25, 2, 3, -0.5, 0];
const t = [1, -1.25, -2, 3.5, 0.25, 0];

describe('L1Loss edge cases', () => {
  it("gives 'sum' equal to 'mean' times the element count, and 'none' summing to 'sum'", () => {
    const args = { input: f64([2, 3], x), target: f64([2, 3], t) };
    const sum = value(run('L1Loss', { reduction: 'sum' }, args));
    const mean = value(run('L1Loss', { reduction: 'mean' }, args));
    const none = run('L1Loss', { reduction: 'none' }, args).output.data;
    close(sum, mean * 6, 'sum = mean·n');
    close(sum, Array.from(none).reduce((a, b) => a + b, 0), 'sum of none');
    close(sum, x.reduce((s, v, i) => s + Math.abs(v - t[i]), 0), 'Σ|x − t|');
  });

  it('takes sign(0) = 0 at ties, so tied elements get no gradient', () => {
    const r = run('L1Loss', { reduction: 'sum' }, { input: f64([6], x), target: f64([6], t) });
    assert.deepEqual(grad(r, 'input'), [-1, 0, 1, -1, -1, 0]);
    assert.deepEqual(grad(r, 'target').map((g) => g + 0), [1, 0, -1, 1, 1, 0]);
  });

  it('sums a broadcast target gradient back over the broadcast rows', () => {
    const r = run('L1Loss', { reduction: 'none' }, { input: f64([2, 3], x), target: f64([3], [0, 0, 0]) });
    assert.deepEqual([...r.output.shape], [2, 3]);
    // d/dt of Σ|x − t| is −Σ_rows sign(x − t).
    const want = [0, 1, 2].map((j) => -(Math.sign(x[j]) + Math.sign(x[3 + j])));
    closeAll(grad(r, 'target'), want, 'target grad');
  });

  it('gives nan for the mean of an empty batch and 0 for its sum', () => {
    const args = { input: f64([0, 3], []), target: f64([0, 3], []) };
    assert.ok(Number.isNaN(value(run('L1Loss', {}, args))));
    assert.equal(value(run('L1Loss', { reduction: 'sum' }, args)), 0);
  });

  it('promotes an int64 target like torch and gives it no gradient', () => {
    const r = run('L1Loss', { reduction: 'sum' }, { input: f64([3], [0.5, 2, -1]), target: i64([3], [1, 2, 0]) });
    close(value(r), 0.5 + 0 + 1, 'value');
    assert.deepEqual(Object.keys(r.grad ?? {}), ['input']);
  });

  it('rejects targets that do not broadcast with a RuntimeError naming target and both shapes', () => {
    throwsLoss(() => run('L1Loss', {}, { input: f64([3, 2], [1, 2, 3, 4, 5, 6]), target: f64([4, 2], [1, 2, 3, 4, 5, 6, 7, 8]) }),
      'RuntimeError', 'target', ['must match the size of tensor b', '[3, 2]', '[4, 2]']);
  });

  it('rejects integer input and target together, as torch has no float dtype for the mean', () => {
    throwsLoss(() => run('L1Loss', {}, { input: i64([2], [1, 2]), target: i64([2], [1, 2]) }), 'RuntimeError', 'target', ['could not infer output dtype']);
  });

  it("follows the legacy flags over 'reduction': reduce=False gives 'none', size_average=False gives 'sum'", () => {
    const args = { input: f64([2], [1, 3]), target: f64([2], [0, 0]) };
    assert.deepEqual([...run('L1Loss', { reduce: false, reduction: 'sum' }, args).output.data], [1, 3]);
    assert.equal(value(run('L1Loss', { size_average: false }, args)), 4);
    assert.equal(value(run('L1Loss', { reduction: 'elementwise_mean' }, args)), 2);
  });
});
